package io.sendports.domain;

import java.util.Optional;

/** Static ports have a fixed destination; dynamic ports take it from each message. Fixed at creation. */
public enum PortKind {
    STATIC("static"), DYNAMIC("dynamic");

    private final String json;

    PortKind(String json) {
        this.json = json;
    }

    public String json() {
        return json;
    }

    public static Optional<PortKind> parse(String text) {
        for (PortKind kind : values()) {
            if (kind.json.equals(text)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
