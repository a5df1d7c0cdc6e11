package io.sendports.delivery;

import java.util.Locale;

/** Which of a port's transports a message is being tried on. */
public enum Phase {
    PRIMARY, BACKUP;

    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Phase parse(String text) {
        return "backup".equals(text) ? BACKUP : PRIMARY;
    }
}
