package io.sendports.transport.http;

/**
 * A destination answered with a status outside 2xx: the status, its reason, the redirect's {@code Location} (3xx,
 * never followed) and the answer's body as text. {@link HttpTransport} decides from the status whether another attempt
 * is worth it and shows the status with the start of the body. No stack trace: where it was thrown says nothing.
 */
public final class HttpStatusFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String reason;
    private final String location;
    private final transient String body;

    HttpStatusFailure(String uri, int status, String reason, String location, String body) {
        super(statusLine(status, reason) + " from " + uri + (location == null ? "" : ", redirected to " + location),
                null, false, false);
        this.status = status;
        this.reason = reason;
        this.location = location;
        this.body = body;
    }

    /** {@code HTTP <status> <reason>}, as operators are shown it. */
    public String statusLine() {
        return statusLine(status, reason);
    }

    private static String statusLine(int status, String reason) {
        return "HTTP " + status + (reason == null || reason.isEmpty() ? "" : " " + reason);
    }

    public int status() {
        return status;
    }

    /** The status line's reason phrase; may be empty. */
    public String reason() {
        return reason;
    }

    /** The {@code Location} of a redirect; null when the answer has none. */
    public String location() {
        return location;
    }

    /** The answer's body as UTF-8 text; empty when it had none. */
    public String body() {
        return body;
    }
}
