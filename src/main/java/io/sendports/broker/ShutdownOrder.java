package io.sendports.broker;

/**
 * The order in which the service stops (priorities of {@code ShutdownEvent} observers, lowest first): the ports
 * first (they stop taking work, finish and commit what is in flight and leave their consumer groups), then the
 * readers of Sendports' own topics (a stopping port may still suspend a message, which waits for its read-back).
 * Both run before Camel stops; the embedded broker stops after Camel ({@link EmbeddedBrokerLifecycle}), so no
 * client is left polling a broker that is gone.
 */
public final class ShutdownOrder {
    /** The reconciler stops its port changes and every port. Before the default observer priority (2500). */
    public static final int PORTS = 1000;
    /** The control-topic and suspended-topic readers stop. */
    public static final int READERS = 1100;

    private ShutdownOrder() {
    }
}
