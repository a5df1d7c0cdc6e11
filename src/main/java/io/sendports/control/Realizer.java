package io.sendports.control;

import java.time.Duration;

/**
 * The runtime side as the herder sees it: something that turns desired state into running routes and
 * consumer groups. The herder waits on it so that a REST write answers once the change is in effect on
 * this instance (other instances converge on their own).
 */
public interface Realizer {

    /**
     * Waits until this instance has acted on the given revision of a port (or on its deletion when
     * {@code revision} is negative). Returns false when the time ran out; the change still happens later.
     */
    boolean awaitRealized(String name, long revision, Duration timeout);

    /**
     * Waits until this instance has acted on the given revision of a group (or its deletion when negative) for
     * every member it concerns.
     */
    boolean awaitGroupRealized(String name, long revision, Duration timeout);
}
