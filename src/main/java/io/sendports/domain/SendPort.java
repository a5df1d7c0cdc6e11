package io.sendports.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * A send port's definition: what it subscribes to and where it delivers. It holds no runtime state; the
 * state the operator asked for travels beside it ({@link PortState}). Instances are always valid: they
 * are built by {@link SendPorts#define}.
 *
 * @param destination the fixed destination of a static port; null for a dynamic port
 * @param backup      the backup transport, or null
 * @param serviceWindow the daily delivery window, or null for always
 * @param allowedDestinations where a dynamic port may deliver; null for a static port
 * @param responseTopic where a solicit-response port publishes responses; null for a one-way port
 * @param responseTimeout how long a solicit-response port waits for a response; null for a one-way port
 */
public record SendPort(String name, String description, PortKind kind, MessagePattern pattern,
        Subscription subscription, Destination destination, RetryPolicy retry, BackupTransport backup,
        boolean orderedDelivery, boolean stopOnFailure, ServiceWindow serviceWindow, AllowList allowedDestinations,
        String responseTopic, Duration responseTimeout) {

    public SendPort {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(subscription, "subscription");
        Objects.requireNonNull(retry, "retry");
        description = description == null ? "" : description;
    }

    /** A port with the default delivery options: BizTalk's retries, no backup, unordered, always open. */
    public SendPort(String name, String description, PortKind kind, MessagePattern pattern,
            Subscription subscription, Destination destination) {
        this(name, description, kind, pattern, subscription, destination, RetryPolicy.DEFAULT, null, false, false, null,
                null, null, null);
    }

    public boolean isSolicitResponse() {
        return pattern == MessagePattern.SOLICIT_RESPONSE;
    }

    public boolean isDynamic() {
        return kind == PortKind.DYNAMIC;
    }

    /** Whether failed messages wait on the retry topic (unordered) rather than being retried in place. */
    public boolean parksRetries() {
        return !orderedDelivery;
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
