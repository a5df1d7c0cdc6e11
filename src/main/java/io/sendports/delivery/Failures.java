package io.sendports.delivery;

import java.util.Optional;

import io.sendports.secret.SecretUnavailable;
import io.sendports.transport.Transport;
import io.sendports.transport.TransportRegistry;

/**
 * Which failures are worth another attempt (DESIGN.md §5): each transport says of its own failures
 * ({@link Transport#retryable}: for HTTP 408, 429 and 5xx are, other statuses are not; a file that exists in
 * {@code create} mode is not); I/O errors and timeouts are. A failure that cannot succeed on a retry goes straight
 * to suspension.
 */
public final class Failures {
    private Failures() {
    }

    public static boolean retryable(Throwable error) {
        SecretUnavailable secret = find(error, SecretUnavailable.class);
        if (secret != null) {
            return secret.retryable();
        }
        for (Transport transport : TransportRegistry.transports()) {
            Optional<Boolean> retryable = transport.retryable(error);
            if (retryable.isPresent()) {
                return retryable.get();
            }
        }
        return find(error, PermanentFailure.class) == null;
    }

    /** A one-line reason for operators: the transport's own (for HTTP the status and the start of the body). */
    public static String describe(Throwable error) {
        for (Transport transport : TransportRegistry.transports()) {
            Optional<String> described = transport.describe(error);
            if (described.isPresent()) {
                return described.get();
            }
        }
        PermanentFailure permanent = find(error, PermanentFailure.class);
        if (permanent != null) {
            return permanent.getMessage();
        }
        SecretUnavailable secret = find(error, SecretUnavailable.class);
        if (secret != null) {
            // names the reference and why, never a value
            return secret.getMessage();
        }
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root && root.getMessage() == null) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** Whether the destination did not answer in time (a solicit-response timeout counts as a failed attempt). */
    public static boolean timedOut(Throwable error) {
        return find(error, java.net.SocketTimeoutException.class) != null
                || find(error, java.util.concurrent.TimeoutException.class) != null
                || TransportRegistry.transports().stream().anyMatch(transport -> transport.timedOut(error));
    }

    private static <T extends Throwable> T find(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** A failure that no retry can cure, e.g. a destination outside a port's allow-list. */
    public static class PermanentFailure extends RuntimeException {
        public PermanentFailure(String message) {
            super(message);
        }
    }
}
