package io.sendports;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sendports.broker.KafkaBroker;

/**
 * The packaged service, run as a separate process against a broker that outlives it: ports and their
 * states survive a restart, and a message published while the service was down is delivered after it.
 */
class RestartIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path work;

    private KafkaBroker broker;
    private Process service;
    private int httpPort;

    @AfterEach
    void tearDown() {
        if (service != null) {
            service.destroyForcibly();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void portsAndStatesSurviveARestart() throws Exception {
        broker = KafkaBroker.start(work.resolve("kafka"), KafkaBroker.freePort(), KafkaBroker.freePort());
        Path out = Files.createDirectories(work.resolve("out"));
        String address = out.toUri().toString().replaceFirst("^file:/+", "file:///");

        startService();
        assertEquals(201, call("POST", "/api/send-ports", """
                {"name":"survivor","kind":"static","pattern":"one-way","subscription":{"topics":["restart-in"]},
                 "transport":{"type":"file","address":"%s","options":{"fileName":"%%SourceFileName%%"}}}
                """.formatted(address)).statusCode());
        assertEquals(200, call("POST", "/api/send-ports/survivor/start", null).statusCode());
        assertEquals(201, call("POST", "/api/send-ports", """
                {"name":"waiting","kind":"static","pattern":"one-way","subscription":{"topics":["restart-in"]},
                 "transport":{"type":"kafka","address":"kafka:restart-out"},"state":"stopped"}
                """).statusCode());
        publish("before");
        await().atMost(WAIT).until(() -> Files.exists(out.resolve("before")));

        stopService();
        publish("while-down");
        startService();

        String survivor = call("GET", "/api/send-ports/survivor", null).body();
        assertTrue(survivor.contains("\"state\":\"started\""), survivor);
        await().atMost(WAIT).until(() -> Files.exists(out.resolve("while-down")));
        publish("after");
        await().atMost(WAIT).until(() -> Files.exists(out.resolve("after")));

        String waiting = call("GET", "/api/send-ports/waiting", null).body();
        assertTrue(waiting.contains("\"state\":\"stopped\"") && waiting.contains("\"lag\":3"), waiting);
        assertEquals(List.of("after", "before", "while-down"), listNames(out));
    }

    private void startService() throws IOException {
        httpPort = KafkaBroker.freePort();
        Path log = work.resolve("service-" + System.nanoTime() + ".log");
        service = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dkafka.bootstrap.servers=" + broker.bootstrapServers(),
                "-Dquarkus.http.port=" + httpPort,
                "-jar", Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath().toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!service.isAlive()) {
                throw new IllegalStateException("service exited: " + Files.readString(log));
            }
            try {
                return call("GET", "/q/health/ready", null).statusCode() == 200;
            } catch (IOException notYet) {
                return false;
            }
        });
    }

    private void stopService() throws InterruptedException {
        service.destroy();
        assertTrue(service.waitFor(60, TimeUnit.SECONDS), "service stops on SIGTERM");
        service = null;
    }

    private HttpResponse<String> call(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + path))
                .timeout(Duration.ofSeconds(60));
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void publish(String name) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", broker.bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
            byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
            producer.send(new ProducerRecord<>("restart-in", null, bytes, bytes,
                    List.of(new RecordHeader("sendports.file-name", bytes)))).get();
        }
    }

    private static List<String> listNames(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        }
    }
}
