package io.sendports.control;

import java.time.Instant;

import io.sendports.domain.PortState;
import io.sendports.domain.SendPort;

/**
 * A port as the control topic says it should be: the definition and the operator's target state, with
 * the bookkeeping of the event that last changed it. This is desired state, never runtime status.
 *
 * @param revision   increases by one with every change of this port
 * @param enlistedAt when the current enlistment began (null while unenlisted); messages published to the
 *                   subscribed topics from this moment on are kept for the port
 * @param reason     why Sendports itself changed the state (a port stopped on failure), or null
 */
public record PortRecord(SendPort port, PortState state, long revision, Instant updatedAt, String actor,
        Instant enlistedAt, String reason) {

    public String name() {
        return port.name();
    }

    /** The same record with another definition of the same port. */
    public PortRecord withPort(SendPort newPort) {
        return new PortRecord(newPort, state, revision, updatedAt, actor, enlistedAt, reason);
    }
}
