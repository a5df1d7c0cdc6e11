package io.sendports.transport.http;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.sendports.domain.Destination;

/**
 * An http(s) endpoint. {@code forwardHeaders} lists the message headers sent as HTTP headers; when it is
 * null, {@code headerPrefix} selects them by prefix; when both are null every message header is sent.
 */
public record HttpDestination(URI uri, String method, Duration timeout, List<String> forwardHeaders,
        String headerPrefix) implements Destination {

    public static final String TYPE = "http";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    public static final String DEFAULT_METHOD = "POST";

    public HttpDestination {
        forwardHeaders = forwardHeaders == null ? null : List.copyOf(forwardHeaders);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String address() {
        return uri.toString();
    }

    @Override
    public Map<String, Object> options() {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("method", method);
        options.put("timeout", timeout.toString());
        if (forwardHeaders != null) {
            options.put("headers", forwardHeaders);
        }
        if (headerPrefix != null) {
            options.put("headerPrefix", headerPrefix);
        }
        return options;
    }

    @Override
    public boolean responds() {
        return true;
    }

    @Override
    public HttpDestination withTimeout(Duration timeout) {
        return new HttpDestination(uri, method, timeout, forwardHeaders, headerPrefix);
    }

    /** Whether a message header with this name is sent as an HTTP header. */
    public boolean forwards(String header) {
        if (forwardHeaders != null) {
            return forwardHeaders.stream().anyMatch(header::equalsIgnoreCase);
        }
        return headerPrefix == null || header.startsWith(headerPrefix);
    }
}
