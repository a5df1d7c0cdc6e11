package io.sendports.control;

/** A port or group that does not exist (HTTP 404). */
public class NoSuchEntityException extends RuntimeException {
    public NoSuchEntityException(String message) {
        super(message);
    }
}
