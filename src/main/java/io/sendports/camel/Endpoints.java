package io.sendports.camel;

import java.net.URI;

import io.sendports.domain.Destination;
import io.sendports.domain.FileDestination;
import io.sendports.domain.HttpDestination;
import io.sendports.domain.KafkaDestination;
import io.sendports.domain.SendPort;

/**
 * The one place that writes Camel endpoint URIs. Nothing taken from a message ever goes into a URI built
 * here: a static port's endpoint is fixed by its definition.
 */
public final class Endpoints {
    static final String BYTES_IN = "org.apache.kafka.common.serialization.ByteArrayDeserializer";
    static final String BYTES_OUT = "org.apache.kafka.common.serialization.ByteArraySerializer";

    private Endpoints() {
    }

    /** The Kafka consumer options of a port's route (after {@code kafka:<topics>?}). */
    public static String consumerOptions(SendPort port) {
        return "groupId=" + port.consumerGroup()
                + "&clientId=sendports-" + port.name()
                + "&autoOffsetReset=earliest"
                // Offsets are committed by Camel's commit manager, only for records whose exchange completed,
                // and only after each partition's batch: never a record that was not delivered.
                + "&autoCommitEnable=false&allowManualCommit=true"
                // An undelivered record makes the consumer seek back to it instead of moving on.
                + "&breakOnFirstError=true"
                + "&keyDeserializer=" + BYTES_IN + "&valueDeserializer=" + BYTES_IN
                + "&pollTimeoutMs=1000"
                // A crashed instance's partitions move to the others after 10 s instead of the default 45 s.
                + "&sessionTimeoutMs=10000&heartbeatIntervalMs=3000"
                + (port.orderedDelivery() ? "&maxPollIntervalMs=" + orderedPollInterval(port) : "");
    }

    /**
     * An ordered port retries in place, on the consumer's thread: the consumer must be allowed to wait
     * between polls for every retry of the primary and backup transports, or the group would evict it.
     */
    static long orderedPollInterval(SendPort port) {
        long waiting = port.retry().interval().toMillis() * port.retry().count();
        if (port.backup() != null) {
            waiting += port.backup().retry().interval().toMillis() * port.backup().retry().count();
        }
        long attempts = port.retry().count() + 1L + (port.backup() == null ? 0 : port.backup().retry().count() + 1L);
        long perAttempt = 10L * 60 * 1000;
        return Math.min(Integer.MAX_VALUE, 5L * 60 * 1000 + waiting + attempts * perAttempt);
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
            return "kafka:" + kafka.topic() + "?keySerializer=" + BYTES_OUT + "&valueSerializer=" + BYTES_OUT
                    + "&requestRequiredAcks=all";
        }
        throw new IllegalArgumentException("no endpoint for " + destination);
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
            return "kafka:" + DYNAMIC_TOPIC + "?keySerializer=" + BYTES_OUT + "&valueSerializer=" + BYTES_OUT
                    + "&requestRequiredAcks=all";
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
        String options = switch (file.mode()) {
            // Written under a temporary name, then renamed onto the target: rename(2) replaces it atomically.
            case OVERWRITE -> "fileExist=TryRename&tempPrefix=.sendports-";
            case CREATE -> "fileExist=Fail&tempPrefix=.sendports-";
            case APPEND -> "fileExist=Append";
        };
        return "file:" + file.directory() + "?autoCreate=true&" + options;
    }
}
