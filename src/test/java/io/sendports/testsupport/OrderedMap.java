package io.sendports.testsupport;

import java.util.LinkedHashMap;
import java.util.Map;

/** A JSON object as the tests write one: names and values in turn, kept in that order, values may be null. */
public final class OrderedMap {
    private OrderedMap() {
    }

    /** {@code of("a", 1, "b", "x")} is {@code {"a": 1, "b": "x"}}, a mutable map in that order. */
    public static Map<String, Object> of(Object... entries) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < entries.length; i += 2) {
            map.put((String) entries[i], entries[i + 1]);
        }
        return map;
    }
}
