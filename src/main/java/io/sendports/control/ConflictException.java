package io.sendports.control;

/** A change that conflicts with what exists: a duplicate name, a delete of an enlisted port (HTTP 409). */
public class ConflictException extends RuntimeException {
    public ConflictException(String message) {
        super(message);
    }
}
