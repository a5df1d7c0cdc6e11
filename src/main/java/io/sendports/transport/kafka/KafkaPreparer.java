package io.sendports.transport.kafka;

import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;

import io.sendports.message.InboundMessage;
import io.sendports.transport.OutboundPreparer;

/**
 * Kafka records: the key, value and headers of the consumed record, byte for byte, the headers in their order and
 * with every repeated name ({@link ConsumedRecord}). For a destination resolved per message, the topic travels in the
 * message to the one shared endpoint.
 */
public final class KafkaPreparer implements OutboundPreparer {
    private final String overrideTopic;

    /** @param overrideTopic the topic to send to instead of the endpoint's; null for a static port */
    public KafkaPreparer(String overrideTopic) {
        this.overrideTopic = overrideTopic;
    }

    @Override
    public void prepare(InboundMessage inbound, Message out) {
        out.getHeaders().clear();
        out.setBody(new ConsumedRecord(inbound.value(), inbound.headers()));
        if (inbound.key() != null) {
            out.setHeader(KafkaConstants.KEY, inbound.key());
        }
        if (overrideTopic != null) {
            out.setHeader(KafkaConstants.OVERRIDE_TOPIC, overrideTopic);
        }
    }
}
