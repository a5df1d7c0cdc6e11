package io.sendports.bench.destination;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.sendports.bench.Records;

/**
 * One file that a contender appends every record to. Progress is the file's size divided by the bytes one
 * record adds (the value for Sendports; the value and the line separator that Kafka Connect's FileStreamSink
 * prints after it). Afterwards every line is read back: a record's value ends with a line feed, so it stays
 * one line even when several writers append to the file at once.
 */
public final class AppendedFile implements Destination {
    private final Path file;
    private final int bytesPerRecord;
    private final int lineLength;

    /**
     * @param recordSize     the size of a record's value, which ends with a line feed
     * @param bytesPerRecord what one record adds to the file
     */
    public AppendedFile(Path file, int recordSize, int bytesPerRecord) {
        this.file = file;
        this.lineLength = recordSize - 1;
        this.bytesPerRecord = bytesPerRecord;
    }

    @Override
    public long arrived() throws IOException {
        return Files.exists(file) ? Files.size(file) / bytesPerRecord : 0;
    }

    @Override
    public Duration pollInterval() {
        return Duration.ofMillis(1);
    }

    @Override
    public Optional<Duration> arrivalWindow(long from) {
        return Optional.empty();
    }

    @Override
    public Tally tally() throws IOException {
        SeqSet seen = new SeqSet();
        byte[] line = new byte[lineLength];
        int length = 0;
        boolean valid = true;
        byte[] buffer = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            int read;
            while ((read = in.read(buffer)) > 0) {
                for (int i = 0; i < read; i++) {
                    byte b = buffer[i];
                    if (b == '\n') {
                        if (length > 0) {
                            seen.add(valid && length == lineLength ? Records.seq(line, 0) : -1);
                        }
                        length = 0;
                        valid = true;
                    } else if (length < lineLength) {
                        line[length++] = b;
                    } else {
                        valid = false;
                    }
                }
            }
        }
        if (length > 0) {
            seen.add(-1);
        }
        return seen.tally();
    }
}
