package io.sendports.domain;

import java.util.Optional;

/** The seven BizTalk filter operators. */
public enum FilterOperator {
    EQ("=="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">="), EXISTS("exists");

    private final String symbol;

    FilterOperator(String symbol) {
        this.symbol = symbol;
    }

    /** The operator as written in JSON, e.g. {@code <=} or {@code exists}. */
    public String symbol() {
        return symbol;
    }

    public boolean needsValue() {
        return this != EXISTS;
    }

    public static Optional<FilterOperator> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String trimmed = text.trim();
        for (FilterOperator operator : values()) {
            if (operator.symbol.equalsIgnoreCase(trimmed)) {
                return Optional.of(operator);
            }
        }
        return Optional.empty();
    }
}
