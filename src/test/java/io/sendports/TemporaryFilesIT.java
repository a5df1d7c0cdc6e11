package io.sendports;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sendports.broker.KafkaBroker;
import io.sendports.testsupport.ServiceProcess;
import io.sendports.transport.file.FileWriter;

/**
 * Temporary files that a SIGKILL left behind are removed when their port starts again: only Sendports' own, only
 * in the port's own directories, and never one that a live writer (another instance, here or on another host)
 * may be using. The service is killed while it writes files; since a kill lands between a write and its rename
 * only now and then, the leftovers are also planted, under the names the killed process would have used.
 */
class TemporaryFilesIT {
    private static final int MESSAGES = 2_000;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path work;

    @Test
    void staleTemporaryFilesAreRemovedWhenThePortStartsAgain() throws Exception {
        Path out = Files.createDirectories(work.resolve("out"));
        Path backup = Files.createDirectories(work.resolve("backup"));
        Path dynamic = Files.createDirectories(work.resolve("dyn"));
        Path wildcard = Files.createDirectories(work.resolve("dynglob"));
        Path other = Files.createDirectories(work.resolve("other"));
        try (KafkaBroker broker = KafkaBroker.start(work.resolve("kafka"), KafkaBroker.freePort(), KafkaBroker.freePort());
                ServiceProcess service = new ServiceProcess(broker.bootstrapServers(), work).start()) {
            service.expect(201, "POST", "/api/send-ports", """
                    {"name":"filer","kind":"static","pattern":"one-way","subscription":{"topics":["files-in"]},
                     "transport":{"type":"file","address":"%s","options":{"fileName":"%%SourceFileName%%"}},
                     "backupTransport":{"type":"file","address":"%s"},"state":"started"}
                    """.formatted(uri(out), uri(backup)));
            service.expect(201, "POST", "/api/send-ports", """
                    {"name":"dynamic-filer","kind":"dynamic","pattern":"one-way","subscription":{"topics":["dyn-in"]},
                     "allowedDestinations":["%s","%s/**"],"state":"started"}
                    """.formatted(uri(dynamic), uri(wildcard)));
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                    Map.of("bootstrap.servers", broker.bootstrapServers(), "linger.ms", 5),
                    new ByteArraySerializer(), new ByteArraySerializer())) {
                for (int i = 0; i < MESSAGES; i++) {
                    byte[] name = ("m" + i).getBytes(StandardCharsets.UTF_8);
                    producer.send(new ProducerRecord<>("files-in", null, name, name,
                            List.of(new RecordHeader("sendports.file-name", name))));
                }
            }
            await().atMost(WAIT).until(() -> delivered(out).size() >= MESSAGES / 10);
            long killed = service.pid();
            service.kill();
            List<Path> leftByTheKill = temporary(out);

            long live = ProcessHandle.current().pid();
            String host = FileWriter.temporaryName("x", 1, 1).replaceAll(".*\\.([0-9a-f]{8})-1-1$", "$1");
            String otherHost = host.equals("0badcafe") ? "0badcaff" : "0badcafe";
            List<Path> stale = new ArrayList<>(leftByTheKill);
            stale.add(plant(out, FileWriter.temporaryName("planted", killed, 41)));
            stale.add(plant(backup, FileWriter.temporaryName("planted", killed, 42)));
            stale.add(plant(dynamic, FileWriter.temporaryName("planted", killed, 43)));
            Path longAgo = plant(out, ".sendports-old." + otherHost + "-1-1");
            Files.setLastModifiedTime(longAgo, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
            stale.add(longAgo);
            List<Path> kept = List.of(
                    // a directory below a wildcard and a directory of no port are not the ports' own
                    plant(wildcard, FileWriter.temporaryName("planted", killed, 44)),
                    plant(other, FileWriter.temporaryName("planted", killed, 45)),
                    // a live process's (another instance on this host), another host's (its processes unseen)
                    plant(out, FileWriter.temporaryName("live", live, 46)),
                    plant(out, ".sendports-remote." + otherHost + "-" + killed + "-47"),
                    // not Sendports' temporary names
                    plant(out, ".sendports-notes"),
                    plant(out, ".keep"));

            service.start();
            await().atMost(WAIT).alias("stale temporary files removed: " + stale)
                    .until(() -> stale.stream().noneMatch(Files::exists));
            for (Path file : kept) {
                assertTrue(Files.exists(file), file + " is kept");
            }
            await().atMost(WAIT).until(() -> delivered(out).size() == MESSAGES);
            for (Path file : delivered(out)) {
                assertEquals(file.getFileName().toString(), Files.readString(file), "content of " + file);
            }
            assertEquals(List.of(), temporary(out).stream().filter(t -> !kept.contains(t)).toList(),
                    "no temporary file of the restarted service is left");
            System.out.printf("TemporaryFilesIT: %d temporary file(s) left by the kill%n", leftByTheKill.size());
        }
    }

    private static String uri(Path dir) {
        return dir.toUri().toString().replaceFirst("^file:/+", "file:///").replaceFirst("/$", "");
    }

    private static Path plant(Path dir, String name) throws Exception {
        return Files.write(dir.resolve(name), new byte[0]);
    }

    private static List<Path> delivered(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("m")).toList();
        }
    }

    private static List<Path> temporary(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith(FileWriter.TEMP_PREFIX)).toList();
        }
    }
}
