package io.sendports.control;

/** The caller's role allows the action in general, but not in the entity's state (HTTP 403). */
public class NotPermittedException extends RuntimeException {
    public NotPermittedException(String message) {
        super(message);
    }
}
