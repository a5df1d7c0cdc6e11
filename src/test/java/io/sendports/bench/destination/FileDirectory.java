package io.sendports.bench.destination;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.sendports.bench.Records;

/**
 * A directory that receives one file per record, written under a temporary dot-name and renamed onto
 * {@code r-<seq>}. Listing a large directory costs, so it is polled only twice a second; the arrival window
 * comes from the files' modification times (when each file's content was written), not from the polling.
 */
public final class FileDirectory implements Destination {
    private final Path dir;

    public FileDirectory(Path dir) {
        this.dir = dir;
    }

    @Override
    public long arrived() {
        String[] names = dir.toFile().list();
        if (names == null) {
            return 0;
        }
        long count = 0;
        for (String name : names) {
            if (!name.startsWith(".")) {
                count++;
            }
        }
        return count;
    }

    @Override
    public Duration pollInterval() {
        return Duration.ofMillis(500);
    }

    @Override
    public Optional<Duration> arrivalWindow() throws IOException {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (File file : finalFiles()) {
            long modified = Files.readAttributes(file.toPath(), BasicFileAttributes.class).lastModifiedTime().to(TimeUnit.MICROSECONDS);
            first = Math.min(first, modified);
            last = Math.max(last, modified);
        }
        return first > last ? Optional.empty() : Optional.of(Duration.ofNanos((last - first) * 1000));
    }

    @Override
    public Tally tally() {
        SeqSet seen = new SeqSet();
        for (File file : finalFiles()) {
            seen.add(Records.seqOfFileName(file.getName()));
        }
        return seen.tally();
    }

    private File[] finalFiles() {
        File[] files = dir.toFile().listFiles(file -> !file.getName().startsWith("."));
        return files == null ? new File[0] : files;
    }
}
