package io.sendports.domain;

/** A lifecycle action that the state table forbids in the port's current state (HTTP 409). */
public class IllegalTransitionException extends RuntimeException {
    public IllegalTransitionException(String message) {
        super(message);
    }
}
