package io.sendports.domain;

import java.util.ArrayList;
import java.util.List;

/** Collects field errors while a definition is checked, so that a user sees all of them at once. */
public final class Problems {
    private final List<FieldError> errors = new ArrayList<>();

    public void add(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    public List<FieldError> errors() {
        return List.copyOf(errors);
    }

    /** Throws when anything was collected. */
    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new InvalidDefinitionException(errors);
        }
    }
}
