package io.sendports.bindings.biztalk;

import java.util.ArrayList;
import java.util.List;

/** Collects the {@link NotMapped} entries of one translation, in the order the file is read. */
final class Report {
    /** The longest value an entry repeats: adapter settings can be kilobytes of escaped XML. */
    static final int MAX_VALUE = 256;

    private final List<NotMapped> entries = new ArrayList<>();

    /** A reporter for one entity ({@code port/<name>} or {@code group/<name>}). */
    Entity on(String entity) {
        return (element, value, note) -> entries.add(new NotMapped(entity, element, shortened(value), note));
    }

    List<NotMapped> entries() {
        return entries;
    }

    /** Reports elements of one entity. */
    @FunctionalInterface
    interface Entity {
        void add(String element, String value, String note);
    }

    static String shortened(String value) {
        if (value == null) {
            return "";
        }
        String oneLine = value.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= MAX_VALUE ? oneLine : oneLine.substring(0, MAX_VALUE - 1) + "…";
    }
}
