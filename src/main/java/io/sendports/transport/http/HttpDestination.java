package io.sendports.transport.http;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.sendports.domain.Destination;
import io.sendports.domain.SecretReference;

/**
 * An http(s) endpoint. {@code forwardHeaders} lists the message headers sent as HTTP headers; when it is
 * null, {@code headerPrefix} selects them by prefix; when both are null every message header is sent.
 * {@code auth} (null: none) and {@code secretHeaders} (name to reference, sorted by name ignoring case, possibly
 * empty) are the credentials, held as references only and resolved at each delivery; a message header of one of
 * their names is never forwarded, so no record can replace or add a credential.
 */
public record HttpDestination(URI uri, String method, Duration timeout, List<String> forwardHeaders,
        String headerPrefix, HttpAuth auth, Map<String, SecretReference> secretHeaders) implements Destination {

    public static final String TYPE = "http";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    public static final String DEFAULT_METHOD = "POST";

    public HttpDestination {
        forwardHeaders = forwardHeaders == null ? null : List.copyOf(forwardHeaders);
        secretHeaders = secretHeaders == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(secretHeaders));
    }

    /** A destination without credentials. */
    public HttpDestination(URI uri, String method, Duration timeout, List<String> forwardHeaders, String headerPrefix) {
        this(uri, method, timeout, forwardHeaders, headerPrefix, null, Map.of());
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
        if (auth != null) {
            options.put("auth", auth.options());
        }
        if (!secretHeaders.isEmpty()) {
            Map<String, Object> headers = new LinkedHashMap<>();
            secretHeaders.forEach((name, reference) -> headers.put(name, reference.toString()));
            options.put("secretHeaders", headers);
        }
        return options;
    }

    @Override
    public Map<String, SecretReference> secretReferences() {
        Map<String, SecretReference> references = new LinkedHashMap<>();
        if (auth != null) {
            references.put("options.auth." + auth.type().secretField(), auth.secret());
        }
        secretHeaders.forEach((name, reference) -> references.put("options.secretHeaders." + name, reference));
        return references;
    }

    @Override
    public boolean responds() {
        return true;
    }

    @Override
    public HttpDestination withTimeout(Duration timeout) {
        return new HttpDestination(uri, method, timeout, forwardHeaders, headerPrefix, auth, secretHeaders);
    }

    /** Whether a message header with this name is sent as an HTTP header. */
    public boolean forwards(String header) {
        if (carriesCredential(header)) {
            return false;
        }
        if (forwardHeaders != null) {
            return forwardHeaders.stream().anyMatch(header::equalsIgnoreCase);
        }
        return headerPrefix == null || header.startsWith(headerPrefix);
    }

    /** Whether the destination's credentials set this header (names ignore case). */
    boolean carriesCredential(String header) {
        return auth != null && HttpAuth.HEADER.equalsIgnoreCase(header)
                || secretHeaders.keySet().stream().anyMatch(header::equalsIgnoreCase);
    }
}
