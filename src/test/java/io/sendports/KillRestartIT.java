package io.sendports;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sendports.broker.KafkaBroker;
import io.sendports.testsupport.HttpReceiver;
import io.sendports.testsupport.ServiceProcess;

/**
 * At least once, proven: 10,000 messages stream through a started port while the service is killed
 * (SIGKILL) mid-stream and started again. Every message arrives; the duplicates are counted and reported.
 */
class KillRestartIT {
    private static final int MESSAGES = 10_000;

    @TempDir
    Path work;

    @Test
    void nothingIsLostWhenTheServiceIsKilled() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start(work.resolve("kafka"), KafkaBroker.freePort(), KafkaBroker.freePort());
                ServiceProcess service = new ServiceProcess(broker.bootstrapServers(), work).start();
                KafkaConsumer<byte[], byte[]> reader = reader(broker)) {
            service.expect(201, "POST", "/api/send-ports", """
                    {"name":"relay","kind":"static","pattern":"one-way","subscription":{"topics":["kill-in"]},
                     "transport":{"type":"kafka","address":"kafka:kill-out"},"state":"started"}
                    """);
            reader.subscribe(List.of("kill-out"));
            Map<String, Integer> received = new HashMap<>();
            int total = 0;
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                    Map.of("bootstrap.servers", broker.bootstrapServers(), "linger.ms", 5),
                    new ByteArraySerializer(), new ByteArraySerializer())) {
                for (int i = 0; i < MESSAGES; i++) {
                    byte[] key = Integer.toString(i).getBytes(StandardCharsets.UTF_8);
                    producer.send(new ProducerRecord<>("kill-in", key, key));
                    if (i == MESSAGES / 2) {
                        producer.flush();
                        // Mid-stream: wait until deliveries are under way, then kill without warning.
                        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                        while (received.size() < MESSAGES / 10 && System.nanoTime() < deadline) {
                            total += drain(reader, received);
                        }
                        service.kill();
                    }
                }
                producer.flush();
            }
            int beforeRestart = received.size();
            service.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (received.size() < MESSAGES && System.nanoTime() < deadline) {
                total += drain(reader, received);
            }
            assertEquals(MESSAGES, received.size(), "every message arrived at least once");
            int duplicates = total - MESSAGES;
            System.out.printf("KillRestartIT: %d messages, %d delivered before the kill, %d duplicates after SIGKILL%n",
                    MESSAGES, beforeRestart, duplicates);
            await().atMost(Duration.ofSeconds(30)).until(() -> service.expect(200, "GET", "/api/send-ports/relay", null)
                    .contains("\"lag\":0"));
        }
    }

    @Test
    void everyRequestHasAResponseAfterTheServiceIsKilled() throws Exception {
        int requests = 2_000;
        try (KafkaBroker broker = KafkaBroker.start(work.resolve("kafka"), KafkaBroker.freePort(), KafkaBroker.freePort());
                HttpReceiver server = new HttpReceiver();
                ServiceProcess service = new ServiceProcess(broker.bootstrapServers(), work).start();
                KafkaConsumer<byte[], byte[]> reader = reader(broker)) {
            server.reply(r -> new HttpReceiver.Reply(200, "re:" + r.body(), "text/plain"));
            service.expect(201, "POST", "/api/send-ports", """
                    {"name":"asker","kind":"static","pattern":"solicit-response","subscription":{"topics":["ask"]},
                     "transport":{"type":"http","address":"%s"},"state":"started"}
                    """.formatted(server.url("/answer")));
            reader.subscribe(List.of("asker.responses"));
            Map<String, Integer> received = new HashMap<>();
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                    Map.of("bootstrap.servers", broker.bootstrapServers(), "linger.ms", 5),
                    new ByteArraySerializer(), new ByteArraySerializer())) {
                for (int i = 0; i < requests; i++) {
                    byte[] key = Integer.toString(i).getBytes(StandardCharsets.UTF_8);
                    producer.send(new ProducerRecord<>("ask", key, key));
                    if (i == requests / 2) {
                        producer.flush();
                        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                        while (received.size() < requests / 10 && System.nanoTime() < deadline) {
                            drain(reader, received);
                        }
                        service.kill();
                    }
                }
            }
            service.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (received.size() < requests && System.nanoTime() < deadline) {
                drain(reader, received);
            }
            assertEquals(requests, received.size(), "every request has at least one response");
            System.out.printf("KillRestartIT: %d requests, %d requests sent to the server (duplicates after SIGKILL: %d)%n",
                    requests, server.attempts().size(), server.attempts().size() - requests);
        }
    }

    private static int drain(KafkaConsumer<byte[], byte[]> reader, Map<String, Integer> received) {
        int count = 0;
        for (ConsumerRecord<byte[], byte[]> record : reader.poll(Duration.ofMillis(200))) {
            received.merge(new String(record.key(), StandardCharsets.UTF_8), 1, Integer::sum);
            count++;
        }
        return count;
    }

    private static KafkaConsumer<byte[], byte[]> reader(KafkaBroker broker) {
        return new KafkaConsumer<>(Map.of("bootstrap.servers", broker.bootstrapServers(),
                "group.id", "kill-reader-" + UUID.randomUUID(), "auto.offset.reset", "earliest"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
