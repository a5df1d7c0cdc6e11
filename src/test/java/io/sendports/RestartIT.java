package io.sendports;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sendports.broker.KafkaBroker;
import io.sendports.testsupport.HttpReceiver;
import io.sendports.testsupport.ServiceProcess;

/**
 * The packaged service, run as a separate process against a broker that outlives it: ports, their states,
 * parked retries and suspended messages survive a restart, and a message published while the service was
 * down is delivered after it.
 */
class RestartIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path work;

    private KafkaBroker broker;

    @BeforeEach
    void startBroker() {
        broker = KafkaBroker.start(work.resolve("kafka"), KafkaBroker.freePort(), KafkaBroker.freePort());
    }

    @AfterEach
    void stopBroker() {
        broker.close();
    }

    @Test
    void portsAndStatesSurviveARestart() throws Exception {
        Path out = Files.createDirectories(work.resolve("out"));
        String address = out.toUri().toString().replaceFirst("^file:/+", "file:///");
        try (ServiceProcess service = new ServiceProcess(broker.bootstrapServers(), work).start()) {
            service.expect(201, "POST", "/api/send-ports", """
                    {"name":"survivor","kind":"static","pattern":"one-way","subscription":{"topics":["restart-in"]},
                     "transport":{"type":"file","address":"%s","options":{"fileName":"%%SourceFileName%%"}}}
                    """.formatted(address));
            service.expect(200, "POST", "/api/send-ports/survivor/start", null);
            service.expect(201, "POST", "/api/send-ports", """
                    {"name":"waiting","kind":"static","pattern":"one-way","subscription":{"topics":["restart-in"]},
                     "transport":{"type":"kafka","address":"kafka:restart-out"},"state":"stopped"}
                    """);
            publish("restart-in", "before", Map.of());
            await().atMost(WAIT).until(() -> Files.exists(out.resolve("before")));

            service.stop();
            publish("restart-in", "while-down", Map.of());
            service.start();

            String survivor = service.expect(200, "GET", "/api/send-ports/survivor", null);
            assertTrue(survivor.contains("\"state\":\"started\""), survivor);
            await().atMost(WAIT).until(() -> Files.exists(out.resolve("while-down")));
            publish("restart-in", "after", Map.of());
            await().atMost(WAIT).until(() -> Files.exists(out.resolve("after")));

            // the lag is measured every sendports.status-refresh (10 s), never per read: wait for the pass
            await().atMost(WAIT).untilAsserted(() -> {
                String waiting = service.expect(200, "GET", "/api/send-ports/waiting", null);
                assertTrue(waiting.contains("\"state\":\"stopped\"") && waiting.contains("\"lag\":3"), waiting);
            });
            assertEquals(List.of("after", "before", "while-down"), listNames(out));
        }
    }

    @Test
    void parkedRetriesAndSuspendedMessagesSurviveARestart() throws Exception {
        try (HttpReceiver receiver = new HttpReceiver();
                ServiceProcess service = new ServiceProcess(broker.bootstrapServers(), work).start()) {
            receiver.answer(r -> r.body().equals("bad") ? 400 : 503);
            service.expect(201, "POST", "/api/send-ports", """
                    {"name":"patient","kind":"static","pattern":"one-way","subscription":{"topics":["patient-in"]},
                     "transport":{"type":"http","address":"%s"},"retry":{"count":5,"interval":"PT3S"},
                     "state":"started"}
                    """.formatted(receiver.url("/in")));
            publish("patient-in", "bad", Map.of());
            publish("patient-in", "later", Map.of());
            await().atMost(WAIT).until(() -> receiver.attempts().stream().anyMatch(r -> r.body().equals("later"))
                    && service.expect(200, "GET", "/api/suspended-messages?port=patient", null).contains("HTTP 400"));

            service.stop();
            receiver.answer(r -> r.body().equals("bad") ? 400 : 200);
            service.start();

            await().atMost(WAIT).until(() -> receiver.bodies().contains("later"));
            String suspended = service.expect(200, "GET", "/api/suspended-messages?port=patient", null);
            assertTrue(suspended.contains("\"attempts\":1") && suspended.contains("HTTP 400"), suspended);
        }
    }

    private void publish(String topic, String name, Map<String, String> headers) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", broker.bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
            byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
            producer.send(new ProducerRecord<>(topic, null, bytes, bytes,
                    List.of(new RecordHeader("sendports.file-name", bytes)))).get();
        }
    }

    private static List<String> listNames(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        }
    }
}
