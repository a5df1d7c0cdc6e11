package io.sendports.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

/**
 * deploy/kafka-topics.yaml declares Sendports' own topics with the partitions and settings that
 * {@link TopicSetup} gives them when it creates them: an operator who applies the manifest gets the same topics.
 */
class TopicManifestTest {

    /** One KafkaTopic of the manifest: its partitions and its config, read line by line (the file is flat). */
    private record Declared(int partitions, Map<String, String> config) {
    }

    @Test
    void theManifestDeclaresWhatTopicSetupCreates() throws Exception {
        Map<String, Declared> declared = declared(Files.readString(Path.of("deploy", "kafka-topics.yaml")));
        for (NewTopic topic : TopicSetup.ownTopics("sendports.control", "sendports.suspended", "sendports.retry",
                (short) 3)) {
            Declared manifest = declared.get(topic.name());
            assertNotNull(manifest, topic.name() + " is in deploy/kafka-topics.yaml");
            assertEquals(topic.numPartitions(), manifest.partitions(), "partitions of " + topic.name());
            topic.configs().forEach((name, value) ->
                    assertEquals(value, manifest.config().get(name), name + " of " + topic.name()));
        }
    }

    private static Map<String, Declared> declared(String yaml) {
        Map<String, Declared> topics = new HashMap<>();
        for (String document : yaml.split("(?m)^---\\s*$")) {
            String name = null;
            int partitions = -1;
            Map<String, String> config = new HashMap<>();
            boolean inConfig = false;
            for (String line : document.split("\n")) {
                String trimmed = line.strip();
                if (trimmed.startsWith("#") || trimmed.isEmpty()) {
                    continue;
                }
                if (trimmed.startsWith("topicName:")) {
                    name = value(trimmed);
                } else if (trimmed.startsWith("partitions:")) {
                    partitions = Integer.parseInt(value(trimmed));
                } else if (trimmed.equals("config:")) {
                    inConfig = true;
                } else if (inConfig && line.startsWith("    ")) {
                    config.put(trimmed.substring(0, trimmed.indexOf(':')), value(trimmed));
                } else {
                    inConfig = false;
                }
            }
            if (name != null) {
                topics.put(name, new Declared(partitions, config));
            }
        }
        return topics;
    }

    private static String value(String line) {
        String value = line.substring(line.indexOf(':') + 1).strip();
        return value.startsWith("\"") ? value.substring(1, value.length() - 1) : value;
    }
}
