package io.sendports.bench;

import java.time.Duration;

/**
 * What one contender did with one scenario's records.
 *
 * @param distinct   records that arrived, each counted once
 * @param duplicates arrivals beyond the first of a record
 * @param timed      the records whose arrivals are timed: all of them, or those after the contender's warm-up
 *                   (the first arrivals, {@link Observer})
 * @param elapsed    from the first timed arrival to the last at the destination
 * @param whole      from the first arrival to the last, warm-up included
 * @param timedBy    {@code destination} when the destination's own times were used, {@code polled} otherwise
 */
public record ContenderResult(String contender, long records, long distinct, long duplicates, long timed,
        Duration elapsed, Duration whole, String timedBy) {

    /** Timed records per second (an interval under 1 ms counts as 1 ms): the contender's rate once warm. */
    public double messagesPerSecond() {
        return timed / seconds(elapsed);
    }

    /** Records per second over the whole run, the contender's first seconds included. */
    public double wholeRunPerSecond() {
        return records / seconds(whole);
    }

    private static double seconds(Duration interval) {
        return Math.max(interval.toNanos(), 1_000_000L) / 1e9;
    }

    public boolean complete() {
        return distinct == records;
    }
}
