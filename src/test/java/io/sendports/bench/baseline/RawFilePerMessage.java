package io.sendports.bench.baseline;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import io.sendports.bench.Records;

/**
 * Baseline of the file-per-message scenario: what a Sendports file port in mode {@code overwrite} does, by
 * hand. Each record goes to a temporary file that is then renamed atomically onto the name from its
 * {@code sendports.file-name} header. No fsync, like Camel's file producer (its {@code forceWrites} option is
 * not applied when writing a message body).
 *
 * <p>Arguments: {@code --bootstrap --topic --group --dir}.
 */
public final class RawFilePerMessage {
    private RawFilePerMessage() {
    }

    public static void main(String[] argv) {
        Map<String, String> args = ConsumeLoop.args(argv, "bootstrap", "topic", "group", "dir");
        Path dir = Path.of(args.get("dir"));
        ConsumeLoop.run(args, batch -> {
            Files.createDirectories(dir);
            for (ConsumerRecord<byte[], byte[]> record : batch) {
                Header header = record.headers().lastHeader(Records.FILE_NAME_HEADER);
                if (header == null) {
                    throw new IllegalStateException("record without " + Records.FILE_NAME_HEADER + ": " + ConsumeLoop.source(record));
                }
                String name = new String(header.value(), StandardCharsets.UTF_8);
                Path temp = dir.resolve(".baseline-" + name);
                Files.write(temp, record.value());
                Files.move(temp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
        });
    }
}
