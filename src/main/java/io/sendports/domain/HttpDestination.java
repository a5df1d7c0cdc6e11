package io.sendports.domain;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * An http(s) endpoint. {@code forwardHeaders} lists the message headers sent as HTTP headers; when it is
 * null, {@code headerPrefix} selects them by prefix; when both are null every message header is sent.
 */
public record HttpDestination(URI uri, String method, Duration timeout, List<String> forwardHeaders,
        String headerPrefix) implements Destination {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    public static final String DEFAULT_METHOD = "POST";

    public HttpDestination {
        forwardHeaders = forwardHeaders == null ? null : List.copyOf(forwardHeaders);
    }

    @Override
    public TransportType type() {
        return TransportType.HTTP;
    }

    @Override
    public String address() {
        return uri.toString();
    }

    /** Whether a message header with this name is sent as an HTTP header. */
    public boolean forwards(String header) {
        if (forwardHeaders != null) {
            return forwardHeaders.stream().anyMatch(header::equalsIgnoreCase);
        }
        return headerPrefix == null || header.startsWith(headerPrefix);
    }
}
