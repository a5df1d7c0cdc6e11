package io.sendports.api;

import java.util.List;

import io.sendports.domain.FieldError;
import io.sendports.domain.InvalidDefinitionException;

/** A boolean query parameter ({@code ?force=true}, {@code ?dryRun=true}): absent is false; anything else is 400. */
final class QueryFlags {
    private QueryFlags() {
    }

    static boolean flag(String field, String value) {
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw new InvalidDefinitionException(List.of(new FieldError(field, "must be true or false")));
    }
}
