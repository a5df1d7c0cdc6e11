package io.sendports.transport.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;


/** The file transport's writes, on real files. */
class FileWriterTest {
    @TempDir
    Path dir;

    /**
     * Writers that start at once on a directory that does not exist yet: each may find it missing, and one of them
     * creates it while the others are still between their failed write and their check. Every write must succeed
     * (a dynamic port's first messages to a new directory did not: one in a thousand failed and waited for a retry).
     */
    @Test
    void writersThatStartTogetherOnAMissingDirectoryAllSucceed() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 200; round++) {
                FileWriter writer = new FileWriter(dir.resolve("round-" + round).resolve("new"), FileMode.OVERWRITE);
                java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(8);
                List<Future<Path>> writes = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    String name = "f" + i;
                    writes.add(pool.submit(() -> {
                        start.await();
                        return writer.write(name, bytes(name));
                    }));
                }
                for (Future<Path> write : writes) {
                    write.get();
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void overwriteReplacesTheFileAndLeavesNoTemporaryFile() throws IOException {
        FileWriter writer = new FileWriter(dir, FileMode.OVERWRITE);
        assertEquals(dir.resolve("a.txt"), writer.write("a.txt", bytes("first")));
        writer.write("a.txt", bytes("second"));
        assertEquals("second", Files.readString(dir.resolve("a.txt")));
        assertEquals(Set.of("a.txt"), names(dir));
    }

    @Test
    void createWritesANewFileAndRefusesAnExistingOneWithoutTouchingIt() throws IOException {
        FileWriter writer = new FileWriter(dir, FileMode.CREATE);
        writer.write("a.txt", bytes("first"));
        FileAlreadyExistsException refused = assertThrows(FileAlreadyExistsException.class,
                () -> writer.write("a.txt", bytes("second")));
        assertEquals(dir.resolve("a.txt") + ": exists, and mode create does not replace a file", refused.getMessage());
        assertEquals("first", Files.readString(dir.resolve("a.txt")));
        assertEquals(Set.of("a.txt"), names(dir));
    }

    @Test
    void appendAddsToTheEndAndCreatesTheFile() throws IOException {
        FileWriter writer = new FileWriter(dir, FileMode.APPEND);
        writer.write("log.txt", bytes("one\n"));
        writer.write("log.txt", bytes("two\n"));
        assertEquals("one\ntwo\n", Files.readString(dir.resolve("log.txt")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"overwrite", "create", "append"})
    void aMissingDirectoryIsCreated(String mode) throws IOException {
        Path nested = dir.resolve("a/b");
        new FileWriter(nested, FileMode.parse(mode).orElseThrow()).write("m.bin", new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(nested.resolve("m.bin")));
        assertEquals(Set.of("m.bin"), names(nested));
    }

    @Test
    void anEmptyBodyIsAnEmptyFile() throws IOException {
        new FileWriter(dir, FileMode.OVERWRITE).write("empty", new byte[0]);
        assertEquals(0, Files.size(dir.resolve("empty")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"overwrite", "create"})
    void aNameNearTheFileSystemsLimitIsWrittenThroughAShorterTemporaryName(String mode) throws IOException {
        String name = "n".repeat(250);
        new FileWriter(dir, FileMode.parse(mode).orElseThrow()).write(name, bytes("long"));
        assertEquals("long", Files.readString(dir.resolve(name)));
        assertEquals(Set.of(name), names(dir));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "../x", "a/b", "a\\b", "nul\0"})
    void onlyPlainNamesAreWritten(String name) {
        FileWriter writer = new FileWriter(dir, FileMode.OVERWRITE);
        assertThrows(IllegalArgumentException.class, () -> writer.write(name, bytes("x")));
        assertTrue(names(dir).isEmpty());
    }

    @Test
    void concurrentOverwritesOfOneNameLeaveOneWholeBody() throws Exception {
        FileWriter writer = new FileWriter(dir, FileMode.OVERWRITE);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<String> bodies = new ArrayList<>();
        try {
            List<Future<Path>> writes = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                String body = String.valueOf((char) ('a' + i % 26)).repeat(10_000 + i);
                bodies.add(body);
                writes.add(threads.submit(() -> writer.write("same.txt", bytes(body))));
            }
            for (Future<Path> write : writes) {
                write.get();
            }
        } finally {
            threads.shutdown();
        }
        assertTrue(bodies.contains(Files.readString(dir.resolve("same.txt"))), "the file is one of the bodies, whole");
        assertEquals(Set.of("same.txt"), names(dir));
    }

    @Test
    void concurrentAppendsKeepEachBodyInOnePiece() throws Exception {
        FileWriter writer = new FileWriter(dir, FileMode.APPEND);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        int writes = 200;
        int size = 50_000;   // several write calls each
        try {
            List<Future<Path>> done = new ArrayList<>();
            for (int i = 0; i < writes; i++) {
                String body = String.valueOf((char) ('a' + i % 26)).repeat(size);
                done.add(threads.submit(() -> writer.write("all.log", bytes(body))));
            }
            for (Future<Path> write : done) {
                write.get();
            }
        } finally {
            threads.shutdown();
        }
        String all = Files.readString(dir.resolve("all.log"));
        assertEquals(writes * size, all.length());
        for (int offset = 0; offset < all.length(); offset += size) {
            String piece = all.substring(offset, offset + size);
            assertTrue(piece.chars().allMatch(c -> c == piece.charAt(0)), "the body at " + offset + " is in one piece");
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Set<String> names(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(path -> path.getFileName().toString()).collect(Collectors.toSet());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Of this process's own temporary names, only one written before the process started is stale (its process
     * id was reused, as by a restarted container); a live writer's is not. Of a live process that started after a
     * file was written, the file is stale too. Names of another form are never touched.
     */
    @Test
    void removesOnlyTemporaryFilesNoLiveWriterCanBeUsing() throws IOException {
        long self = ProcessHandle.current().pid();
        java.time.Instant started = ProcessHandle.current().info().startInstant().orElseThrow();
        Path reused = Files.write(dir.resolve(FileWriter.temporaryName("reused", self, 1)), new byte[0]);
        Files.setLastModifiedTime(reused, java.nio.file.attribute.FileTime.from(started.minusSeconds(60)));
        Path mine = Files.write(dir.resolve(FileWriter.temporaryName("mine", self, 2)), new byte[0]);
        ProcessHandle init = ProcessHandle.of(1).orElse(null);
        Path beforeInit = null;
        if (init != null && init.info().startInstant().isPresent()) {
            beforeInit = Files.write(dir.resolve(FileWriter.temporaryName("before-init", 1, 3)), new byte[0]);
            Files.setLastModifiedTime(beforeInit, java.nio.file.attribute.FileTime.from(
                    init.info().startInstant().get().minusSeconds(60)));
        }
        Path other = Files.write(dir.resolve(".sendports-x"), new byte[0]);
        Files.setLastModifiedTime(other, java.nio.file.attribute.FileTime.from(started.minusSeconds(86_400)));

        List<Path> removed = FileWriter.removeStaleTemporaryFiles(dir);

        assertTrue(removed.contains(reused) && !Files.exists(reused), "the reused process id's file is removed");
        assertTrue(Files.exists(mine), "a live writer's file is kept");
        assertTrue(Files.exists(other), "a name of another form is kept");
        if (beforeInit != null) {
            assertTrue(!Files.exists(beforeInit), "a file older than the live process of its id is removed");
        }
        assertEquals(List.of(), FileWriter.removeStaleTemporaryFiles(dir.resolve("missing")));
    }
}
