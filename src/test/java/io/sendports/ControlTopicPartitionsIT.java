package io.sendports;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sendports.broker.KafkaBroker;
import io.sendports.testsupport.ServiceProcess;

/**
 * A control topic with more than one partition would let two records of one port be read out of order: the
 * service refuses to start on it and says why, as Kafka Connect does for its config topic.
 */
class ControlTopicPartitionsIT {
    @TempDir
    Path work;

    @Test
    void theServiceRefusesToStartOnAControlTopicWithTwoPartitions() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start(work.resolve("kafka"), KafkaBroker.freePort(), KafkaBroker.freePort());
                Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("it.control", 2, (short) 1))).all().get();
            try (ServiceProcess service = new ServiceProcess(broker.bootstrapServers(), work)
                    .with("sendports.topics.control", "it.control")) {
                int exit = service.startExpectingExit(Duration.ofSeconds(90));
                String log = Files.readString(service.log());
                assertNotEquals(0, exit, "exit code; log: " + log);
                assertTrue(log.contains("The control topic it.control has 2 partitions; Sendports needs exactly 1"), log);
            }
        }
    }
}
