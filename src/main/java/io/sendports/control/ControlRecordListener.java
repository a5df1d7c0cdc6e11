package io.sendports.control;

/** Receives every control-topic record in offset order, on the store's reader thread. */
public interface ControlRecordListener {

    /** A record; {@code value} is null for a tombstone. Must not throw for a bad record: log and skip it. */
    void onRecord(String key, byte[] value, long offset, long timestamp);

    /** The reader has reached the end of the topic as it was at start-up; called once. */
    void onCaughtUp();
}
