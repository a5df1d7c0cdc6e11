package io.sendports.delivery;

import java.nio.file.FileAlreadyExistsException;

import org.apache.camel.http.base.HttpOperationFailedException;

/**
 * Which failures are worth another attempt (DESIGN.md §5). HTTP: 408, 429 and 5xx are, other statuses
 * (3xx, 4xx) are not; I/O errors and timeouts are. A file that exists in {@code create} mode is not. A
 * failure that cannot succeed on a retry goes straight to suspension.
 */
public final class Failures {
    private static final int MAX_BODY = 500;

    private Failures() {
    }

    public static boolean retryable(Throwable error) {
        HttpOperationFailedException http = find(error, HttpOperationFailedException.class);
        if (http != null) {
            int status = http.getStatusCode();
            return status == 408 || status == 429 || status >= 500;
        }
        if (find(error, PermanentFailure.class) != null) {
            return false;
        }
        return find(error, FileAlreadyExistsException.class) == null;
    }

    /** A one-line reason for operators: for HTTP the status and the start of the response body. */
    public static String describe(Throwable error) {
        HttpOperationFailedException http = find(error, HttpOperationFailedException.class);
        if (http != null) {
            String body = http.getResponseBody();
            String status = "HTTP " + http.getStatusCode() + (http.getStatusText() == null ? "" : " " + http.getStatusText());
            if (body == null || body.isBlank()) {
                return status;
            }
            return status + ": " + (body.length() > MAX_BODY ? body.substring(0, MAX_BODY) + "..." : body);
        }
        PermanentFailure permanent = find(error, PermanentFailure.class);
        if (permanent != null) {
            return permanent.getMessage();
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
                || find(error, org.apache.hc.client5.http.ConnectTimeoutException.class) != null;
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
