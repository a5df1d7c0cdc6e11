package io.sendports.domain;

import java.util.Locale;
import java.util.regex.Pattern;

/** Naming rules for ports, groups and Kafka topics. */
public final class Names {
    private static final Pattern ENTITY_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Pattern TOPIC_NAME = Pattern.compile("[A-Za-z0-9._-]{1,249}");

    private Names() {
    }

    /** Why a port or group name is invalid, or null when it is valid. */
    public static String entityNameError(String name) {
        if (name == null || name.isEmpty()) {
            return "is required";
        }
        if (!ENTITY_NAME.matcher(name).matches()) {
            return "must be 1 to 100 of A-Z a-z 0-9 . _ - and start with a letter or digit";
        }
        return null;
    }

    /** Why a Kafka topic name is invalid, or null when it is valid. */
    public static String topicNameError(String topic) {
        if (topic == null || topic.isEmpty()) {
            return "is required";
        }
        if (!TOPIC_NAME.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
            return "must be 1 to 249 of A-Z a-z 0-9 . _ - (a legal Kafka topic name)";
        }
        if (topic.startsWith("__")) {
            return "is a Kafka-internal topic";
        }
        return null;
    }

    /** The key under which a name is unique: names are unique ignoring case. */
    public static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
