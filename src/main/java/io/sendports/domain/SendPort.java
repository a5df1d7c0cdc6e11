package io.sendports.domain;

import java.util.Objects;

/**
 * A send port's definition: what it subscribes to and where it delivers. It holds no runtime state; the
 * state the operator asked for travels beside it ({@link PortState}). Instances are always valid: they
 * are built by {@link SendPorts#define}.
 *
 * @param destination the fixed destination of a static port; null for a dynamic port
 */
public record SendPort(String name, String description, PortKind kind, MessagePattern pattern,
        Subscription subscription, Destination destination) {

    public SendPort {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(subscription, "subscription");
        description = description == null ? "" : description;
    }

    /** The Kafka consumer group that holds this port's subscription while it is enlisted. */
    public String consumerGroup() {
        return "sendports.port." + name;
    }

    /** Whether changing from this definition to {@code next} is an update (kind and pattern are fixed). */
    public boolean canBecome(SendPort next) {
        return kind == next.kind && pattern == next.pattern;
    }
}
