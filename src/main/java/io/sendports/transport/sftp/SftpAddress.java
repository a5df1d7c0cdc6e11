package io.sendports.transport.sftp;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

import io.sendports.domain.DestinationRefused;
import io.sendports.domain.Host;
import io.sendports.domain.PathSegments;

/**
 * An {@code sftp://host[:port]/directory} address taken apart and normalized: what static definitions, dynamic
 * messages and allow-list matching all read, so that what was checked is where the files go.
 *
 * <p>Invariants: {@code host} is normalized as {@link Host} does; {@code port} is 1 to 65535 (22 when the address
 * has none); {@code segments} are the decoded names of an absolute directory on the server (none: its root),
 * none empty, a dot segment, or holding a control character, backslash, {@code *} or {@code ?} (SFTP clients read
 * those two as wildcards). The address had no user-info, query or fragment.
 */
record SftpAddress(Host host, int port, List<String> segments) {
    static final String SCHEME = "sftp";
    static final int DEFAULT_PORT = 22;

    SftpAddress {
        segments = List.copyOf(segments);
    }

    /** @throws DestinationRefused with the reason the text is not an acceptable sftp address */
    static SftpAddress parse(String text) {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new DestinationRefused("is not a valid URI: " + e.getReason());
        }
        if (!SCHEME.equals(uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT))) {
            throw new DestinationRefused("must be an sftp://host[:port]/directory URI for the sftp transport");
        }
        if (uri.isOpaque() || uri.getRawAuthority() == null) {
            throw new DestinationRefused("must be sftp://host[:port]/directory");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new DestinationRefused("must not have a query or fragment");
        }
        // user-info is refused here: the user name is an option, credentials are secret references
        String[] hostAndPort = Host.authority(uri.getRawAuthority());
        return new SftpAddress(Host.parse(hostAndPort[0]), port(hostAndPort[1]), directory(uri.getRawPath()));
    }

    static int port(String text) {
        if (text == null) {
            return DEFAULT_PORT;
        }
        int port = text.matches("[0-9]{1,5}") ? Integer.parseInt(text) : 0;
        if (port < 1 || port > 65535) {
            throw new DestinationRefused("has port " + DestinationRefused.shown(text) + "; it must be 1 to 65535");
        }
        return port;
    }

    private static List<String> directory(String rawPath) {
        if (rawPath != null) {
            for (String segment : rawPath.split("/", -1)) {
                if (segment.equals(".") || segment.equals("..")) {
                    throw new DestinationRefused("must not contain . or .. segments");
                }
            }
        }
        List<String> segments = PathSegments.address(rawPath == null || rawPath.isEmpty() ? "/" : rawPath).decoded();
        for (String segment : segments) {
            if (segment.indexOf('*') >= 0 || segment.indexOf('?') >= 0) {
                throw new DestinationRefused("must not have * or ? in a directory name: SFTP clients read them as wildcards");
            }
        }
        return segments;
    }

    /** The absolute directory on the server, as the SFTP client is given it: {@code /} for the root. */
    String directory() {
        return "/" + String.join("/", segments);
    }

    /** The address as the API writes it back: scheme and host lower-case, port 22 left out, non-ASCII encoded. */
    String text() {
        try {
            String authority = host.uriText() + (port == DEFAULT_PORT ? "" : ":" + port);
            return new URI(SCHEME, authority, directory(), null, null).toASCIIString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("a parsed sftp address is always a URI", e);
        }
    }

    /** The host and port, as operators and known_hosts name them. */
    String server() {
        return host.uriText() + ":" + port;
    }
}
