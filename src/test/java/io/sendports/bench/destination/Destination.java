package io.sendports.bench.destination;

import java.time.Duration;
import java.util.Optional;

/**
 * Where a contender delivers, observed from outside: how many records have arrived, when the first and
 * last of them arrived, and which records they were.
 */
public interface Destination extends AutoCloseable {

    /** Records that have arrived so far. Cheap enough to be called every {@link #pollInterval()}. */
    long arrived() throws Exception;

    /** How often {@link #arrived()} may be polled without weighing on the contender. */
    Duration pollInterval();

    /**
     * Once everything arrived: the time from arrival number {@code from} (0 the first, in the order they arrived)
     * to the last, as the destination itself recorded it (file modification times, broker append times, the
     * receiver's clock). Empty when the destination keeps no such record, and the observer's polling times are
     * used instead.
     */
    Optional<Duration> arrivalWindow(long from) throws Exception;

    /** Once everything arrived: the records that arrived, each counted once, and how many came more than once. */
    Tally tally() throws Exception;

    @Override
    default void close() throws Exception {
    }

    /** Distinct records and duplicate arrivals. */
    record Tally(long distinct, long duplicates) {
    }
}
