package io.sendports.control;

/** The instance has not caught up with the control topic yet (HTTP 503; readiness is false meanwhile). */
public class NotReadyException extends RuntimeException {
    public NotReadyException(String message) {
        super(message);
    }
}
