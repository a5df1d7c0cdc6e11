package io.sendports.domain;

import java.util.List;
import java.util.function.Function;

/**
 * A BizTalk filter in disjunctive normal form: a message matches when all statements of any group hold.
 * The empty filter matches every message. A group is never empty (validation refuses it).
 */
public record Filter(List<List<FilterStatement>> groups) {

    public static final Filter NONE = new Filter(List.of());

    public Filter {
        groups = groups.stream().map(List::copyOf).toList();
    }

    public boolean isEmpty() {
        return groups.isEmpty();
    }

    /**
     * Evaluates the filter.
     *
     * @param header the value of a header by name, or null when the message does not carry it
     */
    public boolean matches(Function<String, String> header) {
        if (groups.isEmpty()) {
            return true;
        }
        for (List<FilterStatement> group : groups) {
            if (allHold(group, header)) {
                return true;
            }
        }
        return false;
    }

    private static boolean allHold(List<FilterStatement> group, Function<String, String> header) {
        for (FilterStatement statement : group) {
            if (!statement.holdsFor(header.apply(statement.property()))) {
                return false;
            }
        }
        return true;
    }
}
