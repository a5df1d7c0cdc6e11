package io.sendports.domain;

/**
 * The largest value each field of a port definition may have (API.md "Limits", docs/API-LIMITS.md). A field
 * beyond its limit is a field error; the limits keep a definition well inside what one control-topic record
 * takes, and keep every error message short.
 */
public final class Limits {
    /** Characters of a port or group name. */
    public static final int NAME = 100;
    /** Characters of a description. */
    public static final int DESCRIPTION = 256;
    /** Characters of a transport address or an allow-list pattern. */
    public static final int ADDRESS = 2_048;
    /** Characters of a Kafka topic name (Kafka's own limit). */
    public static final int TOPIC = 249;
    /** Topics of one subscription. */
    public static final int TOPICS = 100;
    /** Filter statements of one filter, in all its groups together. */
    public static final int FILTER_STATEMENTS = 1_000;
    /** Characters of a filter statement's property name. */
    public static final int FILTER_PROPERTY = 256;
    /** Characters of a filter statement's value. */
    public static final int FILTER_VALUE = 1_024;
    /** Patterns of one allow-list ({@code allowedDestinations}). */
    public static final int ALLOWED_DESTINATIONS = 100;
    /** Entries of one transport's {@code options}. */
    public static final int OPTIONS = 16;
    /** Characters of a text option (method, timeout, headerPrefix) and of each forwarded header name. */
    public static final int OPTION_TEXT = 256;
    /** Names in the http transport's {@code headers} option. */
    public static final int HEADERS = 100;
    /** Characters of a file name pattern ({@code fileName}); a file name takes at most 255 bytes. */
    public static final int FILE_NAME = 255;
    /** Characters of a service window's time zone id (durations, times and states are bounded by their format). */
    public static final int ZONE = 64;

    private Limits() {
    }

    /** The field error of a text beyond {@code max} characters, or null. */
    public static String tooLong(String text, int max) {
        return text != null && text.length() > max ? "must be at most " + max + " characters" : null;
    }
}
