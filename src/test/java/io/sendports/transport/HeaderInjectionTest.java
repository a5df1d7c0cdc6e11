package io.sendports.transport;

import static io.sendports.testsupport.Api.action;
import static io.sendports.testsupport.Api.create;
import static io.sendports.testsupport.Api.fileTransport;
import static io.sendports.testsupport.Api.staticPort;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sendports.testsupport.HttpReceiver;
import io.sendports.testsupport.KafkaTestResource;
import io.sendports.testsupport.TestKafka;

/** No header a message carries can redirect a static port: each lands exactly at its configured destination. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class HeaderInjectionTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    /** Headers Camel's producers act on, in several letter cases. */
    private List<Map<String, String>> hostileHeaderSets(String elsewhere, Path outside) {
        List<Map<String, String>> sets = new ArrayList<>();
        for (String prefix : List.of("Camel", "camel", "CAMEL", "cAmEl")) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put(prefix + "HttpUri", elsewhere);
            headers.put(prefix + "HttpPath", "/evil");
            headers.put(prefix + "HttpQuery", "evil=1");
            headers.put(prefix + "HttpMethod", "DELETE");
            headers.put(prefix + "FileName", outside.resolve("evil.txt").toString());
            headers.put(prefix + "OverruleFileName", "../evil.txt");
            sets.add(headers);
        }
        for (String name : List.of("kafka.OVERRIDE_TOPIC", "KAFKA.override_topic", "Kafka.Override_Topic")) {
            sets.add(Map.of(name, "evil-topic", "kafka.KEY", "evil-key", "kafka.PARTITION_KEY", "7"));
        }
        sets.add(Map.of("org.apache.camel.foo", "x", "ORG.APACHE.CAMEL.bar", "y"));
        return sets;
    }

    @Test
    void staticHttpPortIgnoresInjectedHeaders() throws Exception {
        try (HttpReceiver receiver = new HttpReceiver(); HttpReceiver elsewhere = new HttpReceiver()) {
            String topic = TestKafka.uniqueTopic("inject-http");
            create(staticPort("inject-http", topic, "{\"type\":\"http\",\"address\":\"" + receiver.url("/fixed") + "\"}",
                    null)).statusCode(201);
            action("inject-http", "start").statusCode(200);
            List<Map<String, String>> sets = hostileHeaderSets(elsewhere.url("/stolen"), dir);
            for (int i = 0; i < sets.size(); i++) {
                TestKafka.publish(topic, "k" + i, "m" + i, sets.get(i));
            }
            await().atMost(WAIT).until(() -> receiver.requests().size() == sets.size());
            for (HttpReceiver.Request request : receiver.requests()) {
                assertEquals("POST", request.method());
                assertEquals("/fixed", request.path());
                assertNull(request.query());
                assertTrue(request.headers().keySet().stream().noneMatch(h -> h.startsWith("camel")
                        || h.startsWith("kafka.") || h.startsWith("org.apache.camel")), request.headers().toString());
            }
            assertEquals(0, elsewhere.attempts().size());
            action("inject-http", "unenlist").statusCode(200);
        }
    }

    @Test
    void staticFilePortIgnoresInjectedHeaders() throws Exception {
        Path target = Files.createDirectories(dir.resolve("target"));
        Path outside = Files.createDirectories(dir.resolve("outside"));
        String topic = TestKafka.uniqueTopic("inject-file");
        create(staticPort("inject-file", topic, fileTransport(target, "{\"fileName\":\"%MessageID%.msg\"}"), null))
                .statusCode(201);
        action("inject-file", "start").statusCode(200);
        List<Map<String, String>> sets = hostileHeaderSets("http://127.0.0.1:1/", outside);
        for (int i = 0; i < sets.size(); i++) {
            TestKafka.publish(topic, "k" + i, "m" + i, sets.get(i));
        }
        await().atMost(WAIT).until(() -> names(target).size() == sets.size());
        assertTrue(names(target).stream().allMatch(n -> n.endsWith(".msg")), names(target).toString());
        assertEquals(List.of(), names(outside));
        assertEquals(List.of("outside", "target"), names(dir), "nothing was written beside the target directory");
        action("inject-file", "unenlist").statusCode(200);
    }

    @Test
    void staticKafkaPortIgnoresInjectedHeaders() {
        String topic = TestKafka.uniqueTopic("inject-kafka");
        String out = TestKafka.uniqueTopic("inject-out");
        create(staticPort("inject-kafka", topic, "{\"type\":\"kafka\",\"address\":\"kafka:" + out + "\"}", null))
                .statusCode(201);
        action("inject-kafka", "start").statusCode(200);
        List<Map<String, String>> sets = hostileHeaderSets("http://127.0.0.1:1/", dir);
        for (int i = 0; i < sets.size(); i++) {
            TestKafka.publish(topic, "k" + i, "m" + i, sets.get(i));
        }
        List<ConsumerRecord<byte[], byte[]>> records = TestKafka.read(out, sets.size(), WAIT);
        assertEquals(sets.size(), records.size());
        for (int i = 0; i < records.size(); i++) {
            assertEquals("k" + i, TestKafka.text(records.get(i).key()));
            records.get(i).headers().forEach(h -> assertTrue(!h.key().toLowerCase().startsWith("camel")
                    && !h.key().toLowerCase().startsWith("kafka."), h.key()));
        }
        assertEquals(0, TestKafka.read("evil-topic", 1, Duration.ofSeconds(2)).size());
        action("inject-kafka", "unenlist").statusCode(200);
    }

    private static List<String> names(Path directory) throws Exception {
        try (var files = Files.list(directory)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        }
    }
}
