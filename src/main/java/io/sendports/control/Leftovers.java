package io.sendports.control;

/**
 * What a port still holds that deleting it would leave without a port: messages parked for a retry and
 * suspended messages. The herder asks before it deletes a port; it never moves them itself.
 */
public interface Leftovers {

    /** The parked and suspended messages of a port now. */
    Counts of(String port);

    /** Refuses, naming the counts, when the port has parked or suspended messages. */
    default void refuseDelete(String port) {
        Counts counts = of(port);
        if (counts.parked() > 0 || counts.suspended() > 0) {
            throw new ConflictException("port '" + port + "' has " + counts.parked() + " parked and "
                    + counts.suspended() + " suspended messages; resume or terminate them, or delete with ?force=true");
        }
    }

    /** Messages of one port. */
    record Counts(long parked, long suspended) {
    }
}
