package io.sendports.api;

/**
 * A port's runtime status as this instance sees it (read-only in the API).
 *
 * @param running   whether the port's route runs on this instance
 * @param lag       messages of the subscription waiting in Kafka, as {@code PortStatuses} last measured them (every
 *                  {@code sendports.status-refresh}, and soon after an action); 0 while unenlisted; null until first
 *                  measured in this enlistment, or when Kafka did not answer
 * @param delivered messages this instance delivered since it started
 * @param failed    failed delivery attempts on this instance since it started
 * @param retried   attempts scheduled again after a failure on this instance since it started
 * @param suspended the port's messages now in the suspended topic (all instances)
 * @param lastError why Sendports stopped the port, else the last delivery error (cleared by the next
 *                  success), else the last reconcile error
 * @param serviceWindowOpen whether the port's service window is open now; null without a window
 * @param oldestWaitingAge how long ago the oldest waiting message was published (ISO-8601, e.g. PT2H5M);
 *                  null when none waits. Refreshed every {@code sendports.status-refresh} (10 s); compare it with the topic's
 *                  retention
 * @param requests  solicit-response only: requests sent (attempts, answered or not)
 * @param responses solicit-response only: responses published to the response topic
 * @param timeouts  solicit-response only: attempts that timed out
 */
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS)
public record PortStatus(boolean running, Long lag, long delivered, long failed, long retried, long suspended,
        String lastError, Boolean serviceWindowOpen, String oldestWaitingAge,
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        Long requests,
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        Long responses,
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        Long timeouts) {
}
