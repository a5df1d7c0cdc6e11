package io.sendports.api;

/**
 * A port's runtime status as this instance sees it (read-only in the API).
 *
 * @param running   whether the port's route runs on this instance
 * @param lag       messages of the subscription waiting in Kafka; 0 while unenlisted (null when Kafka did not answer)
 * @param delivered messages this instance delivered since it started
 * @param failed    failed delivery attempts on this instance since it started
 * @param suspended messages suspended (none before suspension exists)
 * @param lastError the last delivery or reconcile error, cleared by the next success
 */
public record PortStatus(boolean running, Long lag, long delivered, long failed, long suspended, String lastError) {
}
