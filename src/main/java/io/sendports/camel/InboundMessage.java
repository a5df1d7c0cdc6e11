package io.sendports.camel;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * One consumed Kafka record, as a port sees it: its coordinates, key, value and the headers it may pass
 * on. Headers that Camel components act on are dropped here, once, before anything else looks at them.
 */
public final class InboundMessage {
    private final String topic;
    private final int partition;
    private final long offset;
    private final long timestamp;
    private final byte[] key;
    private final List<Header> headers;

    public InboundMessage(String topic, int partition, long offset, long timestamp, byte[] key, Headers raw) {
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
        this.timestamp = timestamp;
        this.key = key;
        List<Header> kept = new ArrayList<>();
        if (raw != null) {
            for (Header header : raw) {
                if (header.key() != null && !SendportsHeaders.CAMEL_CONTROLLED.matcher(header.key()).find()) {
                    kept.add(header);
                }
            }
        }
        this.headers = List.copyOf(kept);
    }

    /** A name-based UUID of topic, partition and offset: the same for every redelivery of this record. */
    public String messageId() {
        return UUID.nameUUIDFromBytes(source().getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** {@code <topic>/<partition>/<offset>}. */
    public String source() {
        return topic + "/" + partition + "/" + offset;
    }

    /** The last value of a header as UTF-8 text, or null when absent. */
    public String header(String name) {
        for (int i = headers.size() - 1; i >= 0; i--) {
            Header header = headers.get(i);
            if (header.key().equals(name)) {
                return header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** The headers that may travel on, in record order. */
    public List<Header> headers() {
        return headers;
    }

    public byte[] key() {
        return key;
    }

    public String topic() {
        return topic;
    }

    public int partition() {
        return partition;
    }

    public long offset() {
        return offset;
    }

    /** The record's timestamp in epoch milliseconds. */
    public long timestamp() {
        return timestamp;
    }
}
