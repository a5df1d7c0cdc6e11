package io.sendports.console;

import java.util.List;

import io.sendports.control.PortDocument.StatementDocument;

/** One statement of the filter editor; {@link #BLANK} is the one a new row starts with. */
public record Statement(String property, String operator, String value) {
    static final Statement BLANK = new Statement("", "==", "");

    /** Whether the statement's operator is {@code op} (the operator select's option). */
    public boolean operatorIs(String op) {
        return op.equals(operator);
    }

    static List<List<Statement>> of(List<List<StatementDocument>> filter) {
        return filter.stream().map(group -> group.stream()
                .map(s -> new Statement(s.property(), s.operator(), s.value() == null ? "" : s.value())).toList()).toList();
    }
}
