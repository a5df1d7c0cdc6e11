package io.sendports.delivery;

import java.util.List;

import org.apache.kafka.common.TopicPartition;

import io.sendports.message.InboundMessage;

/**
 * What one exchange of a port's route carries: one message, or several consecutive messages of one partition
 * that go to the same place in one write (a batch of Kafka records, one append to a file). A unit succeeds or
 * fails as a whole; a failed unit's messages are then handled one by one by the {@link FailurePolicy}.
 *
 * @param appendTo the file every message of an append batch goes to; null otherwise
 */
public record DeliveryUnit(TopicPartition partition, List<InboundMessage> messages, String appendTo) {

    public DeliveryUnit {
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a delivery unit holds at least one message");
        }
        messages = List.copyOf(messages);
    }

    public static DeliveryUnit of(TopicPartition partition, InboundMessage message) {
        return new DeliveryUnit(partition, List.of(message), null);
    }

    /** The offset of its first message: the unit is unfinished as long as this offset is. */
    public long firstOffset() {
        return messages.get(0).offset();
    }

    public boolean single() {
        return messages.size() == 1 && appendTo == null;
    }

    /** The message of a single-message unit. */
    public InboundMessage message() {
        if (messages.size() != 1) {
            throw new IllegalStateException("a unit of " + messages.size() + " messages");
        }
        return messages.get(0);
    }
}
