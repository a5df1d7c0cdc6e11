package io.sendports;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sendports.broker.KafkaBroker;
import io.sendports.testsupport.ServiceProcess;

/**
 * Two instances on one control topic converge on the same ports, share a started port's partitions, and
 * one carries on alone when the other stops.
 */
class MultiInstanceIT {

    @TempDir
    Path work;

    @Test
    void instancesConvergeShareTheWorkAndTakeOver() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start(work.resolve("kafka"), KafkaBroker.freePort(), KafkaBroker.freePort());
                // Four consumers each (the default) on four partitions: the group's assignor gives each instance two.
                ServiceProcess first = new ServiceProcess(broker.bootstrapServers(), work).start();
                ServiceProcess second = new ServiceProcess(broker.bootstrapServers(), work).start();
                KafkaConsumer<byte[], byte[]> reader = new KafkaConsumer<>(Map.of(
                        "bootstrap.servers", broker.bootstrapServers(), "group.id", "multi-" + UUID.randomUUID(),
                        "auto.offset.reset", "earliest"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("shared-in", 4, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
            first.expect(201, "POST", "/api/send-ports", """
                    {"name":"shared","kind":"static","pattern":"one-way","subscription":{"topics":["shared-in"]},
                     "transport":{"type":"kafka","address":"kafka:shared-out"},"state":"started"}
                    """);
            // The second instance learns of the port from the control topic alone, and runs it too.
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                String port = second.call("GET", "/api/send-ports/shared", null).body();
                return port.contains("\"state\":\"started\"") && port.contains("\"running\":true");
            });
            // Both instances' consumers (four each) are members of the port's group, which holds the four partitions.
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                await().atMost(Duration.ofSeconds(60)).until(() -> {
                    var group = admin.describeConsumerGroups(List.of("sendports.port.shared")).all()
                            .get(10, TimeUnit.SECONDS).get("sendports.port.shared");
                    return group.groupState() == org.apache.kafka.common.GroupState.STABLE && group.members().size() == 8
                            && group.members().stream().mapToInt(m -> m.assignment().topicPartitions().size()).sum() == 4;
                });
            }
            reader.subscribe(List.of("shared-out"));
            Set<String> received = new HashSet<>();
            publish(broker, 0, 1000);
            drainUntil(reader, received, 1000);

            // A record can be read from the destination a moment before its batch's acknowledgement is counted.
            long[] delivered = new long[2];
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                delivered[0] = delivered(first.expect(200, "GET", "/api/send-ports/shared", null));
                delivered[1] = delivered(second.expect(200, "GET", "/api/send-ports/shared", null));
                return delivered[0] + delivered[1] >= 1000;
            });
            assertTrue(delivered[0] > 0 && delivered[1] > 0, "both instances delivered: " + delivered[0] + " and " + delivered[1]);

            first.stop();
            publish(broker, 1000, 2000);
            drainUntil(reader, received, 2000);
            assertEquals(2000, received.size());
        }
    }

    private static long delivered(String port) {
        return Long.parseLong(port.replaceAll("(?s).*\"delivered\":(\\d+).*", "$1"));
    }

    private static void publish(KafkaBroker broker, int from, int to) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                broker.bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = from; i < to; i++) {
                byte[] key = Integer.toString(i).getBytes(StandardCharsets.UTF_8);
                producer.send(new ProducerRecord<>("shared-in", key, key));
            }
        }
    }

    private static void drainUntil(KafkaConsumer<byte[], byte[]> reader, Set<String> received, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (received.size() < count && System.nanoTime() < deadline) {
            reader.poll(Duration.ofMillis(200)).forEach(r -> received.add(new String(r.key(), StandardCharsets.UTF_8)));
        }
        assertEquals(count, received.size(), "every message arrived");
    }
}
