package io.sendports.transport.file;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A file-name pattern with the BizTalk FILE adapter macros {@code %MessageID%}, {@code %datetime%} (UTC,
 * {@code yyyy-MM-ddTHHmmss}) and {@code %SourceFileName%}. Macro names are case-sensitive, as in BizTalk.
 * The expanded name never contains a path separator, so it always names a file inside the port's directory.
 */
public final class FileNamePattern {
    public static final String DEFAULT = "%MessageID%";
    private static final Pattern MACRO = Pattern.compile("%([A-Za-z0-9_.]+)%");
    private static final List<String> MACROS = List.of("MessageID", "datetime", "SourceFileName");
    private static final DateTimeFormatter DATETIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmmss").withZone(ZoneOffset.UTC);

    private final String pattern;
    private final boolean usesTime;
    private final boolean usesSource;
    /** The name of a pattern without macros, the same for every message; null otherwise. */
    private final String constant;

    private FileNamePattern(String pattern) {
        this.pattern = pattern;
        this.usesTime = pattern.contains("%datetime%");
        this.usesSource = pattern.contains("%SourceFileName%");
        this.constant = usesTime || usesSource || pattern.contains("%MessageID%") ? null : sanitize(pattern);
    }

    /** Why a pattern is invalid, or null when it is valid. */
    public static String error(String pattern) {
        if (pattern == null || pattern.isBlank()) {
            return "must not be blank";
        }
        if (pattern.length() > 255) {
            return "must be at most 255 characters";
        }
        if (pattern.contains("/") || pattern.contains("\\") || pattern.equals(".") || pattern.equals("..")) {
            return "must name a file, without a path";
        }
        List<String> unknown = new ArrayList<>();
        Matcher matcher = MACRO.matcher(pattern);
        while (matcher.find()) {
            if (!MACROS.contains(matcher.group(1))) {
                unknown.add(matcher.group());
            }
        }
        if (!unknown.isEmpty()) {
            return "unknown macro " + String.join(", ", unknown) + "; known: %MessageID%, %datetime%, %SourceFileName%";
        }
        return null;
    }

    public static FileNamePattern of(String pattern) {
        String error = error(pattern);
        if (error != null) {
            throw new IllegalArgumentException("fileName " + error);
        }
        return new FileNamePattern(pattern);
    }

    public String pattern() {
        return pattern;
    }

    /**
     * The file name for one message.
     *
     * @param messageId      stable for every redelivery of the same record
     * @param time           the delivery time, for {@code %datetime%}
     * @param sourceFileName the {@code sendports.file-name} header, or null
     */
    public String expand(String messageId, Instant time, String sourceFileName) {
        return expand(() -> messageId, () -> time, sourceFileName);
    }

    /**
     * The file name for one message, working out only what the pattern uses (a message id is a digest, the
     * time a formatting): a pattern without macros costs nothing per message.
     */
    public String expand(Supplier<String> messageId, Supplier<Instant> time, String sourceFileName) {
        if (constant != null) {
            return constant;
        }
        String name = pattern;
        if (name.contains("%MessageID%")) {
            name = name.replace("%MessageID%", messageId.get());
        }
        if (usesTime) {
            name = name.replace("%datetime%", DATETIME.format(time.get()));
        }
        if (usesSource) {
            String source = sanitize(sourceFileName);
            name = name.replace("%SourceFileName%", source == null ? messageId.get() : source);
        }
        String safe = sanitize(name);
        return safe == null ? messageId.get() : safe;
    }

    /**
     * The last path segment of a name, without control characters; null when nothing usable remains.
     * Sources are message headers, so they are untrusted: {@code ../../etc/passwd} becomes {@code passwd}.
     */
    public static String sanitize(String name) {
        if (name == null) {
            return null;
        }
        String lastSegment = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        String result = withoutUnsafeCharacters(lastSegment).trim();
        if (result.isEmpty() || result.equals(".") || result.equals("..")) {
            return null;
        }
        return result.length() > 255 ? result.substring(0, 255) : result;
    }

    /** The name without control characters and colons; the same string when it has none (the usual case). */
    private static String withoutUnsafeCharacters(String name) {
        int i = 0;
        while (i < name.length() && safe(name.charAt(i))) {
            i++;
        }
        if (i == name.length()) {
            return name;
        }
        StringBuilder clean = new StringBuilder(name.length()).append(name, 0, i);
        for (; i < name.length(); i++) {
            char c = name.charAt(i);
            if (safe(c)) {
                clean.append(c);
            }
        }
        return clean.toString();
    }

    private static boolean safe(char c) {
        return c >= 0x20 && c != 0x7f && c != ':';
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FileNamePattern that && that.pattern.equals(pattern);
    }

    @Override
    public int hashCode() {
        return pattern.hashCode();
    }

    @Override
    public String toString() {
        return pattern;
    }
}
