package io.sendports.domain;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Takes the raw path of a URI apart into decoded segments, refusing everything a server or a file system
 * could read differently from us: encoded slashes and backslashes, encoded or disguised dot segments
 * ({@code %2e%2e}, {@code ..;}, fullwidth dots), double encoding, control characters and empty segments.
 * After that, matching decoded segments one by one is the same as matching what the receiver will see.
 */
public final class PathSegments {

    /**
     * A normalized address path. Invariants: {@code decoded} and {@code raw} have the same size; no segment
     * is empty or a dot segment; {@code raw} is ASCII and percent-decodes to {@code decoded}.
     */
    public record Parsed(List<String> decoded, List<String> raw, boolean trailingSlash) {
        public Parsed {
            decoded = List.copyOf(decoded);
            raw = List.copyOf(raw);
        }

        public String path() {
            return "/" + String.join("/", raw) + (trailingSlash && !raw.isEmpty() ? "/" : "");
        }
    }

    private PathSegments() {
    }

    /** The path of an address, with literal {@code .} and {@code ..} resolved as RFC 3986 §5.2.4 says. */
    public static Parsed address(String rawPath) {
        List<String> decoded = new ArrayList<>();
        List<String> raw = new ArrayList<>();
        boolean trailingSlash = false;
        String[] parts = split(rawPath);
        for (int i = 0; i < parts.length; i++) {
            boolean last = i == parts.length - 1;
            String segment = parts[i];
            trailingSlash = last;
            if (segment.isEmpty()) {
                requireLast(last);
            } else if (segment.equals("..")) {
                if (decoded.isEmpty()) {
                    throw new DestinationRefused("has a path that climbs above the root with ..");
                }
                decoded.remove(decoded.size() - 1);
                raw.remove(raw.size() - 1);
            } else if (!segment.equals(".")) {
                decoded.add(checked(segment));
                raw.add(ascii(segment));
                trailingSlash = false;
            }
        }
        return new Parsed(decoded, raw, trailingSlash);
    }

    /** The decoded segments of a pattern path, where no dot segment has a meaning. */
    public static List<String> pattern(String rawPath) {
        List<String> segments = new ArrayList<>();
        String[] parts = split(rawPath);
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].isEmpty()) {
                requireLast(i == parts.length - 1);
            } else if (parts[i].equals(".") || parts[i].equals("..")) {
                throw new DestinationRefused("must not contain . or .. segments");
            } else {
                String segment = checked(parts[i]);
                if (segment.contains("**") && !segment.equals("**")) {
                    throw new DestinationRefused("must use ** only as a whole path segment");
                }
                boolean repeatedAny = segment.equals(Glob.ANY_SEGMENTS) && !segments.isEmpty()
                        && segments.get(segments.size() - 1).equals(Glob.ANY_SEGMENTS);
                if (!repeatedAny) {
                    // **/** means what ** means; keeping one bounds the backtracking of the match
                    segments.add(segment);
                }
            }
        }
        return segments;
    }

    private static String[] split(String rawPath) {
        if (rawPath == null || rawPath.isEmpty() || rawPath.equals("/")) {
            return new String[0];
        }
        if (!rawPath.startsWith("/")) {
            throw new DestinationRefused("must have an absolute path");
        }
        return rawPath.substring(1).split("/", -1);
    }

    private static void requireLast(boolean last) {
        if (!last) {
            throw new DestinationRefused("has an empty path segment (//)");
        }
    }

    /** One decoded segment, refused when it could mean something else to the receiver. */
    private static String checked(String raw) {
        String lower = raw.toLowerCase(Locale.ROOT);
        if (lower.contains("%2f") || lower.contains("%5c")) {
            throw new DestinationRefused("encodes a slash or backslash in the path (%2F, %5C)");
        }
        String segment = decode(raw);
        if (segment.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == '\\')) {
            throw new DestinationRefused("has a control character or backslash in the path");
        }
        if (segment.matches("(?s).*%[0-9A-Fa-f]{2}.*")) {
            throw new DestinationRefused("has a double percent-encoded path");
        }
        // servers such as Tomcat drop ";params" before resolving dots, and some fold fullwidth dots
        String beforeParams = segment.contains(";") ? segment.substring(0, segment.indexOf(';')) : segment;
        if (isDot(beforeParams) || isDot(Normalizer.normalize(beforeParams, Normalizer.Form.NFKC))) {
            throw new DestinationRefused("has an encoded or disguised dot segment in the path");
        }
        return segment;
    }

    private static boolean isDot(String segment) {
        return segment.equals(".") || segment.equals("..");
    }

    /** Percent-decodes UTF-8. */
    public static String decode(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        StringBuilder text = new StringBuilder(raw.length());
        int i = 0;
        while (i < raw.length()) {
            if (raw.charAt(i) != '%') {
                text.append(raw.charAt(i++));
                continue;
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            while (i < raw.length() && raw.charAt(i) == '%') {
                int high = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int low = high < 0 ? -1 : Character.digit(raw.charAt(i + 2), 16);
                if (low < 0) {
                    throw new DestinationRefused("has a malformed percent escape");
                }
                bytes.write(high * 16 + low);
                i += 3;
            }
            text.append(utf8(bytes.toByteArray()));
        }
        return text.toString();
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new DestinationRefused("percent-encodes bytes that are not UTF-8");
        }
    }

    /** A raw URI component with non-ASCII characters percent-encoded, so that every client sends the same. */
    public static String ascii(String raw) {
        if (raw.chars().allMatch(c -> c < 0x80)) {
            return raw;
        }
        StringBuilder text = new StringBuilder();
        raw.codePoints().forEach(c -> {
            if (c < 0x80) {
                text.append((char) c);
            } else {
                for (byte b : new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8)) {
                    text.append('%').append(String.format("%02X", b & 0xff));
                }
            }
        });
        return text.toString();
    }
}
