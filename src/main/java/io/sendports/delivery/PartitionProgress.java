package io.sendports.delivery;

import java.util.ArrayDeque;
import java.util.TreeSet;

import io.sendports.message.InboundMessage;

/**
 * The at-least-once bookkeeping of one assigned partition of a port's consumer: which units are queued (taken,
 * not started), in flight or failed, and so which offset may be committed. No threads, no clock, no Kafka
 * client: the {@link PortConsumer} calls it from its poll thread and passes the time in where a rule needs it.
 *
 * <p>Invariants:
 * <ul>
 * <li>{@link #committable()} is never above the first offset of a unit that is queued, in flight or failed, nor
 * above the offset after the last record taken: an offset is committed only once its message, and every message
 * before it, was delivered, parked or suspended (units may finish in any order).</li>
 * <li>Queued units that are dropped ({@link #dropQueued()}: a stop, a revocation, a failure) hand their position
 * back: the committable offset is then at most the first of them, so that they are read again and not lost.</li>
 * <li>A unit that failed unexpectedly holds the partition back: nothing more of it is started, and once nothing
 * of it is in flight {@link #rewind} names the offset to seek back to, after which the partition is paused for
 * {@link #REWIND_PAUSE_MILLIS}.</li>
 * <li>The partition is to be paused while {@link #MAX_QUEUED} messages or {@link #MAX_QUEUED_BYTES} bytes of
 * values or more wait to be started.</li>
 * </ul>
 */
final class PartitionProgress {
    /** Messages of a partition waiting to be started beyond which it is not fetched: two polls' worth. */
    static final int MAX_QUEUED = 1000;
    /** The same bound in bytes of message values: twice what one fetch returns of a partition at most. */
    static final long MAX_QUEUED_BYTES = 2L * 1024 * 1024;
    /** How long a partition that was sought back to a failed unit waits before it is fetched again. */
    static final long REWIND_PAUSE_MILLIS = 1000;

    private final ArrayDeque<DeliveryUnit> queued = new ArrayDeque<>();
    /** Messages in the queued units, and their bytes (values). */
    private int queuedMessages;
    private long queuedBytes;
    /** First offsets of the units queued or in flight. */
    private final TreeSet<Long> unfinished = new TreeSet<>();
    private int inFlight;
    /** The offset after the last record taken; -1 before the first. */
    private long next = -1;
    /** Where to seek back to once nothing of this partition is in flight; -1 when not failed. */
    private long rewindTo = -1;
    /** When the last rewind happened (the caller's clock, milliseconds); meaningful only after one. */
    private long rewoundAt;
    private boolean rewound;
    private long committed = -1;

    /** Takes a unit of a poll, in offset order, to be started later. */
    void enqueue(DeliveryUnit unit) {
        queued.add(unit);
        queuedMessages += unit.messages().size();
        queuedBytes += bytes(unit);
        unfinished.add(unit.firstOffset());
    }

    /**
     * Records that the records up to {@code lastOffset} were taken, whether or not the filter accepted them: a
     * record that no unit holds is finished as soon as it is taken.
     */
    void taken(long lastOffset) {
        next = lastOffset + 1;
    }

    /** Whether a unit may be started now: one is queued, the partition did not fail, and ordering allows it. */
    boolean startable(boolean ordered) {
        return !queued.isEmpty() && rewindTo < 0 && !(ordered && inFlight > 0);
    }

    /** The next queued unit, now in flight. Only when {@link #startable} said so. */
    DeliveryUnit start() {
        DeliveryUnit unit = queued.poll();
        queuedMessages -= unit.messages().size();
        queuedBytes -= bytes(unit);
        inFlight++;
        return unit;
    }

    /**
     * A unit in flight finished. One that failed (its failure could not be handled) makes the partition seek back
     * to it, or to an earlier failed one; what is queued behind it is dropped and read again.
     */
    void finished(DeliveryUnit unit, boolean failed) {
        inFlight--;
        unfinished.remove(unit.firstOffset());
        if (failed) {
            rewindTo = rewindTo < 0 ? unit.firstOffset() : Math.min(rewindTo, unit.firstOffset());
            dropQueued();
        }
    }

    /**
     * Whether the partition is to be sought back now: it failed and nothing of it is in flight any more (so that
     * an ordered port never has two units of a partition in flight).
     */
    boolean rewindDue() {
        return rewindTo >= 0 && inFlight == 0;
    }

    /**
     * The offset to seek back to now, or -1 when no rewind is due ({@link #rewindDue}). From then on the
     * partition counts as taken up to that offset and is paused until {@code now} + {@link #REWIND_PAUSE_MILLIS}.
     */
    long rewind(long now) {
        if (!rewindDue()) {
            return -1;
        }
        long offset = rewindTo;
        next = offset;
        rewindTo = -1;
        rewound = true;
        rewoundAt = now;
        return offset;
    }

    /**
     * Forgets the units waiting to be started; they are read again from Kafka. The position handed back is the
     * first of them, so that no commit passes a record that was taken but never delivered.
     */
    void dropQueued() {
        for (DeliveryUnit unit : queued) {
            unfinished.remove(unit.firstOffset());
            next = Math.min(next, unit.firstOffset());
        }
        queued.clear();
        queuedMessages = 0;
        queuedBytes = 0;
    }

    /**
     * Whether the partition is not to be fetched: too much waits to be started, it failed, or it was sought back
     * less than {@link #REWIND_PAUSE_MILLIS} ago. A clock that went back counts as the pause being over.
     */
    boolean paused(long now) {
        if (full() || rewindTo >= 0) {
            return true;
        }
        long since = now - rewoundAt;
        return rewound && since >= 0 && since < REWIND_PAUSE_MILLIS;
    }

    boolean full() {
        return queuedMessages >= MAX_QUEUED || queuedBytes >= MAX_QUEUED_BYTES;
    }

    /**
     * The offset that may be committed: the lowest one not finished (queued, in flight or failed), else the one
     * after the last record taken; -1 before anything was taken.
     */
    long committable() {
        if (next < 0) {
            return -1;
        }
        long offset = next;
        if (!unfinished.isEmpty()) {
            offset = Math.min(offset, unfinished.first());
        }
        if (rewindTo >= 0) {
            offset = Math.min(offset, rewindTo);
        }
        return offset;
    }

    /** The offset to commit now, or -1 when there is nothing new: {@link #committable()} above the last commit. */
    long toCommit() {
        long offset = committable();
        return offset > committed ? offset : -1;
    }

    /** A commit of {@code offset} succeeded (commits may complete out of order: the highest one counts). */
    void committed(long offset) {
        committed = Math.max(committed, offset);
    }

    int inFlight() {
        return inFlight;
    }

    boolean hasQueued() {
        return !queued.isEmpty();
    }

    int queuedMessages() {
        return queuedMessages;
    }

    private static long bytes(DeliveryUnit unit) {
        long bytes = 0;
        for (InboundMessage message : unit.messages()) {
            bytes += message.value() == null ? 0 : message.value().length;
        }
        return bytes;
    }
}
