package io.sendports.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The destinations a dynamic port may deliver to (its {@code allowedDestinations}, DESIGN.md §7). Each pattern
 * belongs to the transport of its scheme, which parses it and matches destinations against it
 * ({@link TransportSyntax#pattern}, {@link TransportSyntax#refusal}): as a rule {@code *} matches within one host
 * label, path segment or topic name and {@code **} any number of path segments.
 *
 * <p>Destinations are matched in their parsed, normalized form, never as strings. Nothing is reachable unless a
 * pattern allows it; Sendports' own topics and Kafka-internal ones never, whatever a pattern says.
 *
 * <p>Immutable and thread-safe.
 */
public final class AllowList {
    /** The most patterns one allow-list may have (docs/API-LIMITS.md). */
    public static final int MAX_PATTERNS = 100;

    /** One pattern with the transport it belongs to. */
    private record Entry(TransportSyntax transport, DestinationPattern pattern) {
    }

    private final List<String> patterns;
    private final List<Entry> entries;
    private final Transports transports;
    private final ReservedTopics reservedTopics;

    private AllowList(List<String> patterns, List<Entry> entries, Transports transports,
            ReservedTopics reservedTopics) {
        this.patterns = List.copyOf(patterns);
        this.entries = List.copyOf(entries);
        this.transports = transports;
        this.reservedTopics = reservedTopics;
    }

    /**
     * Checks and parses a port's patterns.
     *
     * @param field the JSON path of the list, for field errors such as {@code allowedDestinations[2]}
     * @return the allow-list, or null with the reasons added to {@code problems}
     */
    public static AllowList parse(List<String> patterns, String field, Transports transports, Problems problems) {
        if (patterns == null || patterns.isEmpty()) {
            problems.add(field, "must list at least one destination pattern (" + transports.patternForms() + ")");
            return null;
        }
        if (patterns.size() > MAX_PATTERNS) {
            problems.add(field, "must list at most " + MAX_PATTERNS + " destination patterns");
            return null;
        }
        List<Entry> entries = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < patterns.size(); i++) {
            String pattern = patterns.get(i);
            if (pattern != null && pattern.length() > Limits.ADDRESS) {
                problems.add(field + "[" + i + "]", "must be at most " + Limits.ADDRESS + " characters");
                ok = false;
                continue;
            }
            try {
                TransportSyntax transport = transportOf(pattern, transports);
                entries.add(new Entry(transport, transport.pattern(pattern)));
            } catch (DestinationRefused e) {
                problems.add(field + "[" + i + "]", e.reason());
                ok = false;
            }
        }
        return ok ? new AllowList(patterns, entries, transports, ReservedTopics.DEFAULT) : null;
    }

    private static TransportSyntax transportOf(String pattern, Transports transports) {
        if (pattern == null || pattern.isBlank()) {
            throw new DestinationRefused("must not be blank");
        }
        String text = pattern.strip();
        int colon = text.indexOf(':');
        String scheme = colon < 1 ? null : text.substring(0, colon).toLowerCase(Locale.ROOT);
        return transports.byScheme(scheme).orElseThrow(
                () -> new DestinationRefused("must be an " + transports.patternForms() + " pattern"));
    }

    /** The same allow-list, protecting these topics (Sendports' topic names are configurable). */
    public AllowList withReservedTopics(ReservedTopics reserved) {
        return new AllowList(patterns, entries, transports, reserved);
    }

    /** The transports whose destinations a message of this port may name. */
    public Transports transports() {
        return transports;
    }

    /** The patterns as the port definition lists them. */
    public List<String> patterns() {
        return patterns;
    }

    /** The parsed patterns of one transport, in the order of the definition. */
    public List<DestinationPattern> patterns(String transport) {
        return entries.stream().filter(entry -> entry.transport().type().equals(transport))
                .map(Entry::pattern).toList();
    }

    public boolean allows(Destination destination) {
        return refusal(destination) == null;
    }

    /** Why this destination is not allowed, or null when a pattern allows it. */
    public String refusal(Destination destination) {
        String topic = destination.localTopic().orElse(null);
        if (topic != null) {
            String error = Names.topicNameError(topic);
            if (error != null) {
                return "topic " + DestinationRefused.shown(topic) + " " + error;
            }
            String reserved = reservedTopics.refusal(topic);
            if (reserved != null) {
                return "topic " + DestinationRefused.shown(topic) + " " + reserved;
            }
        }
        return transports.of(destination).refusal(destination, patterns(destination.type()));
    }

    /** Two allow-lists are the same when they have the same patterns and reserved topics. */
    @Override
    public boolean equals(Object other) {
        return other instanceof AllowList that && that.patterns().equals(patterns())
                && that.reservedTopics.equals(reservedTopics);
    }

    @Override
    public int hashCode() {
        return patterns().hashCode();
    }

    @Override
    public String toString() {
        return "AllowList" + patterns;
    }
}
