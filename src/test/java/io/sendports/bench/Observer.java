package io.sendports.bench;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.sendports.bench.destination.Destination;

/**
 * Watches one contender's destination until every record has arrived, then measures: messages per second
 * from the first to the last record that arrived, and whether each record arrived exactly once.
 */
public final class Observer {
    /** A contender that delivers nothing new for this long has failed. */
    static final Duration STALL_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(30);

    private Observer() {
    }

    public static ContenderResult observe(String contender, JavaProcess process, Destination destination, long expected)
            throws Exception {
        return observe(contender, List.of(process), destination, expected);
    }

    /** The same for a contender of several processes (instances of one service), each of which must stay alive. */
    public static ContenderResult observe(String contender, List<JavaProcess> processes, Destination destination,
            long expected) throws Exception {
        long pollNanos = destination.pollInterval().toNanos();
        long firstSeen = 0;
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
        Optional<Duration> window = destination.arrivalWindow();
        Duration elapsed = window.orElse(Duration.ofNanos(lastSeen - firstSeen));
        Destination.Tally tally = destination.tally();
        if (tally.distinct() != expected) {
            throw new IllegalStateException(contender + ": " + tally.distinct() + " distinct records of " + expected
                    + " arrived (" + tally.duplicates() + " duplicates)");
        }
        return new ContenderResult(contender, expected, tally.distinct(), tally.duplicates(), elapsed,
                window.isPresent() ? "destination" : "polled");
    }
}
