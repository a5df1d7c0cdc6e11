package io.sendports.bench;

import java.util.Arrays;

/** Measured durations (nanoseconds), for percentiles by nearest rank. */
final class Distribution {
    private final long[] sorted;

    Distribution(long[] nanos) {
        if (nanos.length == 0) {
            throw new IllegalArgumentException("no durations measured");
        }
        this.sorted = nanos.clone();
        Arrays.sort(sorted);
    }

    /** The {@code quantile} by nearest rank, in milliseconds: the least duration that at least that share did not exceed. */
    double millis(double quantile) {
        int rank = (int) Math.ceil(quantile * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }

    double maxMillis() {
        return sorted[sorted.length - 1] / 1e6;
    }
}
