package io.sendports.domain;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;

/** Checks of transport options that several transports share. */
public final class Options {
    /** The longest timeout a transport option or {@code responseTimeout} may have. */
    public static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);

    private Options() {
    }

    /**
     * Whether the options named in {@code text} are strings (strict JSON, API.md "Limits": 5 is not the file name
     * "5") and every string option but those in {@code ownLimit} is at most {@link Limits#OPTION_TEXT} long.
     * Adds the first problem found and answers false.
     */
    public static boolean strings(Map<String, Object> options, Set<String> text, Set<String> ownLimit, String field,
            Problems problems) {
        for (Map.Entry<String, Object> option : options.entrySet()) {
            if (text.contains(option.getKey()) && option.getValue() != null && !(option.getValue() instanceof String)) {
                problems.add(field + ".options." + option.getKey(), "must be a string");
                return false;
            }
            if (option.getValue() instanceof String value && Limits.tooLong(value, Limits.OPTION_TEXT) != null
                    && !ownLimit.contains(option.getKey())) {
                problems.add(field + ".options." + option.getKey(), Limits.tooLong(value, Limits.OPTION_TEXT));
                return false;
            }
        }
        return true;
    }

    /** The option as text, or the fallback when it is absent. */
    public static String text(Object value, String fallback) {
        return value == null ? fallback : String.valueOf(value);
    }

    /** An ISO-8601 duration such as PT30S, greater than zero and at most ten minutes; null with a problem. */
    public static Duration duration(Object value, Duration fallback, String field, Problems problems) {
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
