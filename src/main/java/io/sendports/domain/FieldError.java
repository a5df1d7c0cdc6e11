package io.sendports.domain;

/** One reason a definition is invalid: the JSON path of the field and what is wrong with it. */
public record FieldError(String field, String message) {
}
