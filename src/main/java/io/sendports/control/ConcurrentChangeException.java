package io.sendports.control;

/**
 * A change without {@code If-Match} that lost a race: another change of the same entity, made on another
 * instance or by another tool, was applied first, so this one was skipped (HTTP 409, like any conflict).
 */
public class ConcurrentChangeException extends ConflictException {
    public ConcurrentChangeException(String message) {
        super(message);
    }
}
