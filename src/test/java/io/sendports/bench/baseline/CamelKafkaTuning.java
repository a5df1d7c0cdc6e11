package io.sendports.bench.baseline;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The Kafka client settings a Sendports port runs with, written out for the baselines so that every contender
 * consumes and produces with the same tuning. The fetch settings are the Kafka client's defaults, which a
 * port's consumer keeps ({@code io.sendports.camel.Endpoints.consumerProperties}: {@code max.poll.records=500},
 * {@code auto.offset.reset=earliest}, no auto commit; its session timeout and assignor differ, which does not
 * matter to one consumer moving records); the producer settings are camel-kafka 4.17's endpoint defaults plus
 * {@code acks=all} and Sendports' default {@code batch.size} of 64 KiB ({@code KafkaTransport.PRODUCER_BATCH}), as on
 * a port's Kafka endpoint. Keep this class in step with those when either changes.
 */
public final class CamelKafkaTuning {
    /** Sendports' {@code pollTimeoutMs}. */
    public static final long POLL_TIMEOUT_MS = 1000;

    private CamelKafkaTuning() {
    }

    public static Map<String, Object> consumer(String bootstrapServers, String group, String clientId) {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", bootstrapServers);
        config.put("group.id", group);
        config.put("client.id", clientId);
        config.put("key.deserializer", ByteArrayDeserializer.class.getName());
        config.put("value.deserializer", ByteArrayDeserializer.class.getName());
        config.putAll(consumerTuning());
        return config;
    }

    /** The consumer settings without identity and deserializers (also given to Kafka Connect as {@code consumer.*}). */
    public static Map<String, Object> consumerTuning() {
        Map<String, Object> config = new HashMap<>();
        config.put("auto.offset.reset", "earliest");
        config.put("enable.auto.commit", "false");
        config.put("max.poll.records", "500");
        config.put("fetch.min.bytes", "1");
        config.put("fetch.max.wait.ms", "500");
        config.put("fetch.max.bytes", "52428800");
        config.put("max.partition.fetch.bytes", "1048576");
        config.put("session.timeout.ms", "45000");
        config.put("heartbeat.interval.ms", "3000");
        config.put("check.crcs", "true");
        config.put("isolation.level", "read_uncommitted");
        config.put("partition.assignment.strategy", "org.apache.kafka.clients.consumer.RangeAssignor");
        config.put("request.timeout.ms", "30000");
        config.put("retry.backoff.ms", "100");
        config.put("retry.backoff.max.ms", "1000");
        config.put("reconnect.backoff.max.ms", "1000");
        return config;
    }

    public static Map<String, Object> producer(String bootstrapServers, String clientId) {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", bootstrapServers);
        config.put("client.id", clientId);
        config.put("key.serializer", ByteArraySerializer.class.getName());
        config.put("value.serializer", ByteArraySerializer.class.getName());
        config.putAll(producerTuning());
        return config;
    }

    /**
     * The producer settings without identity and serializers (also given to the Kafka Streams baseline as
     * {@code producer.*}).
     */
    public static Map<String, Object> producerTuning() {
        Map<String, Object> config = new HashMap<>();
        config.put("acks", "all");
        config.put("linger.ms", "0");
        config.put("batch.size", "65536");
        config.put("buffer.memory", "33554432");
        config.put("compression.type", "none");
        config.put("enable.idempotence", "true");
        config.put("max.in.flight.requests.per.connection", "5");
        config.put("max.request.size", "1048576");
        config.put("send.buffer.bytes", "131072");
        config.put("receive.buffer.bytes", "65536");
        config.put("request.timeout.ms", "30000");
        config.put("delivery.timeout.ms", "120000");
        config.put("max.block.ms", "60000");
        config.put("connections.max.idle.ms", "540000");
        config.put("metadata.max.age.ms", "300000");
        config.put("retry.backoff.ms", "100");
        config.put("retry.backoff.max.ms", "1000");
        config.put("reconnect.backoff.ms", "50");
        config.put("reconnect.backoff.max.ms", "1000");
        return config;
    }
}
