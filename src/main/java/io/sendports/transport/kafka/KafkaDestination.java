package io.sendports.transport.kafka;

import java.util.Map;
import java.util.Optional;

import io.sendports.domain.Destination;

/** A topic on the cluster Sendports itself uses. The record's key and headers are kept. */
public record KafkaDestination(String topic) implements Destination {
    public static final String TYPE = "kafka";

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
        return Map.of();
    }

    @Override
    public Optional<String> localTopic() {
        return Optional.of(topic);
    }
}
