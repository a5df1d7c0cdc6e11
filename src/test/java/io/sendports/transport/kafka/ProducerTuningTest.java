package io.sendports.transport.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.sendports.domain.FieldError;
import io.sendports.domain.Problems;
import io.sendports.transport.Transport;
import io.sendports.testsupport.OrderedMap;

/**
 * A static kafka destination's producer settings ({@code lingerMs}, {@code batchSize}, {@code compression}): checked
 * field by field, written back as given, and passed to Camel's Kafka endpoint; left out, the endpoint is as before.
 */
class ProducerTuningTest {
    private final KafkaTransport transport = new KafkaTransport();

    private KafkaDestination parsed(Map<String, Object> options) {
        Problems problems = new Problems();
        KafkaDestination destination = transport.parse("kafka:orders", options, "transport", problems);
        assertEquals("[]", problems.errors().toString());
        return destination;
    }

    private Map<String, String> refused(Map<String, Object> options) {
        Problems problems = new Problems();
        assertNull(transport.parse("kafka:orders", options, "transport", problems), "accepted " + options);
        return problems.errors().stream().collect(Collectors.toMap(FieldError::field, FieldError::message, (a, b) -> a));
    }

    private String uri(KafkaDestination destination, int maxMessageBytes) {
        return transport.endpointUri(destination, new Transport.EndpointUse(false, false, maxMessageBytes));
    }

    @Test
    void theSettingsAreWrittenBackAsGivenAndReachTheEndpoint() {
        KafkaDestination tuned = parsed(OrderedMap.of("lingerMs", 5, "batchSize", 65536, "compression", "lz4"));
        assertEquals(OrderedMap.of("lingerMs", 5, "batchSize", 65536, "compression", "lz4"), tuned.options());
        assertEquals(tuned, parsed(tuned.options()), "written back, it parses to the same destination");
        assertEquals("kafka:orders?" + KafkaTransport.PRODUCER + "&lingerMs=5&producerBatchSize=65536&compressionCodec=lz4",
                uri(tuned, -1));
        // one setting alone: the others keep their defaults, and only it is written back
        KafkaDestination lingering = parsed(OrderedMap.of("lingerMs", 0));
        assertEquals(OrderedMap.of("lingerMs", 0), lingering.options());
        assertEquals("kafka:orders?" + KafkaTransport.PRODUCER + "&lingerMs=0&producerBatchSize=65536", uri(lingering, -1));
        assertEquals("kafka:orders?" + KafkaTransport.PRODUCER + "&producerBatchSize=65536", uri(parsed(Map.of()), -1),
                "no setting: the defaults");
    }

    @Test
    void aTopicThatTakesLessThanTheBatchHoldsTheBatchToItsLimit() {
        assertEquals("kafka:orders?" + KafkaTransport.PRODUCER + "&maxRequestSize=10000&producerBatchSize=10000",
                uri(parsed(OrderedMap.of("batchSize", 65536)), 10_000));
        assertEquals("kafka:orders?" + KafkaTransport.PRODUCER + "&maxRequestSize=100000&producerBatchSize=16384",
                uri(parsed(OrderedMap.of("batchSize", 16384)), 100_000), "a smaller batch than the limit is kept");
        assertEquals("kafka:orders?" + KafkaTransport.PRODUCER + "&maxRequestSize=100000&producerBatchSize=65536",
                uri(parsed(Map.of()), 100_000), "the default batch under a larger limit");
    }

    @Test
    void eachSettingIsCheckedNamingItsField() {
        assertEquals(Map.of("transport.options.lingerMs", "must be a whole number from 0 to 60000"),
                refused(OrderedMap.of("lingerMs", "5")));
        assertEquals(Map.of("transport.options.lingerMs", "must be a whole number from 0 to 60000"),
                refused(OrderedMap.of("lingerMs", 2.5)));
        assertEquals(Map.of("transport.options.lingerMs", "must be from 0 to 60000"), refused(OrderedMap.of("lingerMs", -1)));
        assertEquals(Map.of("transport.options.batchSize", "must be from 0 to 1048576"),
                refused(OrderedMap.of("batchSize", 2_000_000)));
        assertEquals(Map.of("transport.options.batchSize", "must be from 0 to 1048576"),
                refused(OrderedMap.of("batchSize", new java.math.BigInteger("99999999999999999999"))));
        assertEquals(Map.of("transport.options.compression", "must be one of none, gzip, snappy, lz4, zstd"),
                refused(OrderedMap.of("compression", "brotli")));
        assertEquals(Map.of("transport.options.compression", "must be one of none, gzip, snappy, lz4, zstd"),
                refused(OrderedMap.of("compression", 1)));
        // all at once
        assertEquals(3, refused(OrderedMap.of("lingerMs", -1, "batchSize", -1, "compression", "LZ4")).size());
    }

    @Test
    void anotherClusterTakesThemTooButNotAlsoAsProperties() {
        Map<String, Object> plain = OrderedMap.of("security.protocol", "PLAINTEXT");
        KafkaDestination other = parsed(OrderedMap.of("bootstrapServers", "kafka-b:9092", "properties", plain, "compression",
                "zstd"));
        assertEquals("zstd", other.options().get("compression"));
        String uri = uri(other, -1);
        assertEquals(true, uri.startsWith("sendports-kafka:orders?")
                && uri.endsWith("&producerBatchSize=65536&compressionCodec=zstd"), uri);
        assertEquals(Map.of("transport.options.compression",
                "is given twice: also as options.properties.compression.type; keep one"),
                refused(OrderedMap.of("bootstrapServers", "kafka-b:9092", "properties", OrderedMap.of("compression.type", "gzip"),
                        "compression", "zstd")));
        assertEquals(Map.of("transport.options.lingerMs", "is given twice: also as options.properties.linger.ms; keep one"),
                refused(OrderedMap.of("bootstrapServers", "kafka-b:9092", "properties", OrderedMap.of("linger.ms", "5"), "lingerMs", 5)));
    }
}
