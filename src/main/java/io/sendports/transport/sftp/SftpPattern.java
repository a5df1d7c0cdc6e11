package io.sendports.transport.sftp;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.sendports.domain.DestinationPattern;
import io.sendports.domain.DestinationRefused;
import io.sendports.domain.Glob;
import io.sendports.domain.Host;
import io.sendports.domain.PathSegments;

/**
 * An allow-list pattern for sftp destinations, such as {@code sftp://*.files.internal:2222/inbound/**}: the host
 * as the http transport's patterns have it, the directory as the file transport's.
 *
 * <p>Invariants: either {@code host} is a literal (a name or an IP address, normalized as {@link Host} does) and
 * {@code hostLabels} is null, or {@code hostLabels} holds lower-case ASCII label globs whose last label is literal
 * and not numeric (IP addresses are named exactly). {@code port} is the effective port (22 when absent).
 * {@code path} holds decoded directory-name globs, {@code **} only as a whole segment; an empty path allows only
 * the server's root directory.
 */
record SftpPattern(String text, Host host, List<String> hostLabels, int port, List<String> path)
        implements DestinationPattern {
    private static final Pattern LABEL_GLOB = Pattern.compile("[a-z0-9_*-]{1,63}");

    SftpPattern {
        hostLabels = hostLabels == null ? null : List.copyOf(hostLabels);
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
        if (!Glob.isWild(hostAndPort[0])) {
            return new SftpPattern(text, Host.parse(hostAndPort[0]), null, port, path);
        }
        return new SftpPattern(text, null, labelGlobs(hostAndPort[0]), port, path);
    }

    private static List<String> labelGlobs(String raw) {
        String host = Host.ascii(raw).toLowerCase(Locale.ROOT);
        host = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        List<String> labels = List.of(host.split("\\.", -1));
        for (String label : labels) {
            if (label.contains("**")) {
                throw new DestinationRefused("must not use ** in the host: * matches one host label");
            }
            if (!LABEL_GLOB.matcher(label).matches()) {
                throw new DestinationRefused("has an invalid host pattern " + DestinationRefused.shown(raw));
            }
        }
        String last = labels.get(labels.size() - 1);
        if (Glob.isWild(last)) {
            // a wildcard there would allow any domain, or any single-label name the resolver completes
            throw new DestinationRefused("must end the host with a literal label, as in *.internal");
        }
        if (last.matches("[0-9]+|0x[0-9a-f]*")) {
            throw new DestinationRefused("must name IP addresses exactly, without *");
        }
        return labels;
    }

    boolean matches(SftpAddress address) {
        return port == address.port() && hostMatches(address.host())
                && Glob.matchesSegments(path, address.segments());
    }

    private boolean hostMatches(Host candidate) {
        if (host != null) {
            return host.equals(candidate);
        }
        if (candidate.kind() != Host.Kind.NAME || candidate.sensitive()) {
            return false;
        }
        String[] labels = candidate.text().split("\\.");
        if (labels.length != hostLabels.size()) {
            return false;
        }
        for (int i = 0; i < labels.length; i++) {
            if (!Glob.matches(hostLabels.get(i), labels[i])) {
                return false;
            }
        }
        return true;
    }
}
