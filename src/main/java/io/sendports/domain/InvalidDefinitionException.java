package io.sendports.domain;

import java.util.List;

/** A port or group definition that breaks one or more rules; carries every error found, not just the first. */
public class InvalidDefinitionException extends RuntimeException {
    private final List<FieldError> errors;

    public InvalidDefinitionException(List<FieldError> errors) {
        super(summary(errors));
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }

    private static String summary(List<FieldError> errors) {
        StringBuilder text = new StringBuilder("invalid definition");
        for (FieldError error : errors) {
            text.append("; ").append(error.field()).append(": ").append(error.message());
        }
        return text.toString();
    }
}
