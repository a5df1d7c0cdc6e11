package io.sendports.domain;

import java.util.Locale;
import java.util.Optional;

/**
 * The three BizTalk states of a send port. {@code UNENLISTED} is "Bound": defined, no subscription.
 * {@code STOPPED} is enlisted: the port's consumer group exists and keeps every new message for it.
 * {@code STARTED} is enlisted and delivering.
 */
public enum PortState {
    UNENLISTED, STOPPED, STARTED;

    /** The lower-case name used in JSON and on the control topic. */
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isEnlisted() {
        return this != UNENLISTED;
    }

    public static Optional<PortState> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (PortState state : values()) {
            if (state.json().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }
}
