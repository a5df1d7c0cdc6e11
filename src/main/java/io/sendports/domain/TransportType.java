package io.sendports.domain;

import java.util.Locale;
import java.util.Optional;

/** The transports a port can deliver over. */
public enum TransportType {
    HTTP, FILE, KAFKA;

    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<TransportType> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (TransportType type : values()) {
            if (type.json().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
