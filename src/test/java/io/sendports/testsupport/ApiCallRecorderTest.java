package io.sendports.testsupport;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A test JVM's first record clears an earlier run's files and keeps those the other JVM of its run writes. */
class ApiCallRecorderTest {
    @Test
    void anEarlierRunsRecordGoesAndTheOtherJvmsOfThisRunStays(@TempDir Path directory) throws Exception {
        Instant started = Instant.now();
        Path earlier = Files.writeString(directory.resolve("100.tsv"), "GET\t/api/old\t200\n");
        Files.setLastModifiedTime(earlier, FileTime.from(started.minusSeconds(3600)));
        Path sibling = Files.writeString(directory.resolve("200.tsv"), "GET\t/api/send-ports\t200\n");
        Files.setLastModifiedTime(sibling, FileTime.from(started.plusSeconds(5)));

        ApiCallRecorder.clearEarlierRuns(directory, started);

        assertFalse(Files.exists(earlier));
        assertTrue(Files.exists(sibling));
    }
}
