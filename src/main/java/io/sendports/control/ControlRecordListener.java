package io.sendports.control;

/** Receives every control-topic record in offset order, on the store's reader thread. */
public interface ControlRecordListener {

    /** A record; {@code value} is null for a tombstone. Must not throw for a bad record: log and skip it. */
    void onRecord(String key, byte[] value, long offset, long timestamp);

    /**
     * A tombstone that Sendports wrote after a {@code port.deleted} event only so that compaction drops the
     * key (header {@link ControlTopicStore#COMPACTION_ONLY}). It deletes nothing.
     */
    default void onCompactionTombstone(String key, long offset) {
    }

    /** The reader has reached the end of the topic as it was at start-up; called once. */
    void onCaughtUp();
}
