package io.sendports.transport.http;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.netty.channel.ConnectTimeoutException;
import io.sendports.domain.Destination;
import io.sendports.domain.DestinationPattern;
import io.sendports.domain.DestinationRefused;
import io.sendports.domain.Host;
import io.sendports.domain.Limits;
import io.sendports.domain.Options;
import io.sendports.domain.Problems;
import io.sendports.domain.SecretReference;
import io.sendports.domain.Transports;
import io.sendports.transport.DeliveryContext;
import io.sendports.transport.OutboundPreparer;
import io.sendports.transport.Transport;

/**
 * The http transport: POST, PUT or PATCH of the message body to an http(s) URI (DESIGN.md §6). 2xx is success;
 * 408, 429, 5xx and I/O errors are retried; other statuses are not (suspended at once). Credentials
 * ({@code auth}: {@link HttpAuth}, {@code secretHeaders}: {@link HttpSecretHeaders}) are secret references only,
 * resolved by {@link HttpPreparer} at each delivery; a destination resolved from a message has none.
 */
public final class HttpTransport implements Transport {
    static final Set<String> METHODS = Set.of("POST", "PUT", "PATCH");
    private static final Set<String> OPTIONS = Set.of("method", "timeout", "headers", "headerPrefix", "auth",
            "secretHeaders");
    private static final Set<String> TEXT_OPTIONS = Set.of("method", "timeout", "headerPrefix");
    private static final int MAX_BODY = 500;

    @Override
    public String type() {
        return HttpDestination.TYPE;
    }

    @Override
    public Set<String> schemes() {
        return Set.of("http", "https");
    }

    @Override
    public String patternForm() {
        return "http(s)://host[:port]/path";
    }

    @Override
    public Set<String> options() {
        return OPTIONS;
    }

    @Override
    public HttpDestination parse(String address, Map<String, Object> options, String field, Problems problems) {
        if (!Options.strings(options, TEXT_OPTIONS, Set.of(), field, problems)) {
            return null;
        }
        URI uri = Transports.uri(address, field, problems);
        if (uri == null) {
            return null;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean ok = true;
        if (!scheme.equals("http") && !scheme.equals("https")) {
            problems.add(field + ".address", "must be an http:// or https:// URI for the http transport");
            ok = false;
        } else if (uri.getHost() == null || uri.getHost().isEmpty()) {
            problems.add(field + ".address", "must name a host");
            ok = false;
        } else if (uri.getRawUserInfo() != null) {
            problems.add(field + ".address", "must not carry credentials; use an authentication secret reference");
            ok = false;
        } else if (uri.getRawFragment() != null) {
            problems.add(field + ".address", "must not have a #fragment");
            ok = false;
        }
        String method = Options.text(options.get("method"), HttpDestination.DEFAULT_METHOD).toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            problems.add(field + ".options.method", "must be one of POST, PUT, PATCH");
            ok = false;
        }
        Duration timeout = Options.duration(options.get("timeout"), HttpDestination.DEFAULT_TIMEOUT,
                field + ".options.timeout", problems);
        List<String> headers = null;
        Object rawHeaders = options.get("headers");
        if (rawHeaders instanceof String text) {
            rawHeaders = List.of(text.split("\\s*,\\s*"));
        }
        if (rawHeaders instanceof List<?> list) {
            headers = headers(list, field + ".options.headers", problems);
            ok &= headers != null;
        } else if (rawHeaders != null) {
            problems.add(field + ".options.headers", "must be a list of header names");
            ok = false;
        }
        Object prefix = options.get("headerPrefix");
        HttpAuth auth = null;
        if (options.get("auth") != null) {
            auth = HttpAuth.parse(options.get("auth"), field + ".options.auth", problems);
            ok &= auth != null;
        }
        Map<String, SecretReference> secretHeaders = HttpSecretHeaders.parse(options.get("secretHeaders"),
                options.get("auth") != null, field + ".options.secretHeaders", problems);
        if (!ok || timeout == null || secretHeaders == null) {
            return null;
        }
        return new HttpDestination(uri, method, timeout, headers, (String) prefix, auth, secretHeaders);
    }

