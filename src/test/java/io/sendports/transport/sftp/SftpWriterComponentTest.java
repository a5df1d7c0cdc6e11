package io.sendports.transport.sftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sendports.domain.Problems;
import io.sendports.domain.SecretPaths;
import io.sendports.secret.SecretUnavailable;
import io.sendports.secret.Secrets;

/**
 * The sftp transport's Camel component against a real SFTP server, without the application: the write modes,
 * credentials resolved per connection, failures as the transport classifies them, and the speed of 1,000 files.
 */
class SftpWriterComponentTest {
    private static final String PASSWORD = "first-Secret&=1";

    @TempDir
    Path dir;

    private SftpTestServer server;
    private CamelContext camel;
    private ProducerTemplate template;
    private Path secrets;
    private final SftpTransport transport = new SftpTransport();

    @BeforeEach
    void start() throws Exception {
        secrets = Files.createDirectories(dir.resolve("secrets"));
        server = new SftpTestServer(Files.createDirectories(dir.resolve("root")), PASSWORD);
        Files.writeString(secrets.resolve("password"), PASSWORD);
        Files.writeString(secrets.resolve("known_hosts"), server.knownHosts());
        camel = new DefaultCamelContext();
        camel.addComponent(SftpWriterComponent.SCHEME, new SftpWriterComponent(
                new Secrets(SecretPaths.of(List.of(secrets))), SftpHosts.NONE));
        camel.start();
        template = camel.createProducerTemplate();
    }

    @AfterEach
    void stop() throws Exception {
        camel.stop();
        server.close();
    }

    private String uri(String directory, String mode) {
        Problems problems = new Problems();
        SftpDestination destination = transport.parse(server.address(directory), Map.of("username", SftpTestServer.USER,
                "password", "${file:" + secrets.resolve("password") + "}", "knownHosts",
                "${file:" + secrets.resolve("known_hosts") + "}", "mode", mode), "transport", problems);
        assertTrue(problems.isEmpty(), problems.errors().toString());
        return transport.endpointUri(destination, io.sendports.transport.Transport.EndpointUse.of(false, false));
    }

    private Exchange write(String uri, String name, String body) {
        return template.send(uri, exchange -> {
            exchange.getMessage().setBody(body.getBytes());
            exchange.getMessage().setHeader(Exchange.FILE_NAME, name);
        });
    }

    @Test
    void overwriteReplacesCreateRefusesAppendAppends() throws Exception {
        Path out = server.directory("out");
        String overwrite = uri("/out", "overwrite");
        assertEquals(null, write(overwrite, "a.txt", "one").getException());
        assertEquals(null, write(overwrite, "a.txt", "two").getException());
        assertEquals("two", Files.readString(out.resolve("a.txt")));

        Exchange refused = write(uri("/out", "create"), "a.txt", "three");
        assertInstanceOf(SftpRefused.class, refused.getException());
        assertEquals(false, transport.retryable(refused.getException()).orElseThrow());
        assertTrue(transport.describe(refused.getException()).orElseThrow().contains("/out/a.txt exists"));
        assertEquals("two", Files.readString(out.resolve("a.txt")));
        assertEquals(null, write(uri("/out", "create"), "b.txt", "new").getException());

        String append = uri("/out", "append");
        write(append, "log.txt", "x");
        write(append, "log.txt", "y");
        assertEquals("xy", Files.readString(out.resolve("log.txt")));
        assertEquals(List.of("a.txt", "b.txt", "log.txt"), names(out), "no temporary file is left");
    }

