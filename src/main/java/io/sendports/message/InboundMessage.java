package io.sendports.message;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * One message on its way through a port: the coordinates of the record it came from, its key, value and
 * the headers it may pass on. Headers that Camel components act on are dropped here, once, before anything
 * else looks at them; so are Sendports' own bookkeeping headers, which only Sendports may set. The same
 * message, restored from a parked or suspended record, has the same id and source.
 */
public final class InboundMessage {
    /** Headers Sendports writes on parked and suspended records; never taken from a producer's record. */
    public static final Set<String> BOOKKEEPING = Set.of(SendportsHeaders.PORT, SendportsHeaders.SOURCE,
            SendportsHeaders.ERROR, SendportsHeaders.ATTEMPTS, SendportsHeaders.SUSPENDED_AT,
            SendportsHeaders.ORIGINAL_KEY, SendportsHeaders.TIMESTAMP, SendportsHeaders.PHASE,
            SendportsHeaders.PHASE_FAILURES, SendportsHeaders.DUE);

    private final String port;
    private final String topic;
    private final int partition;
    private final long offset;
    private final long timestamp;
    private final byte[] key;
    private final byte[] value;
    private final List<Header> headers;

    /**
     * @param port the port that took the record: each port's copy of a record is a message of its own, as
     *             each BizTalk send port gets its own message instance
     */
    public InboundMessage(String port, String topic, int partition, long offset, long timestamp, byte[] key,
            byte[] value, Iterable<Header> raw) {
        this.port = port;
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
        this.timestamp = timestamp;
        this.key = key;
        this.value = value;
        List<Header> kept = new ArrayList<>();
        if (raw != null) {
            for (Header header : raw) {
                String name = header.key();
                if (name != null && !SendportsHeaders.CAMEL_CONTROLLED.matcher(name).find()
                        && !BOOKKEEPING.contains(name)) {
                    kept.add(header);
                }
            }
        }
        this.headers = List.copyOf(kept);
    }

    /**
     * The message a parked or suspended record carries: its bookkeeping headers give back the original
     * source, timestamp and key.
     */
    public static InboundMessage restore(Headers recordHeaders, byte[] value) {
        String source = text(recordHeaders, SendportsHeaders.SOURCE);
        if (source == null) {
            throw new IllegalArgumentException("the record has no " + SendportsHeaders.SOURCE + " header");
        }
        int last = source.lastIndexOf('/');
        int middle = source.lastIndexOf('/', last - 1);
        String timestamp = text(recordHeaders, SendportsHeaders.TIMESTAMP);
        Header key = recordHeaders.lastHeader(SendportsHeaders.ORIGINAL_KEY);
        return new InboundMessage(text(recordHeaders, SendportsHeaders.PORT), source.substring(0, middle), Integer.parseInt(source.substring(middle + 1, last)),
                Long.parseLong(source.substring(last + 1)), timestamp == null ? 0 : Long.parseLong(timestamp),
                key == null ? null : key.value(), value, recordHeaders);
    }

    private static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /**
     * A name-based UUID of the port, topic, partition and offset: the same for every redelivery of this
     * record to this port, and different for another port that takes the same record.
     */
    public String messageId() {
        return UUID.nameUUIDFromBytes((port + "/" + source()).getBytes(StandardCharsets.UTF_8)).toString();
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

    public byte[] value() {
        return value;
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
