package io.sendports.suspended;

import java.time.Instant;

/**
 * A message that could not be delivered, as listed to operators. The record itself (body, headers) stays
 * in the suspended topic at {@code partition}/{@code offset} and is fetched when needed.
 *
 * @param id     the message id: the key of the suspended record
 * @param source {@code <topic>/<partition>/<offset>} of the record it came from
 */
public record SuspendedMessage(String id, String port, String error, int attempts, Instant suspendedAt,
        String source, int partition, long offset) {
}
