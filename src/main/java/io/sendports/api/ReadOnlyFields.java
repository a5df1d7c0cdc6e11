package io.sendports.api;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.sendports.domain.FieldError;
import io.sendports.domain.InvalidDefinitionException;
import io.sendports.domain.PortState;

/**
 * The errors of read-only and initial-state fields, the same for ports and groups (API.md "Limits"): a read-only
 * field sent with another value than the current one is refused, never silently ignored.
 */
final class ReadOnlyFields {
    private ReadOnlyFields() {
    }

    static InvalidDefinitionException withStatusError(InvalidDefinitionException e, Object status) {
        return status == null ? e : statusError(e.errors());
    }

    static InvalidDefinitionException statusError(List<FieldError> others) {
        List<FieldError> errors = new ArrayList<>(others);
        errors.add(new FieldError("status", "is read-only: the runtime status is reported, never set; leave it out"));
        return new InvalidDefinitionException(errors);
    }

    static InvalidDefinitionException withStateError(InvalidDefinitionException e, String state) {
        if (state == null || PortState.parse(state).isPresent()) {
            return e;
        }
        return invalidState(e.errors());
    }

    static InvalidDefinitionException invalidState(List<FieldError> others) {
        List<FieldError> errors = new ArrayList<>(others);
        errors.add(new FieldError("state", "must be one of unenlisted, stopped, started"));
        return new InvalidDefinitionException(errors);
    }

    /** A {@code state} sent on PUT that is not the current one. */
    static List<FieldError> stateError(String sent, PortState current) {
        if (sent == null || sent.equals(current.json())) {
            return List.of();
        }
        return List.of(new FieldError("state", "is read-only on PUT; it is '" + current.json()
                + "': change it with /enlist, /start, /stop or /unenlist"));
    }

    /** Whether two values are the same JSON, so that numbers compare by value whatever Java type held them. */
    static boolean sameJson(ObjectMapper json, Object sent, Object current) {
        try {
            return json.readTree(json.writeValueAsBytes(sent)).equals(json.readTree(json.writeValueAsBytes(current)));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot compare a status", e);
        }
    }

    /** The initial state of a create: unenlisted unless the body names one. */
    static PortState initialState(String sent) {
        return sent == null ? PortState.UNENLISTED : PortState.parse(sent).orElseThrow(() -> invalidState(List.of()));
    }
}
