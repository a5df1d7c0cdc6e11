package io.sendports.domain;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One filter statement: a message header, an operator and, except for {@code exists}, a value.
 * Comparisons are numeric when both sides parse as decimal numbers, otherwise they compare strings.
 */
public record FilterStatement(String property, FilterOperator operator, String value) {

    public FilterStatement {
        Objects.requireNonNull(property, "property");
        Objects.requireNonNull(operator, "operator");
        if (operator.needsValue()) {
            Objects.requireNonNull(value, "value");
        }
    }

    /** Whether the statement holds for a header value ({@code null} when the header is absent). */
    public boolean holdsFor(String headerValue) {
        if (operator == FilterOperator.EXISTS) {
            return headerValue != null;
        }
        if (headerValue == null) {
            return false;
        }
        int comparison = compare(headerValue, value);
        return switch (operator) {
            case EQ -> comparison == 0;
            case NE -> comparison != 0;
            case LT -> comparison < 0;
            case LE -> comparison <= 0;
            case GT -> comparison > 0;
            case GE -> comparison >= 0;
            case EXISTS -> throw new AssertionError("handled above");
        };
    }

    private static int compare(String left, String right) {
        BigDecimal leftNumber = number(left);
        BigDecimal rightNumber = number(right);
        if (leftNumber != null && rightNumber != null) {
            return leftNumber.compareTo(rightNumber);
        }
        return left.compareTo(right);
    }

    /** The number a text spells, or null. Only plain decimal notation counts: "1e3" and "NaN" are strings. */
    private static BigDecimal number(String text) {
        String trimmed = text.trim();
        if (trimmed.isEmpty() || trimmed.length() > 64) {
            return null;
        }
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            boolean allowed = Character.isDigit(c) || c == '.' || ((c == '-' || c == '+') && i == 0);
            if (!allowed) {
                return null;
            }
        }
        try {
            return new BigDecimal(trimmed);
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }
}
