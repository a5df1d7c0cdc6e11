package io.sendports.transport.file;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sendports.bench.JavaProcess;

/**
 * Several instances append to one shared file (a file port scaled out over a ReadWriteMany volume, issue 16): each
 * body stays in one piece, whichever process wrote it. Two processes, this one and another JVM, append records of
 * 32 KiB (several write calls each) to the same file at the same time; every record must come out whole.
 */
class SharedAppendTest {
    private static final int RECORDS = 1_000;
    private static final int SIZE = 32 * 1024;

    @TempDir
    Path dir;

    @Test
    void appendsOfTwoProcessesToOneFileKeepEveryBodyInOnePiece() throws Exception {
        Path file = dir.resolve("shared.txt");
        try (JavaProcess other = JavaProcess.main("other-appender", dir, Appender.class.getName(),
                List.of(dir.toString(), "shared.txt", "B"), List.of())) {
            // start once the other process has begun, so that the two overlap
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
                other.checkAlive();
                return Files.exists(file) && Files.size(file) > 0;
            });
            Appender.main(new String[] {dir.toString(), "shared.txt", "A"});
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> Files.size(file) == 2L * RECORDS * SIZE);
        }
        Map<String, Integer> records = new TreeMap<>();
        byte[] bytes = Files.readAllBytes(file);
        for (int at = 0; at < bytes.length; at += SIZE) {
            byte[] record = Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + SIZE));
            records.merge(whole(record), 1, Integer::sum);
        }
        assertEquals(Map.of("A", RECORDS, "B", RECORDS), records, "records by writer ('torn' for a record cut in pieces)");
    }

    /** The writer of a whole record (its letter repeated, then a line feed), else "torn". */
    private static String whole(byte[] record) {
        if (record.length != SIZE || record[SIZE - 1] != '\n') {
            return "torn";
        }
        for (int i = 1; i < SIZE - 1; i++) {
            if (record[i] != record[0]) {
                return "torn";
            }
        }
        return new String(record, 0, 1, StandardCharsets.US_ASCII);
    }

    /** Appends {@value #RECORDS} records of its letter to {@code args[1]} in directory {@code args[0]}. */
    public static final class Appender {
        private Appender() {
        }

        public static void main(String[] args) throws Exception {
            byte[] record = new byte[SIZE];
            Arrays.fill(record, args[2].getBytes(StandardCharsets.US_ASCII)[0]);
            record[SIZE - 1] = '\n';
            FileWriter writer = new FileWriter(Path.of(args[0]), FileMode.APPEND);
            for (int i = 0; i < RECORDS; i++) {
                writer.write(args[1], record);
            }
        }
    }
}
