package io.sendports.domain;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The host part of an allow-list pattern, shared by the transports whose addresses name a host (http, sftp).
 *
 * <p>Invariants: either {@code literal} is a host (a name or an IP address, normalized as {@link Host} does) and
 * {@code labels} is null, or {@code labels} holds lower-case ASCII label globs, {@code *} matching within one
 * label, whose last label is literal and not numeric: a wildcard there would allow any domain, and IP addresses
 * are named exactly. A wildcard never matches an IP address or a link-local or cloud metadata host.
 */
public record HostPattern(Host literal, List<String> labels) {
    private static final Pattern LABEL_GLOB = Pattern.compile("[a-z0-9_*-]{1,63}");

    public HostPattern {
        labels = labels == null ? null : List.copyOf(labels);
    }

    /** @throws DestinationRefused when the host text of a pattern is not valid */
    public static HostPattern parse(String raw) {
        if (!Glob.isWild(raw)) {
            return new HostPattern(Host.parse(raw), null);
        }
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
        return new HostPattern(null, labels);
    }

    public boolean matches(Host candidate) {
        if (literal != null) {
            return literal.equals(candidate);
        }
        if (candidate.kind() != Host.Kind.NAME || candidate.sensitive()) {
            return false;
        }
        String[] names = candidate.text().split("\\.");
        if (names.length != labels.size()) {
            return false;
        }
        for (int i = 0; i < names.length; i++) {
            if (!Glob.matches(labels.get(i), names[i])) {
                return false;
            }
        }
        return true;
    }
}
