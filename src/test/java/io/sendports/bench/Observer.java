package io.sendports.bench;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.sendports.bench.destination.Destination;

/**
 * Watches one contender's destination until every record has arrived, then measures: messages per second from the
 * first timed arrival to the last, and whether each record arrived exactly once. A contender's first arrivals may be
 * its warm-up, not timed: every contender is a JVM of its own, started for the round, and spends its first seconds
 * compiling its hot paths (a fifth of Sendports' CPU 10 to 35 s after its start in a profile of 2026-12-03), which a
 * long-running service or worker has behind it. The rate over the whole run is kept beside it.
 */
public final class Observer {
    /** A contender that delivers nothing new for this long has failed. */
    static final Duration STALL_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(30);

    private Observer() {
    }

    public static ContenderResult observe(String contender, JavaProcess process, Destination destination, long expected)
            throws Exception {
        return observe(contender, List.of(process), destination, expected, 0);
    }

    /** The same, not timing the first {@code warmUp} arrivals. */
    public static ContenderResult observe(String contender, JavaProcess process, Destination destination, long expected,
            long warmUp) throws Exception {
        return observe(contender, List.of(process), destination, expected, warmUp);
    }

    /** The same for a contender of several processes (instances of one service), each of which must stay alive. */
    public static ContenderResult observe(String contender, List<JavaProcess> processes, Destination destination,
            long expected) throws Exception {
        return observe(contender, processes, destination, expected, 0);
    }

    private static ContenderResult observe(String contender, List<JavaProcess> processes, Destination destination,
            long expected, long warmUp) throws Exception {
        if (warmUp < 0 || warmUp >= expected && expected > 0) {
            throw new IllegalArgumentException("a warm-up of " + warmUp + " of " + expected + " records");
        }
        long pollNanos = destination.pollInterval().toNanos();
        long firstSeen = 0;
        long warmSeen = 0;
        long warmCount = 0;
        long lastSeen = 0;
        long lastProgress = System.nanoTime();
        long arrived = 0;
        long nextReport = System.nanoTime() + PROGRESS_EVERY.toNanos();
        while (true) {
            long now = System.nanoTime();
            long count = destination.arrived();
            if (count > 0 && firstSeen == 0) {
                firstSeen = now;
                Benchmark.say("  %s: first records arrived", contender);
            }
            if (count > 0 && count >= warmUp && warmSeen == 0) {
                warmSeen = now;
                warmCount = count;
            }
            if (count > arrived) {
                arrived = count;
                lastProgress = now;
            }
            if (count >= expected) {
                lastSeen = now;
                break;
            }
            if (now > nextReport) {
                Benchmark.say("  %s: %d of %d records arrived", contender, count, expected);
                nextReport = now + PROGRESS_EVERY.toNanos();
            }
            processes.forEach(JavaProcess::checkAlive);
            if (now - lastProgress > STALL_TIMEOUT.toNanos()) {
                StringBuilder logs = new StringBuilder();
                processes.forEach(process -> logs.append("; log of ").append(process.name()).append(":\n").append(process.tail()));
                throw new IllegalStateException(contender + ": " + arrived + " of " + expected + " records arrived, then nothing for "
                        + STALL_TIMEOUT.toSeconds() + " s" + logs);
            }
            Thread.sleep(Math.max(1, pollNanos / 1_000_000));
        }
        Benchmark.say("  %s: all %d records arrived", contender, expected);
        Optional<Duration> whole = destination.arrivalWindow(0);
        Optional<Duration> warm = warmUp == 0 ? whole : destination.arrivalWindow(warmUp);
        Destination.Tally tally = destination.tally();
        if (tally.distinct() != expected) {
            throw new IllegalStateException(contender + ": " + tally.distinct() + " distinct records of " + expected
                    + " arrived (" + tally.duplicates() + " duplicates)");
        }
        // Polled, the window starts when the observer first saw the warm-up's count, with the records seen then.
        long timed = warm.isPresent() ? expected - warmUp : expected - (warmUp == 0 ? 0 : warmCount);
        Duration elapsed = warm.orElse(Duration.ofNanos(lastSeen - (warmUp == 0 ? firstSeen : warmSeen)));
        return new ContenderResult(contender, expected, tally.distinct(), tally.duplicates(), timed, elapsed,
                whole.orElse(Duration.ofNanos(lastSeen - firstSeen)), warm.isPresent() ? "destination" : "polled");
    }
}
