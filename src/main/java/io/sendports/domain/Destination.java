package io.sendports.domain;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Where a transport delivers, parsed and checked: the transport-neutral face of each transport's own
 * destination type (in {@code io.sendports.transport.<name>}). It writes itself back as the {@code transport}
 * of the API, and answers the few questions the port rules ask of any destination.
 *
 * <p>Implementations are immutable values: equal when they deliver to the same place in the same way.
 */
public interface Destination {
    /** The transport's name as the API writes it ({@code transport.type}), such as {@code http}. */
    String type();

    /** The {@code address} as the API writes it back, normalized. */
    String address();

    /** The {@code options} as the API writes them back, defaults filled in, in a stable order. */
    Map<String, Object> options();

    /**
     * The topic of the cluster Sendports itself uses that a delivery here writes into, if any: a port must
     * not deliver into a topic it subscribes to, nor into Sendports' own topics.
     */
    default Optional<String> localTopic() {
        return Optional.empty();
    }

    /**
     * The secret references of its credential fields as written, by their JSON path below the transport (such as
     * {@code options.auth.password}): checked against {@code sendports.secrets.allowed-paths} when a definition is
     * written, resolved only at delivery. A field that names a file the transport reads as it is (a Kafka
     * truststore) is here too, as a {@code ${file:...}} reference, since it must lie under the same directories.
     */
    default Map<String, SecretReference> secretReferences() {
        return Map.of();
    }

    /** Whether a delivery here gives a response that a solicit-response port can publish. */
    default boolean responds() {
        return false;
    }

    /** How long one delivery here waits for its answer; null when the transport has no such setting. */
    default Duration timeout() {
        return null;
    }

    /** The same destination waiting this long for an answer (a solicit-response port's {@code responseTimeout}). */
    default Destination withTimeout(Duration timeout) {
        return this;
    }
}
