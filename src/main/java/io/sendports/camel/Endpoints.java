package io.sendports.camel;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;

import io.sendports.domain.Destination;
import io.sendports.domain.FileDestination;
import io.sendports.domain.HttpDestination;
import io.sendports.domain.KafkaDestination;
import io.sendports.domain.SendPort;

/**
 * The one place that writes Camel endpoint URIs. A static port's endpoint is fixed by its definition. Of what a
 * dynamic port takes from a message, only an http(s) scheme, host and port (checked against the allow-list) and a
 * file directory go into a URI, the directory escaped so that no character of it can end the path or set an
 * option ({@link FileWriterComponent#uriPath}); paths, queries and topics travel in the message.
 */
public final class Endpoints {
    static final String BYTES_OUT = "org.apache.kafka.common.serialization.ByteArraySerializer";
    /**
     * Kafka producer options: bytes as they came, acknowledged by all in-sync replicas; a batch of records
     * (a list of messages, see {@code PortPipeline}) keeps every record's own headers.
     */
    static final String KAFKA_PRODUCER = "keySerializer=" + BYTES_OUT + "&valueSerializer=" + BYTES_OUT
            + "&requestRequiredAcks=all&batchWithIndividualHeaders=true";

    private Endpoints() {
    }

    /** The endpoint a port's route starts from: its consumer sends each delivery unit there. */
    public static String input(SendPort port) {
        return "direct:sendports.port." + port.name();
    }

    /**
     * The settings of a port's Kafka consumer ({@code io.sendports.delivery.PortConsumer}), on top of the
     * client settings every Sendports client has.
     */
    public static Map<String, Object> consumerProperties(SendPort port, Map<String, Object> common) {
        Map<String, Object> properties = new HashMap<>(common);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, port.consumerGroup());
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "sendports-" + port.name());
        // Partitions that appear after the enlist hold only messages that came after it (DESIGN.md §3).
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // The consumer commits the lowest offset not yet finished itself: never a record that was not delivered.
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        // A crashed instance's partitions move to the others after 10 s instead of the default 45 s.
        properties.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        properties.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
        // Instances joining or leaving move only the partitions that must move; the others keep delivering.
        properties.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        return properties;
    }

    /** The producer URI of a fixed destination. */
    public static String destination(Destination destination) {
        return destination(destination, false);
    }

    /**
     * The producer URI of a fixed destination.
     *
     * @param solicitResponse keep the response's headers (its content type is published with it)
     */
    public static String destination(Destination destination, boolean solicitResponse) {
        if (destination instanceof HttpDestination http) {
            return http(http, true, solicitResponse);
        }
        if (destination instanceof FileDestination file) {
            return file(file);
        }
        if (destination instanceof KafkaDestination kafka) {
            return "kafka:" + kafka.topic() + "?" + KAFKA_PRODUCER;
        }
        throw new IllegalArgumentException("no endpoint for " + destination);
    }

    /** The Kafka producer's own limits: {@code max.request.size} and {@code batch.size}. */
    static final int PRODUCER_MAX_REQUEST = 1024 * 1024;
    static final int PRODUCER_BATCH = 16 * 1024;

    /**
     * A static port's Kafka producer URI held to what its destination topic takes ({@code maxMessageBytes}, its
     * {@code max.message.bytes}; -1 when not known). Under the producer's own limits, a record too large for the
     * topic is refused at once by the producer, and no batch grows beyond the limit. Otherwise the broker would
     * refuse a batch holding such a record, and the producer would split it into batches as large and send
     * them again until its delivery timeout (2 minutes).
     */
    public static String withinMessageLimit(String kafkaUri, int maxMessageBytes) {
        if (maxMessageBytes <= 0 || maxMessageBytes >= PRODUCER_MAX_REQUEST) {
            return kafkaUri;
        }
        return kafkaUri + "&maxRequestSize=" + maxMessageBytes
                + "&producerBatchSize=" + Math.min(PRODUCER_BATCH, maxMessageBytes);
    }

    /**
     * The producer URI of a destination a dynamic port resolved from a message. Endpoints are shared as
     * widely as possible so that many destinations need few endpoints: one per http(s) scheme, host and
     * port (the path travels in the message, {@code CamelHttpUri}), one per file directory, and a single
     * one for every Kafka topic (the topic travels in the message, {@code kafka.OVERRIDE_TOPIC}).
     */
    public static String dynamicDestination(Destination destination, boolean solicitResponse) {
        if (destination instanceof HttpDestination http) {
            return http(http, false, solicitResponse);
        }
        if (destination instanceof KafkaDestination) {
            return "kafka:" + DYNAMIC_TOPIC + "?" + KAFKA_PRODUCER;
        }
        return destination(destination);
    }

    /** The nominal topic of the shared dynamic Kafka endpoint; every message names its own. */
    static final String DYNAMIC_TOPIC = "sendports.dynamic";

    private static String http(HttpDestination http, boolean withPath, boolean solicitResponse) {
        URI uri = http.uri();
        long timeout = http.timeout().toMillis();
        String path = withPath && uri.getRawPath() != null ? uri.getRawPath() : "";
        // The query of the address is sent per message (CamelHttpQuery): in the endpoint URI Camel would
        // read it as endpoint options.
        return uri.getScheme().toLowerCase() + "://" + uri.getRawAuthority() + path
                + "?throwExceptionOnFailure=true&followRedirects=false&skipResponseHeaders=" + !solicitResponse
                + "&connectTimeout=" + timeout + "&responseTimeout=" + timeout + "&soTimeout=" + timeout
                + "&connectionRequestTimeout=" + timeout;
    }

    private static String file(FileDestination file) {
        return FileWriterComponent.SCHEME + ":" + FileWriterComponent.uriPath(file.directory()) + "?mode="
                + file.mode().json();
    }
}
