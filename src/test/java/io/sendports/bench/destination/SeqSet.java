package io.sendports.bench.destination;

import java.util.BitSet;

/** The record sequence numbers seen at a destination: distinct ones and repeats. Thread-safe. */
final class SeqSet {
    private final BitSet seen = new BitSet();
    private long distinct;
    private long duplicates;
    private long invalid;

    synchronized boolean add(long seq) {
        if (seq < 0 || seq > Integer.MAX_VALUE) {
            invalid++;
            return false;
        }
        if (seen.get((int) seq)) {
            duplicates++;
            return false;
        }
        seen.set((int) seq);
        distinct++;
        return true;
    }

    synchronized long distinct() {
        return distinct;
    }

    synchronized Destination.Tally tally() {
        if (invalid > 0) {
            throw new IllegalStateException(invalid + " arrivals were not benchmark records");
        }
        return new Destination.Tally(distinct, duplicates);
    }
}