    /** The names of the {@code headers} option, or null with the reasons added. */
    private static List<String> headers(List<?> list, String field, Problems problems) {
        if (list.size() > Limits.HEADERS) {
            problems.add(field, "must name at most " + Limits.HEADERS + " headers");
            return null;
        }
        List<String> headers = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof String name) || name.isBlank()) {
                problems.add(field + "[" + i + "]", "must be a header name");
                return null;
            }
            String tooLong = Limits.tooLong(name, Limits.OPTION_TEXT);
            if (tooLong != null) {
                problems.add(field + "[" + i + "]", tooLong);
                return null;
            }
            headers.add(name);
        }
        return headers;
    }

    @Override
    public HttpDestination resolve(String address) {
        URI uri;
        try {
            uri = new URI(address);
        } catch (java.net.URISyntaxException e) {
            throw new DestinationRefused("is not a valid URI: " + e.getReason());
        }
        return new HttpDestination(HttpAddress.parse(uri).toUri(), HttpDestination.DEFAULT_METHOD,
                HttpDestination.DEFAULT_TIMEOUT, null, null);
    }

    @Override
    public DestinationPattern pattern(String text) {
        return HttpPattern.parse(text);
    }

    @Override
    public String refusal(Destination destination, List<DestinationPattern> patterns) {
        HttpDestination http = (HttpDestination) destination;
        HttpAddress address;
        try {
            address = HttpAddress.parse(http.uri());
        } catch (DestinationRefused e) {
            return DestinationRefused.shown(http.uri().toString()) + " " + e.reason();
        }
        if (patterns.stream().anyMatch(pattern -> ((HttpPattern) pattern).matches(address))) {
            return null;
        }
        String shown = DestinationRefused.shown(address.toUri().toString());
        if (patterns.isEmpty()) {
            return shown + " is refused: the port allows no http(s) destinations";
        }
        if (address.host().sensitive()) {
            return shown + " is a link-local or cloud metadata address, allowed only by a pattern naming it exactly";
        }
        if (address.host().kind() != Host.Kind.NAME) {
            return shown + " matches no allowed destination (an IP address needs a pattern naming that address)";
        }
        return shown + " matches no allowed destination";
    }

    /**
     * One endpoint per scheme, host and port for a dynamic port (the path travels in the message,
     * {@code CamelHttpUri}); the query of the address is always sent per message ({@code CamelHttpQuery}), so that
     * nothing in it can be read as an endpoint option ({@link HttpClientComponent}).
     */
    @Override
    public String endpointUri(Destination destination, EndpointUse use) {
        HttpDestination http = (HttpDestination) destination;
        URI uri = http.uri();
        String path = !use.dynamic() && uri.getRawPath() != null ? uri.getRawPath() : "";
        return HttpClientComponent.uri(uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getRawAuthority() + path,
                http.timeout().toMillis(), use.solicitResponse());
    }

    @Override
    public OutboundPreparer preparer(Destination destination, DeliveryContext context, boolean dynamic) {
        return new HttpPreparer((HttpDestination) destination, context.secrets());
    }

    @Override
    public Optional<Boolean> retryable(Throwable error) {
        HttpStatusFailure http = find(error, HttpStatusFailure.class);
        if (http == null) {
            return Optional.empty();
        }
        int status = http.status();
        return Optional.of(status == 408 || status == 429 || status >= 500);
    }

    /** The status and the start of the response body. */
    @Override
    public Optional<String> describe(Throwable error) {
        HttpStatusFailure http = find(error, HttpStatusFailure.class);
        if (http == null) {
            return Optional.empty();
        }
        String body = http.body();
        String status = http.statusLine();
        if (body == null || body.isBlank()) {
            return Optional.of(status);
        }
        return Optional.of(status + ": " + (body.length() > MAX_BODY ? body.substring(0, MAX_BODY) + "..." : body));
    }

    /** The TCP connection was not made in time (not getting a pooled one in time is a {@code TimeoutException}). */
    @Override
    public boolean timedOut(Throwable error) {
        return find(error, ConnectTimeoutException.class) != null;
    }

    static <T extends Throwable> T find(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
