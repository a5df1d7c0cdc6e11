package io.sendports.transport.sftp;

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
 * An allow-list pattern for sftp destinations, such as {@code sftp://*.files.internal:2222/inbound/**}: the host
 * as the http transport's patterns have it, the directory as the file transport's.
 *
 * <p>Invariants: {@code host} is a literal host or label globs ({@link HostPattern}).
 * {@code port} is the effective port (22 when absent).
 * {@code path} holds decoded directory-name globs, {@code **} only as a whole segment; an empty path allows only
 * the server's root directory.
 */
record SftpPattern(String text, HostPattern host, int port, List<String> path)
        implements DestinationPattern {
    SftpPattern {
        path = List.copyOf(path);
    }

    /** @throws DestinationRefused when the text is not a valid pattern */
    static SftpPattern parse(String text) {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new DestinationRefused("is not a valid URI: " + e.getReason());
        }
        if (uri.isOpaque() || uri.getRawAuthority() == null) {
            throw new DestinationRefused("must be sftp://host[:port]/directory");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new DestinationRefused("must not have a query or fragment");
        }
        String[] hostAndPort = Host.authority(uri.getRawAuthority());
        int port = SftpAddress.port(hostAndPort[1]);
        List<String> path = PathSegments.pattern(uri.getRawPath());
        return new SftpPattern(text, HostPattern.parse(hostAndPort[0]), port, path);
    }

    boolean matches(SftpAddress address) {
        return port == address.port() && host.matches(address.host())
                && Glob.matchesSegments(path, address.segments());
    }
}
