package io.sendports.bench;

import java.nio.file.Path;

/**
 * One scenario's run: the broker, its own work directory, the source topic that holds its records and the
 * record count and size. Names made from {@code runId} are new in every run, so no contender ever meets a
 * consumer group, topic, file or port left by another.
 */
public record ScenarioRun(BenchCluster cluster, Path workDir, String runId, String sourceTopic, int partitions,
        long records, int recordSize) {

    /** A name for a topic, port or group of this run. */
    public String name(String suffix) {
        return "bench-" + runId + "-" + suffix;
    }

    /** A file URI of a directory, as a Sendports file address ({@code file:///...}). */
    public static String fileAddress(Path dir) {
        return dir.toAbsolutePath().toUri().toString().replaceFirst("^file:/+", "file:///");
    }
}
