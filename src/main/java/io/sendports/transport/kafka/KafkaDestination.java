package io.sendports.transport.kafka;

import java.util.Map;
import java.util.Optional;

import io.sendports.domain.Destination;
import io.sendports.domain.SecretReference;

/**
 * A topic on the cluster Sendports itself uses ({@code cluster} null), or on another cluster that a static port
 * names by its bootstrap servers and client properties ({@link KafkaCluster}); a static port's producer settings
 * ({@link ProducerTuning}, the defaults for a destination resolved from a message). The record's key and headers are
 * kept. A destination a dynamic port resolves from a message is always on Sendports' own cluster: a message cannot
 * name a cluster, nor the credentials for one.
 */
public record KafkaDestination(String topic, KafkaCluster cluster, ProducerTuning tuning) implements Destination {
    public static final String TYPE = "kafka";

    /** A topic on Sendports' own cluster, with the producer's defaults. */
    public KafkaDestination(String topic) {
        this(topic, null, ProducerTuning.DEFAULTS);
    }

    /** A topic on another cluster, or on Sendports' own ({@code cluster} null), with the producer's defaults. */
    public KafkaDestination(String topic, KafkaCluster cluster) {
        this(topic, cluster, ProducerTuning.DEFAULTS);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String address() {
        return KafkaPattern.SCHEME + topic;
    }

    @Override
    public Map<String, Object> options() {
        Map<String, Object> options = new java.util.LinkedHashMap<>(cluster == null ? Map.of() : cluster.options());
        options.putAll(tuning.options());
        return java.util.Collections.unmodifiableMap(options);
    }

    /** Only a topic of Sendports' own cluster: one of another cluster can neither loop back nor be reserved. */
    @Override
    public Optional<String> localTopic() {
        return cluster == null ? Optional.of(topic) : Optional.empty();
    }

    @Override
    public Map<String, SecretReference> secretReferences() {
        return cluster == null ? Map.of() : cluster.references();
    }
}
