package io.sendports.domain;

import java.net.IDN;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The host of an http(s) address or pattern, in the one form it is compared in.
 *
 * <p>Invariants: a {@code NAME} is lower-case ASCII (IDN converted to punycode), without a trailing dot, and
 * made of valid labels whose last is not numeric; an {@code IPV4} is dotted decimal without leading zeros;
 * an {@code IPV6} is the full form of {@link Inet6Address#getHostAddress()} and never an IPv4 address in
 * disguise. Two hosts are the same machine name exactly when they are {@link #equals equal}.
 */
public record Host(String text, Kind kind) {

    public enum Kind { NAME, IPV4, IPV6 }

    /** Host names of cloud metadata services: a wildcard pattern never reaches them. */
    public static final Set<String> METADATA_NAMES =
            Set.of("metadata.google.internal", "metadata.goog", "instance-data.ec2.internal");
    /** The AWS metadata service over IPv6, which is not link-local. */
    private static final String AWS_METADATA_IPV6 = "fd00:ec2:0:0:0:0:0:254";
    private static final Pattern LABEL = Pattern.compile("[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?");
    /** As in the WHATWG URL standard: a host whose last label is a number is an IPv4 address or nothing. */
    private static final Pattern NUMERIC_LABEL = Pattern.compile("[0-9]+|0x[0-9a-f]*");
    private static final Pattern IPV6_TEXT = Pattern.compile("[0-9A-Fa-f:.]+");

    /**
     * Parses the host part of an authority ({@code [v6]} in brackets).
     *
     * @throws DestinationRefused when the host is encoded, malformed, or an IP address in a non-standard form
     */
    public static Host parse(String raw) {
        if (raw.isEmpty()) {
            throw new DestinationRefused("names no host");
        }
        if (raw.indexOf('%') >= 0) {
            // decoding would only help someone hide a host from a reader of the address
            throw new DestinationRefused("has a percent-encoded host " + DestinationRefused.shown(raw));
        }
        if (raw.startsWith("[")) {
            return ipv6(raw);
        }
        String name = ascii(raw).toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        String[] labels = name.split("\\.", -1);
        if (NUMERIC_LABEL.matcher(labels[labels.length - 1]).matches()) {
            return ipv4(name);
        }
        if (name.length() > 253) {
            throw new DestinationRefused("has a host name longer than 253 characters");
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                throw new DestinationRefused("has an invalid host name " + DestinationRefused.shown(raw));
            }
        }
        return new Host(name, Kind.NAME);
    }

    /** An internationalized name in the ASCII form a resolver looks up. */
    public static String ascii(String raw) {
        if (raw.chars().allMatch(c -> c < 0x80)) {
            return raw;
        }
        try {
            return IDN.toASCII(raw);
        } catch (IllegalArgumentException e) {
            throw new DestinationRefused("has an invalid internationalized host name " + DestinationRefused.shown(raw));
        }
    }

    /**
     * Reads every form the C library's {@code inet_aton} accepts (one to four parts, decimal, octal with a
     * leading 0, hex with 0x), because a resolver may: {@code 0xA9FEA9FE} reaches 169.254.169.254. Only the
     * plain dotted form is accepted, so that an address can be recognised by reading it.
     */
    private static Host ipv4(String name) {
        String[] parts = name.split("\\.", -1);
        long value = parts.length <= 4 ? 0 : -1;
        for (int i = 0; i < parts.length && value >= 0; i++) {
            long part = number(parts[i]);
            int bits = i < parts.length - 1 ? 8 : 8 * (5 - parts.length);
            value = part < 0 || part >= (1L << bits) ? -1 : (value << bits) | part;
        }
        if (value < 0) {
            throw new DestinationRefused("has a host " + DestinationRefused.shown(name)
                    + " that looks like an IP address but is not one");
        }
        String dotted = (value >> 24) + "." + ((value >> 16) & 255) + "." + ((value >> 8) & 255) + "." + (value & 255);
        if (!dotted.equals(name)) {
            throw new DestinationRefused("writes IP address " + dotted + " in a non-standard form "
                    + DestinationRefused.shown(name));
        }
        return new Host(dotted, Kind.IPV4);
    }

    private static long number(String part) {
        try {
            if (part.startsWith("0x")) {
                return part.length() > 2 && part.length() <= 10 ? Long.parseLong(part.substring(2), 16) : -1;
            }
            if (part.length() > 1 && part.startsWith("0")) {
                return part.length() <= 12 ? Long.parseLong(part.substring(1), 8) : -1;
            }
            return !part.isEmpty() && part.length() <= 10 ? Long.parseLong(part) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Host ipv6(String raw) {
        String inner = raw.endsWith("]") ? raw.substring(1, raw.length() - 1) : "";
        // only hex digits, colons and dots: with the brackets, InetAddress parses a literal and never asks DNS
        if (!IPV6_TEXT.matcher(inner).matches() || inner.indexOf(':') < 0) {
            throw new DestinationRefused("has an invalid IPv6 address " + DestinationRefused.shown(raw));
        }
        InetAddress address;
        try {
            address = InetAddress.getByName("[" + inner + "]");
        } catch (UnknownHostException e) {
            throw new DestinationRefused("has an invalid IPv6 address " + DestinationRefused.shown(raw));
        }
        // ::a.b.c.d is deprecated and never needed; ::1 and :: share its prefix but are plain IPv6
        boolean compatible = address instanceof Inet6Address six && six.isIPv4CompatibleAddress()
                && !six.isLoopbackAddress() && !six.isAnyLocalAddress();
        if (address instanceof Inet4Address || compatible) {
            throw new DestinationRefused("writes an IPv4 address as IPv6 " + DestinationRefused.shown(raw));
        }
        return new Host(address.getHostAddress(), Kind.IPV6);
    }

    /** Whether this is a link-local or cloud metadata address, which only a pattern naming it may allow. */
    public boolean sensitive() {
        return switch (kind) {
            case NAME -> METADATA_NAMES.contains(text);
            case IPV4 -> text.startsWith("169.254.");
            case IPV6 -> text.equals(AWS_METADATA_IPV6) || linkLocalV6();
        };
    }

    private boolean linkLocalV6() {
        try {
            return InetAddress.getByName("[" + text + "]").isLinkLocalAddress();
        } catch (UnknownHostException e) {
            return true;
        }
    }

    /** The host as written in a URI. */
    public String uriText() {
        return kind == Kind.IPV6 ? "[" + text + "]" : text;
    }

    /**
     * The host and port texts of a raw authority (the port null when absent). User-info is refused outright:
     * in {@code http://allowed.internal@evil.example/} the host is {@code evil.example}, which a reader
     * easily misses, and credentials belong in secret references, not in message headers.
     */
    public static String[] authority(String authority) {
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
}
