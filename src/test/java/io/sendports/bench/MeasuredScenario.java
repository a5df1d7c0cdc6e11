package io.sendports.bench;

/**
 * A scenario whose result is not one throughput ratio but several named {@link Figure}s, each held to its own
 * target: latency percentiles under a steady load, control-plane times, heap. The benchmark hands it a
 * {@link MeasuredRun} (the broker, a work directory, a running Sendports) and reports what it measured;
 * {@link Scenarios#measured()} lists them.
 *
 * <p>A measured scenario checks that every message it sent arrived, and throws when one did not, as the
 * throughput scenarios' observer does; it leaves no port of its own delivering in a Sendports process that
 * later scenarios share.
 */
public interface MeasuredScenario {

    /** For {@code -Dbench.only} and the report. */
    String id();

    String title();

    Measurement measure(MeasuredRun run) throws Exception;
}
