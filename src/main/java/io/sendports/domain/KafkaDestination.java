package io.sendports.domain;

/** A topic on the cluster Sendports itself uses. The record's key and headers are kept. */
public record KafkaDestination(String topic) implements Destination {

    @Override
    public TransportType type() {
        return TransportType.KAFKA;
    }

    @Override
    public String address() {
        return "kafka:" + topic;
    }
}
