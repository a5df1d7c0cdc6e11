package io.sendports;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sendports.testsupport.HttpReceiver;
import io.sendports.testsupport.ServiceProcess;

/**
 * A graceful stop (SIGTERM) in the middle of a stream, with the service's own embedded broker: the ports stop
 * taking messages, finish and commit what is in flight and leave their groups before the broker stops. So the
 * stop logs no warnings of clients that lost the broker and no errors, and after a restart every message has
 * arrived exactly once.
 */
class ShutdownIT {
    private static final int MESSAGES = 5_000;
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path work;

    @Test
    void aGracefulStopMidStreamIsQuietAndDeliversEveryMessageExactlyOnce() throws Exception {
        try (HttpReceiver receiver = new HttpReceiver();
                ServiceProcess service = ServiceProcess.embedded(work).start()) {
            // The destination takes a few milliseconds per message, so that the stop lands mid-stream.
            receiver.answer(request -> {
                java.util.concurrent.locks.LockSupport.parkNanos(3_000_000);
                return 200;
            });
            service.expect(201, "POST", "/api/send-ports", """
                    {"name":"steady","kind":"static","pattern":"one-way","subscription":{"topics":["steady-in"]},
                     "transport":{"type":"http","address":"%s"},"state":"started"}
                    """.formatted(receiver.url("/in")));
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                    Map.of("bootstrap.servers", service.bootstrapServers(), "linger.ms", 5),
                    new ByteArraySerializer(), new ByteArraySerializer())) {
                for (int i = 0; i < MESSAGES; i++) {
                    byte[] body = ("m" + i).getBytes(StandardCharsets.UTF_8);
                    producer.send(new ProducerRecord<>("steady-in", body, body));
                }
            }
            await().atMost(WAIT).pollInterval(Duration.ofMillis(10)).until(() -> receiver.bodies().size() >= MESSAGES / 2);
            service.stop();
            int beforeStop = receiver.bodies().size();
            Path stopped = service.log();
            List<String> noise = Files.readAllLines(stopped).stream()
                    .filter(line -> line.contains("could not be established") || line.contains(" ERROR ["))
                    .toList();
            assertEquals(List.of(), noise, "warnings and errors of the stop, log " + stopped);

            service.start();
            await().atMost(WAIT).until(() -> new HashSet<>(receiver.bodies()).size() == MESSAGES);
            await().atMost(WAIT).until(() -> service.expect(200, "GET", "/api/send-ports/steady", null)
                    .contains("\"lag\":0"));
            System.out.printf("ShutdownIT: %d of %d delivered before SIGTERM, %d requests in all%n", beforeStop,
                    MESSAGES, receiver.bodies().size());
            assertEquals(MESSAGES, receiver.bodies().size(), "every message exactly once, no duplicates");
        }
    }
}
