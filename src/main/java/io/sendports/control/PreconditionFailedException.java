package io.sendports.control;

/** A change made with {@code If-Match} on an entity that has changed since (HTTP 412). */
public class PreconditionFailedException extends RuntimeException {
    public PreconditionFailedException(String message) {
        super(message);
    }
}
