package io.sendports.transport;

import org.apache.camel.Message;

import io.sendports.message.InboundMessage;

/**
 * Sets up the outgoing Camel message for one transport from scratch: every header of the Camel message is
 * removed first, and only what this transport needs is set, so nothing carried by a record can steer a
 * Camel producer.
 */
public interface OutboundPreparer {
    void prepare(InboundMessage inbound, Message out);
}
