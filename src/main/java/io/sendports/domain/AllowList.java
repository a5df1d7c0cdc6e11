package io.sendports.domain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The destinations a dynamic port may deliver to (its {@code allowedDestinations}, DESIGN.md §7). Patterns
 * are {@code http(s)://host[:port]/path}, {@code file:///directory} and {@code kafka:topic}, where {@code *}
 * matches within one host label, path segment or topic name and {@code **} any number of path segments.
 *
 * <p>Destinations are matched in their parsed, normalized form, never as strings: an http(s) address is
 * taken apart again here even when it came from {@link DynamicDestinations}, so a destination built any
 * other way gets the same checks. Nothing is reachable unless a pattern allows it; IP addresses and
 * link-local or cloud metadata hosts only through a pattern naming them exactly; Sendports' own topics and
 * Kafka-internal ones never.
 *
 * <p>Immutable and thread-safe.
 */
public final class AllowList {
    /** The most patterns one allow-list may have (docs/API-LIMITS.md). */
    public static final int MAX_PATTERNS = 100;

    private final List<String> patterns;
    private final List<HttpPattern> http;
    private final List<FilePattern> files;
    private final List<KafkaPattern> topics;
    private final ReservedTopics reservedTopics;

    private AllowList(List<String> patterns, List<HttpPattern> http, List<FilePattern> files,
            List<KafkaPattern> topics, ReservedTopics reservedTopics) {
        this.patterns = List.copyOf(patterns);
        this.http = List.copyOf(http);
        this.files = List.copyOf(files);
        this.topics = List.copyOf(topics);
        this.reservedTopics = reservedTopics;
    }

    /**
     * Checks and parses a port's patterns.
     *
     * @param field the JSON path of the list, for field errors such as {@code allowedDestinations[2]}
     * @return the allow-list, or null with the reasons added to {@code problems}
     */
    public static AllowList parse(List<String> patterns, String field, Problems problems) {
        if (patterns == null || patterns.isEmpty()) {
            problems.add(field, "must list at least one destination pattern"
                    + " (http(s)://host[:port]/path, file:///directory or kafka:topic)");
            return null;
        }
        if (patterns.size() > MAX_PATTERNS) {
            problems.add(field, "must list at most " + MAX_PATTERNS + " destination patterns");
            return null;
        }
        List<HttpPattern> http = new ArrayList<>();
        List<FilePattern> files = new ArrayList<>();
        List<KafkaPattern> topics = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < patterns.size(); i++) {
            String pattern = patterns.get(i);
            if (pattern != null && pattern.length() > Transports.MAX_ADDRESS) {
                problems.add(field + "[" + i + "]", "must be at most " + Transports.MAX_ADDRESS + " characters");
                ok = false;
                continue;
            }
            try {
                String lower = pattern == null ? "" : pattern.strip().toLowerCase(Locale.ROOT);
                if (lower.startsWith("http://") || lower.startsWith("https://")) {
                    http.add(HttpPattern.parse(pattern));
                } else if (lower.startsWith("file:")) {
                    files.add(FilePattern.parse(pattern));
                } else if (lower.startsWith(KafkaPattern.SCHEME)) {
                    topics.add(KafkaPattern.parse(pattern));
                } else {
                    throw new DestinationRefused(pattern == null || pattern.isBlank() ? "must not be blank"
                            : "must be an http(s)://host[:port]/path, file:///directory or kafka:topic pattern");
                }
            } catch (DestinationRefused e) {
                problems.add(field + "[" + i + "]", e.reason());
                ok = false;
            }
        }
        return ok ? new AllowList(patterns, http, files, topics, ReservedTopics.DEFAULT) : null;
    }

    /** The same allow-list, protecting these topics (Sendports' topic names are configurable). */
    public AllowList withReservedTopics(ReservedTopics reserved) {
        return new AllowList(patterns, http, files, topics, reserved);
    }

    /**
     * The directories that file patterns without a wildcard name ({@code file:///var/spool}, not
     * {@code file:///var/spool/**}): the only directories of a dynamic port known before a message names one.
     */
    public List<Path> plainFileDirectories() {
        return files.stream().filter(pattern -> pattern.belowBase().isEmpty()).map(FilePattern::base).toList();
    }

    /** The patterns as the port definition lists them. */
    public List<String> patterns() {
        return patterns;
    }

    public boolean allows(Destination destination) {
        return refusal(destination) == null;
    }

    /** Why this destination is not allowed, or null when a pattern allows it. */
    public String refusal(Destination destination) {
        if (destination instanceof HttpDestination httpDestination) {
            return httpRefusal(httpDestination);
        }
        if (destination instanceof FileDestination fileDestination) {
            return directoryRefusal(fileDestination.directory());
        }
        if (destination instanceof KafkaDestination kafkaDestination) {
            return topicRefusal(kafkaDestination.topic());
        }
        return "no destination is allowed without a transport";
    }

    private String httpRefusal(HttpDestination destination) {
        HttpAddress address;
        try {
            address = HttpAddress.parse(destination.uri());
        } catch (DestinationRefused e) {
            return DestinationRefused.shown(destination.uri().toString()) + " " + e.reason();
        }
        if (http.stream().anyMatch(pattern -> pattern.matches(address))) {
            return null;
        }
        String shown = DestinationRefused.shown(address.toUri().toString());
        if (http.isEmpty()) {
            return shown + " is refused: the port allows no http(s) destinations";
        }
        if (address.host().sensitive()) {
            return shown + " is a link-local or cloud metadata address, allowed only by a pattern naming it exactly";
        }
        if (address.host().kind() != Host.Kind.NAME) {
            return shown + " matches no allowed destination (an IP address needs a pattern naming that address)";
        }
        return shown + " matches no allowed destination";
    }

    private String directoryRefusal(Path directory) {
        String shown = DestinationRefused.shown(directory.toString());
        if (!directory.isAbsolute()) {
            return "directory " + shown + " is not absolute";
        }
        for (Path name : directory) {
            if (name.toString().equals("..") || name.toString().equals(".")) {
                return "directory " + shown + " must not contain . or .. segments";
            }
        }
        if (files.isEmpty()) {
            return "directory " + shown + " is refused: the port allows no file destinations";
        }
        if (files.stream().anyMatch(pattern -> pattern.matches(directory))) {
            return null;
        }
        return "directory " + shown + " is not inside an allowed directory";
    }

    private String topicRefusal(String topic) {
        String shown = DestinationRefused.shown(topic);
        String error = Names.topicNameError(topic);
        if (error != null) {
            return "topic " + shown + " " + error;
        }
        String reserved = reservedTopics.refusal(topic);
        if (reserved != null) {
            return "topic " + shown + " " + reserved;
        }
        if (topics.isEmpty()) {
            return "topic " + shown + " is refused: the port allows no kafka destinations";
        }
        if (topics.stream().anyMatch(pattern -> pattern.matches(topic))) {
            return null;
        }
        return "topic " + shown + " matches no allowed destination";
    }

    /**
     * Whether a file destination's directory, with symbolic links resolved, still lies inside an allowed
     * directory. Call it at delivery time, just before writing: a link may appear after the message was
     * resolved. It narrows that race but cannot close it, so the writer should still not follow links it
     * creates through.
     */
    public boolean insideAllowedRealPath(Path directory) {
        return realPathRefusal(directory) == null;
    }

    /**
     * Why {@link #insideAllowedRealPath} is false, or null. The directory must first be allowed as written;
     * then the real path of its longest existing ancestor (the part not yet created cannot be a link) must
     * lie inside the real path of an allowed directory, whose own links (such as /var to /private/var)
     * are resolved the same way.
     */
    public String realPathRefusal(Path directory) {
        String lexical = directoryRefusal(directory);
        if (lexical != null) {
            return lexical;
        }
        Path real;
        try {
            real = realPath(directory);
        } catch (IOException e) {
            return "directory " + DestinationRefused.shown(directory.toString()) + " cannot be resolved: " + e;
        }
        for (FilePattern pattern : files) {
            Path base;
            try {
                base = realPath(pattern.base());
            } catch (IOException e) {
                continue;
            }
            if (real.startsWith(base) && pattern.matchesBelowBase(base.relativize(real))) {
                return null;
            }
        }
        return "directory " + DestinationRefused.shown(directory.toString()) + " resolves through a symbolic link to "
                + DestinationRefused.shown(real.toString()) + ", outside every allowed directory";
    }

    private static Path realPath(Path path) throws IOException {
        Path absolute = path.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        // a dangling link throws here, which refuses it
        return existing.toRealPath().resolve(existing.relativize(absolute));
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
