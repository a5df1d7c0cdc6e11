package io.sendports.api;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.sendports.domain.FieldError;

/**
 * Says what is wrong with an unreadable body in the user's words: the field at fault as a JSON path
 * ({@code subscription.filter[0][1].value}) and what was expected there ("must be a string"), never the
 * parser's own vocabulary (token names, Java types). Used by {@link ProblemMappers} only.
 */
final class JsonErrors {
    private static final String DUPLICATE = "Duplicate field '";
    private static final int MAX_SHOWN = 100;

    private JsonErrors() {
    }

    static FieldError fieldError(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && mapping.getCause() instanceof JsonProcessingException inner
                && !(inner instanceof JsonMappingException)) {
            // a reading error met while binding: what the reader said counts
            return fieldError(inner);
        }
        if (e instanceof JsonParseException parse) {
            return parseError(parse);
        }
        if (e instanceof StreamConstraintsException) {
            return new FieldError("body", "has a field name, number or nesting deeper than the JSON reader takes"
                    + " (names up to 50,000 characters, numbers up to 1,000 digits)");
        }
        if (e instanceof JsonMappingException mapping) {
            String field = path(mapping.getPath());
            if (e instanceof UnrecognizedPropertyException) {
                return new FieldError(field, "is not a known field");
            }
            String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
            if (original.startsWith("Trailing token")) {
                return new FieldError("body", "must hold one JSON value and nothing after it");
            }
            if (e instanceof MismatchedInputException mismatch) {
                return new FieldError(field, expected(mismatch.getTargetType()));
            }
            return new FieldError(field, "has the wrong JSON type");
        }
        return new FieldError("body", "is not valid JSON");
    }

    private static FieldError parseError(JsonParseException e) {
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        JsonParser parser = e.getProcessor();
        if (original.startsWith(DUPLICATE) && parser != null) {
            int end = Math.max(DUPLICATE.length(), original.lastIndexOf('\''));
            String name = shown(original.substring(DUPLICATE.length(), end));
            String parent = path(parser.getParsingContext().getParent());
            return new FieldError(parent.isEmpty() ? name : parent + "." + name,
                    "is given twice; give each field once");
        }
        JsonLocation at = e.getLocation();
        String where = at == null || at.getLineNr() < 0 ? ""
                : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
        return new FieldError("body", "is not valid JSON" + where);
    }

    /** A field name as the answer shows it: a name of any length is the user's, the answer stays short. */
    private static String shown(String name) {
        return name == null || name.length() <= MAX_SHOWN ? name : name.substring(0, MAX_SHOWN) + "...";
    }

    /** What a field of this Java type takes, in JSON's terms. */
    private static String expected(Class<?> type) {
        if (type == null) {
            return "has the wrong JSON type";
        }
        if (CharSequence.class.isAssignableFrom(type) || type == char.class || type == Character.class) {
            return "must be a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "must be a number";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "must be a JSON array";
        }
        if (Map.class.isAssignableFrom(type) || !type.getName().startsWith("java.")) {
            return "must be a JSON object";
        }
        return "has the wrong JSON type";
    }

    /** The path of the value a parser context is in: the parent's path and this context's name or index. */
    private static String path(JsonStreamContext context) {
        if (context == null || context.inRoot()) {
            return "";
        }
        String parent = path(context.getParent());
        if (context.inArray()) {
            return parent + "[" + Math.max(0, context.getCurrentIndex()) + "]";
        }
        String name = shown(context.getCurrentName());
        return name == null ? parent : parent.isEmpty() ? name : parent + "." + name;
    }

    private static String path(List<JsonMappingException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference reference : path) {
            if (reference.getFieldName() != null) {
                if (field.length() > 0) {
                    field.append('.');
                }
                field.append(shown(reference.getFieldName()));
            } else if (reference.getIndex() >= 0) {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.length() == 0 ? "body" : field.toString();
    }
}
