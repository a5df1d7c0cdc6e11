package io.sendports.transport.kafka;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The value and headers of a consumed record, as the body of the Camel message that delivers it to a Kafka topic.
 *
 * <p>Kafka headers are a list: a name may come more than once, in any case, and their order is kept. Camel's message
 * headers are a map with case-insensitive names, so a record whose headers went through them arrived with one value
 * per name, in another order (TransportDeliveryTest). The record's headers therefore travel with its value, and the
 * producer's value serializer ({@link Writer}) adds them to the outgoing record as it serializes the value: Kafka
 * hands a serializer the record's headers, still open for additions. The key goes as Camel's producer takes it
 * ({@code kafka.KEY}).
 */
public record ConsumedRecord(byte[] value, List<Header> headers) {
    /** The value serializer of every Kafka destination's producer. */
    public static final class Writer implements Serializer<Object> {
        @Override
        public void configure(Map<String, ?> configs, boolean isKey) {
            // nothing to configure
        }

        @Override
        public byte[] serialize(String topic, Object data) {
            return serialize(topic, null, data);
        }

        /** A {@link ConsumedRecord}'s value with its headers; bytes as they are, from any other sender. */
        @Override
        public byte[] serialize(String topic, Headers headers, Object data) {
            if (data instanceof ConsumedRecord consumed) {
                if (headers == null) {
                    throw new IllegalStateException("no headers to write the consumed record's headers to");
                }
                consumed.headers().forEach(headers::add);
                return consumed.value();
            }
            if (data == null || data instanceof byte[]) {
                return (byte[]) data;
            }
            throw new IllegalArgumentException("cannot write a " + data.getClass().getName() + " to Kafka topic "
                    + topic + ": bytes or a consumed record only");
        }
    }
}
