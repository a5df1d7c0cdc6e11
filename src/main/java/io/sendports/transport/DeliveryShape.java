package io.sendports.transport;

/**
 * How a static port's messages to one destination travel: alone or several to an exchange, and whether the
 * instance's file-writer limit bounds the deliveries in flight.
 *
 * @param writesFiles whether deliveries create files: creating and renaming files in one directory is
 *                    serialized by the file system, and more writers than {@code sendports.delivery.file-writers}
 *                    only queue for it (docs/PERFORMANCE.md)
 */
public record DeliveryShape(Batching batching, boolean writesFiles) {
    /** Message by message, as many in flight as the instance allows. */
    public static final DeliveryShape SINGLE = new DeliveryShape(Batching.NONE, false);

    /** How messages are put into one exchange. */
    public enum Batching {
        /** One message per exchange. */
        NONE,
        /**
         * A partition's polled messages as one list body (one unit per partition at a time: the records keep their
         * order on the way); the producer sends them all and the exchange completes when every one is done.
         */
        RECORDS,
        /** Up to a few dozen consecutive messages of a partition as one list body, each to its own file. */
        FILES,
        /**
         * Consecutive messages bound for the same target appended in one write ({@link AppendPreparer}), one
         * exchange in flight, so that each message keeps its bytes together.
         */
        APPEND
    }
}
