package io.sendports.transport.http;

import java.net.URI;
import java.util.Locale;

import io.sendports.domain.DestinationRefused;
import io.sendports.domain.Host;
import io.sendports.domain.PathSegments;

/**
 * An http(s) address taken apart and normalized: the form allow-list patterns are matched against, and the
 * form a dynamic port delivers to, so that what was checked is what is sent.
 *
 * <p>Invariants: {@code scheme} is {@code http} or {@code https}; {@code port} is the effective port (1 to
 * 65535, the scheme's default when the address has none); the address had no user-info and no fragment;
 * {@code path} holds no dot, empty or encoded-separator segments. The query is kept but never matched.
 */
record HttpAddress(String scheme, Host host, int port, PathSegments.Parsed path, String rawQuery) {

    /** @throws DestinationRefused when the URI is not an acceptable http(s) address */
    static HttpAddress parse(URI uri) {
        String scheme = scheme(uri);
        if (uri.isOpaque() || uri.getRawAuthority() == null) {
            throw new DestinationRefused("must be an " + scheme + "://host/path URI");
        }
        if (uri.getRawFragment() != null) {
            throw new DestinationRefused("must not have a #fragment");
        }
        String[] hostAndPort = Host.authority(uri.getRawAuthority());
        return new HttpAddress(scheme, Host.parse(hostAndPort[0]), port(hostAndPort[1], scheme),
                PathSegments.address(uri.getRawPath()), uri.getRawQuery());
    }

    static String scheme(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new DestinationRefused("must be an http:// or https:// URI");
        }
        return scheme;
    }

    static int port(String text, String scheme) {
        if (text == null) {
            return defaultPort(scheme);
        }
        int port = text.matches("[0-9]{1,5}") ? Integer.parseInt(text) : 0;
        if (port < 1 || port > 65535) {
            throw new DestinationRefused("has port " + DestinationRefused.shown(text) + "; it must be 1 to 65535");
        }
        return port;
    }

    static int defaultPort(String scheme) {
        return scheme.equals("https") ? 443 : 80;
    }

    /** The normalized URI: scheme and host lower-case, default port left out, dots resolved, ASCII only. */
    public URI toUri() {
        String portText = port == defaultPort(scheme) ? "" : ":" + port;
        String query = rawQuery == null ? "" : "?" + PathSegments.ascii(rawQuery);
        return URI.create(scheme + "://" + host.uriText() + portText + path.path() + query);
    }
}
