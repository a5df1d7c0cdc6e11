package io.sendports.bench;

import java.util.Locale;

/** How many records the scenarios use: their full sizes, or a few hundred for a smoke run. */
public enum Scale {
    FULL,
    SMOKE;

    public static final String PROPERTY = "bench.scale";
    static final long SMOKE_RECORDS = 200;

    /** From {@code -Dbench.scale=full|smoke}; full when unset. */
    public static Scale fromSystemProperty() {
        String value = System.getProperty(PROPERTY, "full").trim();
        return value.isEmpty() ? FULL : valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** A scenario's record count at this scale; {@code -Dbench.records=N} sets it for every scenario. */
    public long records(long full) {
        Long override = Long.getLong("bench.records");
        if (override != null) {
            return override;
        }
        return this == SMOKE ? Math.min(SMOKE_RECORDS, full) : full;
    }

    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
