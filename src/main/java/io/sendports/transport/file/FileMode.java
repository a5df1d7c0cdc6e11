package io.sendports.transport.file;

import java.util.Locale;
import java.util.Optional;

/**
 * What a file delivery does when the target file exists: {@code CREATE} fails (the BizTalk "Create New"),
 * {@code OVERWRITE} replaces it atomically, {@code APPEND} adds the message at its end.
 */
public enum FileMode {
    CREATE, OVERWRITE, APPEND;

    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<FileMode> parse(String text) {
        for (FileMode mode : values()) {
            if (mode.json().equals(text)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
