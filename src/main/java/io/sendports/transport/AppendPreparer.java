package io.sendports.transport;

import org.apache.camel.Message;

import io.sendports.message.InboundMessage;

/**
 * The preparer of a transport that appends ({@link DeliveryShape.Batching#APPEND}): consecutive messages with the
 * same target are written by one exchange, whose body is their bytes one after the other.
 */
public interface AppendPreparer extends OutboundPreparer {
    /** Where the message goes, such as its file name: messages with equal targets may share one append. */
    String target(InboundMessage inbound);

    /** Sets up one append to the target. */
    void prepare(String target, Message out);
}
