package io.sendports.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import io.sendports.bench.baseline.CamelKafkaTuning;
import io.sendports.bench.baseline.ConnectWorker;
import io.sendports.broker.KafkaBroker;

/**
 * A Kafka Connect standalone worker ({@code org.apache.kafka.connect.cli.ConnectStandalone}, from the Maven
 * Central jars) running one FileStreamSink connector, as a contender process. Its consumers get Sendports'
 * consumer settings ({@code consumer.*}); values are read as strings, which FileStreamSink prints one per line.
 */
public final class KafkaConnectStandalone {
    private KafkaConnectStandalone() {
    }

    /**
     * @param name  the connector's name; its consumer group is {@code connect-<name>}
     * @param tasks {@code tasks.max}
     */
    public static JavaProcess fileSink(String bootstrapServers, String topic, String name, int tasks, Path file, Path workDir)
            throws IOException {
        Map<String, String> worker = new TreeMap<>();
        worker.put("bootstrap.servers", bootstrapServers);
        worker.put("key.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        worker.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        worker.put("offset.storage.file.filename", workDir.resolve(name + ".offsets").toString());
        worker.put("offset.flush.interval.ms", "10000");
        worker.put("listeners", "http://127.0.0.1:" + KafkaBroker.freePort());
        // The plugins ship ServiceLoader manifests. only_scan works too, but scans the whole test class path reflectively (10 s).
        worker.put("plugin.discovery", "service_load");
        CamelKafkaTuning.consumerTuning().forEach((key, value) -> worker.put("consumer." + key, String.valueOf(value)));

        Map<String, String> connector = new TreeMap<>();
        connector.put("name", name);
        connector.put("connector.class", "org.apache.kafka.connect.file.FileStreamSinkConnector");
        connector.put("tasks.max", String.valueOf(tasks));
        connector.put("topics", topic);
        connector.put("file", file.toAbsolutePath().toString());

        Path workerFile = write(workDir.resolve(name + "-worker.properties"), worker);
        Path connectorFile = write(workDir.resolve(name + "-connector.properties"), connector);
        return JavaProcess.main("connect", workDir, ConnectWorker.class.getName(),
                List.of(workerFile.toString(), connectorFile.toString()), List.of());
    }

    private static Path write(Path file, Map<String, String> values) throws IOException {
        Properties properties = new Properties();
        properties.putAll(values);
        try (var out = Files.newOutputStream(file)) {
            properties.store(out, null);
        }
        return file;
    }
}