    /**
     * A port sends several files at once through its one producer, which has one SFTP channel: JSch's channel is not
     * safe for concurrent use, and two writes started together on a new producer hung for the read timeout
     * (SftpTransportTest's create-mode test, in CI on 2026-12-03).
     */
    @Test
    void filesSentAtOnceFromSeveralThreadsAreAllWrittenOrRefusedWithoutWaiting() throws Exception {
        Path out = server.directory("together");
        Files.writeString(out.resolve("taken-0.txt"), "old");
        org.apache.camel.Producer producer = camel.getEndpoint(uri("/together", "create")).createProducer();
        producer.start();
        int threads = 8;
        int each = 10;
        java.util.concurrent.ExecutorService senders = java.util.concurrent.Executors.newFixedThreadPool(threads);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<Exception>> results = new java.util.ArrayList<>();
        long started = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            for (int i = 0; i < each; i++) {
                String name = t == 0 && i == 0 ? "taken-0.txt" : "f-" + t + "-" + i + ".txt";
                results.add(senders.submit(() -> {
                    go.await();
                    Exchange exchange = new org.apache.camel.support.DefaultExchange(camel);
                    exchange.getMessage().setBody(name.getBytes());
                    exchange.getMessage().setHeader(Exchange.FILE_NAME, name);
                    producer.process(exchange);
                    return exchange.getException();
                }));
            }
        }
        go.countDown();
        int refused = 0;
        for (java.util.concurrent.Future<Exception> result : results) {
            Exception error = result.get(20, java.util.concurrent.TimeUnit.SECONDS);
            if (error != null) {
                assertInstanceOf(SftpRefused.class, error);
                refused++;
            }
        }
        long millis = java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        senders.shutdown();
        producer.stop();
        assertEquals(1, refused);
        assertEquals("old", Files.readString(out.resolve("taken-0.txt")));
        assertEquals(threads * each, names(out).size(), names(out).toString());
        assertTrue(millis < SftpWriterComponent.READ_TIMEOUT_MS, "no write waited for a read timeout: " + millis + " ms");
    }

    @Test
    void aMissingDirectoryIsCreated() throws Exception {
        assertEquals(null, write(uri("/deep/er/still", "overwrite"), "f", "x").getException());
        assertEquals("x", Files.readString(server.root().resolve("deep/er/still/f")));
    }

    @Test
    void theUriHoldsReferencesOnlyAndARotatedPasswordIsUsedByTheNextConnection() throws Exception {
        String uri = uri("/rot", "overwrite");
        assertFalse(uri.contains(PASSWORD) || uri.contains("first-Secret"), uri);
        assertEquals(null, write(uri, "1", "a").getException());
        int logins = server.logins();

        // the server takes only the new password from now on; the open connection goes with the restart
        server.close();
        SftpTestServer rotated = new SftpTestServer(server.root(), "second-Secret");
        try {
            Files.writeString(secrets.resolve("known_hosts"), rotated.knownHosts());
            Files.writeString(secrets.resolve("password"), "second-Secret");
            Exchange exchange = write(uri.replace(":" + server.port(), ":" + rotated.port()), "2", "b");
            assertEquals(null, exchange.getException());
            assertEquals("b", Files.readString(server.root().resolve("rot/2")));
            assertEquals(1, rotated.logins());
            assertEquals(1, logins);
        } finally {
            rotated.close();
        }
    }

    @Test
    void failuresAreClassifiedAndNeverShowTheSecret() throws Exception {
        String uri = uri("/f", "overwrite");
        Files.writeString(secrets.resolve("password"), "wrong-Value-42");
        Exception wrongPassword = write(uri, "x", "x").getException();
        assertEquals(false, transport.retryable(wrongPassword).orElseThrow());
        String reason = transport.describe(wrongPassword).orElseThrow();
        assertTrue(reason.startsWith("sftp authentication failed"), reason);
        assertFalse(reason.contains("wrong-Value-42"), reason);

        Files.writeString(secrets.resolve("password"), PASSWORD);
        Files.writeString(secrets.resolve("known_hosts"), server.otherKnownHosts());
        Exception hostKey = write(uri, "x", "x").getException();
        assertEquals(false, transport.retryable(hostKey).orElseThrow());
        assertTrue(transport.describe(hostKey).orElseThrow().contains("host key refused"));

        Files.writeString(secrets.resolve("known_hosts"), server.knownHosts());
        server.stop();
        Exception down = write(uri, "x", "x").getException();
        assertEquals(true, transport.retryable(down).orElseThrow());
        assertTrue(transport.describe(down).orElseThrow().contains("Connection refused"),
                transport.describe(down).orElseThrow());
        server.start();
        assertEquals(null, write(uri, "x", "x").getException(), "delivered once the server is back");

        Files.delete(secrets.resolve("password"));
        server.stop();
        server.start();
        Exception missing = write(uri, "y", "y").getException();
        assertInstanceOf(SecretUnavailable.class, missing);
        assertTrue(transport.retryable(missing).isEmpty(), "left to SecretUnavailable");
    }

    @Test
    void aThousandFiles() throws Exception {
        Path out = server.directory("speed");
        String uri = uri("/speed", "create");
        write(uri, "warm-up", "w");
        long started = System.nanoTime();
        for (int i = 0; i < 1000; i++) {
            Exception failure = write(uri, "file-" + i, "body " + i).getException();
            if (failure != null) {
                throw failure;
            }
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("sftp component: 1,000 files in create mode on one connection: %d ms%n", millis);
        assertEquals(1001, names(out).size());
    }

    private static List<String> names(Path directory) throws Exception {
        try (Stream<Path> list = Files.list(directory)) {
            return list.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }
}
