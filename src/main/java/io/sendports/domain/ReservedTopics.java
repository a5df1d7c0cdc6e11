package io.sendports.domain;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The topics no port may subscribe to, deliver to or answer on, and that the publish endpoint refuses
 * (DESIGN.md §7): Sendports' own topics under their configured names and under their default names (another
 * installation on the same cluster may use those), and every Kafka-internal topic ({@code __*}). Kafka
 * treats names that differ only by '.' against '_' as colliding, so those count as the same topic.
 *
 * <p>Immutable; built once from the configuration by the application and passed into the domain's checks.
 */
public final class ReservedTopics {
    /** Sendports' own topics under their default names: a message must not write into the control plane. */
    public static final Set<String> DEFAULT_NAMES =
            Set.of("sendports.control", "sendports.suspended", "sendports.retry");

    /** The default names alone, for checks made without a configuration. */
    public static final ReservedTopics DEFAULT = new ReservedTopics(DEFAULT_NAMES);

    private final Set<String> names;

    private ReservedTopics(Collection<String> configured) {
        Set<String> all = new LinkedHashSet<>(DEFAULT_NAMES);
        all.addAll(configured);
        this.names = Set.copyOf(all);
    }

    /** The default names plus Sendports' topics as configured. */
    public static ReservedTopics of(Collection<String> configured) {
        return new ReservedTopics(configured);
    }

    /** Sendports' own topic names this set protects (Kafka-internal topics are protected by their prefix). */
    public Set<String> names() {
        return names;
    }

    /** Why a topic is reserved, or null when a port may use it. */
    public String refusal(String topic) {
        if (topic == null) {
            return null;
        }
        if (topic.startsWith("__")) {
            return "is a Kafka-internal topic";
        }
        String folded = topic.replace('.', '_');
        if (names.stream().anyMatch(name -> name.replace('.', '_').equals(folded))) {
            return "is reserved for Sendports itself";
        }
        return null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ReservedTopics that && that.names.equals(names);
    }

    @Override
    public int hashCode() {
        return names.hashCode();
    }

    @Override
    public String toString() {
        return "ReservedTopics" + names;
    }
}
