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
    public Optional<Duration> arrivalWindow(long from) throws IOException {
        File[] files = finalFiles();
        long[] modified = new long[files.length];
        for (int i = 0; i < files.length; i++) {
            modified[i] = Files.readAttributes(files[i].toPath(), BasicFileAttributes.class).lastModifiedTime()
                    .to(TimeUnit.MICROSECONDS);
        }
        java.util.Arrays.sort(modified);
        return from >= modified.length ? Optional.empty()
                : Optional.of(Duration.ofNanos((modified[modified.length - 1] - modified[(int) from]) * 1000));
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
