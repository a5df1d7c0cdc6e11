package io.sendports;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.sendports.broker.KafkaBroker;
import io.sendports.testsupport.HttpReceiver;
import io.sendports.testsupport.ServiceProcess;

/**
 * A parked message whose retry fell due while the service was down is retried within seconds of the service
 * being ready again, after a graceful stop (SIGTERM) as after a crash (SIGKILL). The lateness is measured from
 * readiness, so a slow start-up on a loaded machine does not count against it.
 */
class ParkedRetryRestartIT {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Duration INTERVAL = Duration.ofSeconds(5);
    /**
     * Far below the 34-68 s seen before (a member that vanished without leaving its group held the retry
     * partitions for Kafka's 45 s session), with room for a loaded machine.
     */
    private static final Duration AT_MOST_LATE = Duration.ofSeconds(10);

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

    @ParameterizedTest(name = "killed: {0}")
    @ValueSource(booleans = {false, true})
    void aRetryDueWhileTheServiceWasDownIsMadeSoonAfterItIsReady(boolean killed) throws Exception {
        try (HttpReceiver receiver = new HttpReceiver();
                ServiceProcess service = new ServiceProcess(broker.bootstrapServers(), work).start()) {
            receiver.answer(r -> 503);
            service.expect(201, "POST", "/api/send-ports", """
                    {"name":"parked","kind":"static","pattern":"one-way","subscription":{"topics":["parked-in"]},
                     "transport":{"type":"http","address":"%s"},"retry":{"count":5,"interval":"%s"},
                     "state":"started"}
                    """.formatted(receiver.url("/in"), INTERVAL));
            publish("parked-in", "due while down");
            await().atMost(WAIT).until(() -> service.expect(200, "GET", "/api/send-ports/parked", null)
                    .contains("\"retried\":1"));
            if (killed) {
                service.kill();
            } else {
                service.stop();
            }
            receiver.answer(r -> 200);
            // Due by now, even if it was retried (and parked again) while the service stopped.
            Instant due = Instant.now().plus(INTERVAL);
            await().atMost(INTERVAL.plusSeconds(5)).until(() -> Instant.now().isAfter(due));
            assertTrue(receiver.bodies().isEmpty());
            service.start();
            Instant ready = Instant.now();

            await().atMost(WAIT).until(() -> receiver.bodies().contains("due while down"));
            Duration late = Duration.between(ready, Instant.now());
            assertTrue(late.compareTo(AT_MOST_LATE) <= 0, "retried " + late + " after the service was ready");
        }
    }

    private void publish(String topic, String value) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", broker.bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            producer.send(new ProducerRecord<>(topic, null, bytes, bytes, List.of())).get();
        }
    }
}
