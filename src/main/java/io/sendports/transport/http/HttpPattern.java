package io.sendports.transport.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

import io.sendports.domain.DestinationPattern;
import io.sendports.domain.DestinationRefused;
import io.sendports.domain.Glob;
import io.sendports.domain.Host;
import io.sendports.domain.HostPattern;
import io.sendports.domain.PathSegments;

/**
 * An allow-list pattern for http(s) destinations, such as {@code http://*.internal:8081/api/**}.
 *
 * <p>Invariants: {@code host} is a literal host or label globs ({@link HostPattern}).
 * {@code port} is the effective port. {@code path} holds decoded segment
 * globs, {@code **} only as a whole segment; an empty path allows only the root.
 */
record HttpPattern(String text, String scheme, HostPattern host, int port, List<String> path)
        implements DestinationPattern {
    HttpPattern {
        path = List.copyOf(path);
    }

    /** @throws DestinationRefused when the text is not a valid pattern */
    static HttpPattern parse(String text) {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new DestinationRefused("is not a valid URI: " + e.getReason());
        }
        String scheme = HttpAddress.scheme(uri);
        if (uri.isOpaque() || uri.getRawAuthority() == null) {
            throw new DestinationRefused("must be " + scheme + "://host[:port]/path");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new DestinationRefused("must not have a query or fragment; queries are never matched");
        }
        String[] hostAndPort = Host.authority(uri.getRawAuthority());
        int port = HttpAddress.port(hostAndPort[1], scheme);
        List<String> path = PathSegments.pattern(uri.getRawPath());
        return new HttpPattern(text, scheme, HostPattern.parse(hostAndPort[0]), port, path);
    }

    boolean matches(HttpAddress address) {
        return scheme.equals(address.scheme()) && port == address.port() && host.matches(address.host())
                && Glob.matchesSegments(path, address.path().decoded());
    }
}
