package io.sendports.bench;

import java.nio.file.Path;

/**
 * One measured scenario's run: the broker, its own work directory, the scale, and a Sendports process that is
 * already ready. Names made from {@code runId} are new in every run.
 *
 * @param sendportsSharedWithLater whether scenarios after this one use the same Sendports process; then the scenario
 *                                 must stop delivering on its ports before it returns
 */
public record MeasuredRun(BenchCluster cluster, Path workDir, String runId, Scale scale, SendportsService sendports,
        boolean sendportsSharedWithLater) {

    /** A name for a topic, port or group of this run. */
    public String name(String suffix) {
        return "bench-" + runId + "-" + suffix;
    }
}
