package io.sendports.delivery;

import io.sendports.message.InboundMessage;

/**
 * Where the failure ladder's last rung writes a message: the suspended store ({@code suspended/} implements it,
 * so that {@code delivery/} does not depend on {@code suspended/}). The write is durable when it returns.
 */
public interface Suspensions {
    void suspend(InboundMessage message, String port, String reason, int attempts);
}
