package io.sendports.bench;

import java.time.Duration;

/**
 * What one contender did with one scenario's records.
 *
 * @param distinct   records that arrived, each counted once
 * @param duplicates arrivals beyond the first of a record
 * @param elapsed    from the first to the last arrival at the destination
 * @param timedBy    {@code destination} when the destination's own times were used, {@code polled} otherwise
 */
public record ContenderResult(String contender, long records, long distinct, long duplicates, Duration elapsed, String timedBy) {

    /** Records per second from the first to the last arrival (an interval under 1 ms counts as 1 ms). */
    public double messagesPerSecond() {
        return records / (Math.max(elapsed.toNanos(), 1_000_000L) / 1e9);
    }

    public boolean complete() {
        return distinct == records;
    }
}
