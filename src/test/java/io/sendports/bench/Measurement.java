package io.sendports.bench;

import java.util.List;

/**
 * What a {@link MeasuredScenario} found.
 *
 * @param setup    what was run, in a sentence (rate, duration, counts, concurrency), for the report
 * @param figures  its figures, in the order the report shows them
 * @param arrivals for each contender, how many of the messages whose delivery it timed arrived (all of them, or
 *                 the scenario would have failed)
 */
public record Measurement(MeasuredScenario scenario, String setup, List<Figure> figures, List<Arrivals> arrivals) {

    /** The messages one contender was to deliver, and those that arrived: each counted once, and repeats. */
    public record Arrivals(String contender, long expected, long distinct, long duplicates) {
    }
}
