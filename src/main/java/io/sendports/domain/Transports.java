package io.sendports.domain;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Parses and checks a transport as written into a {@link Destination}. */
public final class Transports {
    static final Set<String> HTTP_METHODS = Set.of("POST", "PUT", "PATCH");
    static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);
    static final int MAX_ADDRESS = Limits.ADDRESS;
    /** Options whose value is one string. */
    private static final Set<String> TEXT_OPTIONS = Set.of("method", "timeout", "headerPrefix", "fileName", "mode");
    private static final Map<TransportType, Set<String>> OPTIONS = Map.of(
            TransportType.HTTP, Set.of("method", "timeout", "headers", "headerPrefix"),
            TransportType.FILE, Set.of("fileName", "mode"),
            TransportType.KAFKA, Set.of());

    private Transports() {
    }

    /** The destination, or null with the reasons added to {@code problems}. */
    public static Destination parse(PortDraft.TransportDraft draft, String field, Problems problems) {
        TransportType type = TransportType.parse(draft.type()).orElse(null);
        if (type == null) {
            problems.add(field + ".type", draft.type() == null ? "is required (http | file | kafka)"
                    : "must be one of http, file, kafka");
            return null;
        }
        if (draft.options().size() > Limits.OPTIONS) {
            problems.add(field + ".options", "must have at most " + Limits.OPTIONS + " entries");
            return null;
        }
        for (String option : draft.options().keySet()) {
            if (option.length() > Limits.OPTION_TEXT) {
                problems.add(field + ".options", "has a name longer than " + Limits.OPTION_TEXT + " characters");
                return null;
            }
            if (!OPTIONS.get(type).contains(option)) {
                problems.add(field + ".options." + option, "is not an option of the " + type.json()
                        + " transport; known: " + String.join(", ", OPTIONS.get(type).stream().sorted().toList()));
            }
        }
        if (draft.address() == null || draft.address().isBlank()) {
            problems.add(field + ".address", "is required");
            return null;
        }
        if (draft.address().length() > MAX_ADDRESS) {
            problems.add(field + ".address", "must be at most " + MAX_ADDRESS + " characters");
            return null;
        }
        for (Map.Entry<String, Object> option : draft.options().entrySet()) {
            if (TEXT_OPTIONS.contains(option.getKey()) && option.getValue() != null
                    && !(option.getValue() instanceof String)) {
                // strict JSON (API.md "Limits"): 5 is not the file name "5"
                problems.add(field + ".options." + option.getKey(), "must be a string");
                return null;
            }
            if (option.getValue() instanceof String text && Limits.tooLong(text, Limits.OPTION_TEXT) != null
                    && !option.getKey().equals("fileName")) {
                problems.add(field + ".options." + option.getKey(), Limits.tooLong(text, Limits.OPTION_TEXT));
                return null;
            }
        }
        return switch (type) {
            case HTTP -> http(draft, field, problems);
            case FILE -> file(draft, field, problems);
            case KAFKA -> kafka(draft, field, problems);
        };
    }

    private static HttpDestination http(PortDraft.TransportDraft draft, String field, Problems problems) {
        URI uri = uri(draft.address(), field, problems);
        if (uri == null) {
            return null;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean ok = true;
        if (!scheme.equals("http") && !scheme.equals("https")) {
            problems.add(field + ".address", "must be an http:// or https:// URI for the http transport");
            ok = false;
        } else if (uri.getHost() == null || uri.getHost().isEmpty()) {
            problems.add(field + ".address", "must name a host");
            ok = false;
        } else if (uri.getRawUserInfo() != null) {
            problems.add(field + ".address", "must not carry credentials; use an authentication secret reference");
            ok = false;
        } else if (uri.getRawFragment() != null) {
            problems.add(field + ".address", "must not have a #fragment");
            ok = false;
        }
        Map<String, Object> options = draft.options();
        String method = text(options.get("method"), HttpDestination.DEFAULT_METHOD).toUpperCase(Locale.ROOT);
        if (!HTTP_METHODS.contains(method)) {
            problems.add(field + ".options.method", "must be one of POST, PUT, PATCH");
            ok = false;
        }
        Duration timeout = duration(options.get("timeout"), HttpDestination.DEFAULT_TIMEOUT,
                field + ".options.timeout", problems);
        List<String> headers = null;
        Object rawHeaders = options.get("headers");
        if (rawHeaders instanceof String text) {
            rawHeaders = List.of(text.split("\\s*,\\s*"));
        }
        if (rawHeaders instanceof List<?> list) {
            headers = headers(list, field + ".options.headers", problems);
            ok &= headers != null;
        } else if (rawHeaders != null) {
            problems.add(field + ".options.headers", "must be a list of header names");
            ok = false;
        }
        Object prefix = options.get("headerPrefix");
        if (prefix != null && !(prefix instanceof String)) {
            problems.add(field + ".options.headerPrefix", "must be a string");
            ok = false;
        }
        if (!ok || timeout == null) {
            return null;
        }
        return new HttpDestination(uri, method, timeout, headers, (String) prefix);
    }

    /** The names of the http transport's {@code headers} option, or null with the reasons added. */
    private static List<String> headers(List<?> list, String field, Problems problems) {
        if (list.size() > Limits.HEADERS) {
            problems.add(field, "must name at most " + Limits.HEADERS + " headers");
            return null;
        }
        List<String> headers = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof String name) || name.isBlank()) {
                problems.add(field + "[" + i + "]", "must be a header name");
                return null;
            }
            String tooLong = Limits.tooLong(name, Limits.OPTION_TEXT);
            if (tooLong != null) {
                problems.add(field + "[" + i + "]", tooLong);
                return null;
            }
            headers.add(name);
        }
        return headers;
    }

    private static FileDestination file(PortDraft.TransportDraft draft, String field, Problems problems) {
        Path directory = directory(draft.address(), field + ".address", problems);
        String fileName = text(draft.options().get("fileName"), FileNamePattern.DEFAULT);
        String patternError = FileNamePattern.error(fileName);
        if (patternError != null) {
            problems.add(field + ".options.fileName", patternError);
        }
        String rawMode = text(draft.options().get("mode"), FileDestination.DEFAULT_MODE.json());
        FileMode mode = FileMode.parse(rawMode).orElse(null);
        if (mode == null) {
            problems.add(field + ".options.mode", "must be one of create, overwrite, append");
        }
        if (directory == null || patternError != null || mode == null) {
            return null;
        }
        return new FileDestination(directory, FileNamePattern.of(fileName), mode);
    }

    /** The absolute, normalized directory of a {@code file:///dir} address, or null. */
    public static Path directory(String address, String field, Problems problems) {
        URI uri = uri(address, field, problems);
        if (uri == null) {
            return null;
        }
        if (!"file".equalsIgnoreCase(uri.getScheme())) {
            problems.add(field, "must be a file:///absolute/directory URI for the file transport");
            return null;
        }
        if (uri.getRawAuthority() != null && !uri.getRawAuthority().equalsIgnoreCase("localhost")) {
            problems.add(field, "must be a local directory (file:///path); remote hosts are not supported");
            return null;
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            problems.add(field, "must not have a query or fragment");
            return null;
        }
        String path = uri.getPath();
        if (path == null || !path.startsWith("/")) {
            problems.add(field, "must be an absolute path (file:///path)");
            return null;
        }
        for (String segment : path.split("/")) {
            if (segment.equals("..") || segment.equals(".")) {
                problems.add(field, "must not contain . or .. segments");
                return null;
            }
        }
        Path directory;
        try {
            directory = Path.of(path).normalize();
        } catch (InvalidPathException e) {
            problems.add(field, "is not a valid path: " + e.getReason());
            return null;
        }
        if (directory.getParent() == null) {
            problems.add(field, "must not be the root directory");
            return null;
        }
        return directory;
    }

    private static KafkaDestination kafka(PortDraft.TransportDraft draft, String field, Problems problems) {
        String address = draft.address().trim();
        if (!address.regionMatches(true, 0, "kafka:", 0, 6)) {
            problems.add(field + ".address", "must be kafka:<topic> for the kafka transport");
            return null;
        }
        String topic = address.substring(6);
        String error = Names.topicNameError(topic);
        if (error != null) {
            problems.add(field + ".address", "topic " + error);
            return null;
        }
        return new KafkaDestination(topic);
    }

    private static URI uri(String address, String field, Problems problems) {
        try {
            return new URI(address.trim());
        } catch (URISyntaxException e) {
            problems.add(field.endsWith(".address") ? field : field + ".address", "is not a valid URI: " + e.getReason());
            return null;
        }
    }

    private static String text(Object value, String fallback) {
        return value == null ? fallback : String.valueOf(value);
    }

    /** An ISO-8601 duration such as PT30S, greater than zero and at most ten minutes. */
    static Duration duration(Object value, Duration fallback, String field, Problems problems) {
        if (value == null) {
            return fallback;
        }
        try {
            Duration duration = Duration.parse(String.valueOf(value));
            if (duration.isNegative() || duration.isZero() || duration.compareTo(MAX_TIMEOUT) > 0) {
                problems.add(field, "must be more than zero and at most PT10M");
                return null;
            }
            return duration;
        } catch (DateTimeParseException e) {
            problems.add(field, "must be an ISO-8601 duration such as PT30S");
            return null;
        }
    }
}
