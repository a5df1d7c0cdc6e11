package io.sendports.domain;

import java.net.URI;
import java.util.Locale;

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
        String[] hostAndPort = authority(uri.getRawAuthority());
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

    /**
     * The host and port texts of a raw authority (the port null when absent). User-info is refused outright:
     * in {@code http://allowed.internal@evil.example/} the host is {@code evil.example}, which a reader
     * easily misses, and credentials belong in secret references, not in message headers.
     */
    static String[] authority(String authority) {
        if (authority.indexOf('@') >= 0) {
            throw new DestinationRefused("has user-info before '@' (credentials or a decoy host name)");
        }
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            String rest = close < 0 ? "" : authority.substring(close + 1);
            if (close < 0 || !(rest.isEmpty() || rest.startsWith(":"))) {
                throw new DestinationRefused("has an invalid IPv6 address " + DestinationRefused.shown(authority));
            }
            return new String[] {authority.substring(0, close + 1), rest.isEmpty() ? null : rest.substring(1)};
        }
        int colon = authority.lastIndexOf(':');
        String host = colon < 0 ? authority : authority.substring(0, colon);
        if (host.indexOf(':') >= 0) {
            throw new DestinationRefused("has an IPv6 address without [brackets] or more than one port");
        }
        return new String[] {host, colon < 0 ? null : authority.substring(colon + 1)};
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
    URI toUri() {
        String portText = port == defaultPort(scheme) ? "" : ":" + port;
        String query = rawQuery == null ? "" : "?" + PathSegments.ascii(rawQuery);
        return URI.create(scheme + "://" + host.uriText() + portText + path.path() + query);
    }
}
