package io.sendports.control;

/** Told when desired state changes. Listeners only signal; they must not act on the caller's thread. */
public interface ViewListener {

    /** The port's record changed or was deleted; called only after the start-up catch-up. */
    void portChanged(String name);

    /** The group's record changed or was deleted; called only after the start-up catch-up. */
    default void groupChanged(String name) {
    }

    /** The view is complete for the first time: every port should be looked at. */
    void caughtUp();
}
