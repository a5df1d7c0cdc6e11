package io.sendports.domain;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Turns the {@code sendports.address} and {@code sendports.transport} headers of one message for a dynamic
 * port (BizTalk's {@code BTS.OutboundTransportLocation} and {@code BTS.OutboundTransportType}) into a
 * concrete, normalized {@link Destination}, or a reason for refusing the message.
 *
 * <p>The transport header, when present, wins over the address scheme; the two must still agree, except
 * that with {@code kafka} a bare topic name and with {@code file} a bare absolute directory are accepted.
 * Only http, https, file and kafka addresses are ever resolved: {@code exec:}, {@code bean:} and every other
 * scheme a Camel endpoint would understand are refused. The result says nothing about whether the port may
 * deliver there; {@link #resolve(String, String, AllowList)} also asks the port's {@link AllowList}.
 */
public final class DynamicDestinations {

    /** Either a destination or the human-readable reason the message cannot be delivered. */
    public record Resolution(Destination destination, String refusal) {
        public Resolution {
            if ((destination == null) == (refusal == null)) {
                throw new IllegalArgumentException("exactly one of destination and refusal");
            }
        }

        static Resolution of(Destination destination) {
            return new Resolution(destination, null);
        }

        static Resolution refused(String reason) {
            return new Resolution(null, reason);
        }

        public boolean isRefused() {
            return refusal != null;
        }
    }

    private DynamicDestinations() {
    }

    /** Resolves the headers and checks the result against the port's allow-list. */
    public static Resolution resolve(String address, String transportHeader, AllowList allowList) {
        Resolution resolution = resolve(address, transportHeader);
        if (resolution.isRefused()) {
            return resolution;
        }
        String refusal = allowList.refusal(resolution.destination());
        // the allow-list speaks of the normalized destination; name the header as sent too
        return refusal == null ? resolution : Resolution.refused("sendports.address "
                + DestinationRefused.shown(address.strip()) + " is refused: " + refusal);
    }

    /**
     * Resolves the headers into an http destination (POST, default timeout), a file destination (the
     * directory, default file name and mode) or a kafka destination; never null.
     */
    public static Resolution resolve(String address, String transportHeader) {
        if (address == null) {
            return Resolution.refused("the message has no sendports.address header");
        }
        if (address.isBlank()) {
            return Resolution.refused("the sendports.address header is blank");
        }
        TransportType transport = null;
        if (transportHeader != null && !transportHeader.isBlank()) {
            transport = TransportType.parse(transportHeader).orElse(null);
            if (transport == null) {
                return Resolution.refused("sendports.transport " + DestinationRefused.shown(transportHeader)
                        + " is not a transport; use http, file or kafka");
            }
        }
        String trimmed = address.strip();
        try {
            return Resolution.of(destination(reconciled(trimmed, transport), transport));
        } catch (DestinationRefused e) {
            return Resolution.refused("sendports.address " + DestinationRefused.shown(trimmed) + " " + e.reason());
        }
    }

    /** The address as a URI of the transport's scheme, when the header makes a bare address unambiguous. */
    private static String reconciled(String address, TransportType transport) {
        if (transport == TransportType.KAFKA && address.indexOf(':') < 0) {
            return KafkaPattern.SCHEME + address;
        }
        if (transport == TransportType.FILE && address.startsWith("/")) {
            try {
                // taken literally, as a path: a % in it is a character, not an escape
                return new URI("file", null, address, null).toString();
            } catch (URISyntaxException e) {
                throw new DestinationRefused("is not a valid path: " + e.getReason());
            }
        }
        return address;
    }

    private static Destination destination(String address, TransportType transport) {
        URI uri;
        try {
            uri = new URI(address);
        } catch (URISyntaxException e) {
            throw new DestinationRefused("is not a valid URI: " + e.getReason());
        }
        TransportType byScheme = transportOf(uri.getScheme());
        if (transport != null && transport != byScheme) {
            throw new DestinationRefused("does not fit sendports.transport " + transport.json()
                    + "; it is an address for the " + byScheme.json() + " transport");
        }
        return switch (byScheme) {
            case HTTP -> new HttpDestination(HttpAddress.parse(uri).toUri(), HttpDestination.DEFAULT_METHOD,
                    HttpDestination.DEFAULT_TIMEOUT, null, null);
            // API.md: the sanitized sendports.file-name header when present, otherwise %MessageID%
            case FILE -> new FileDestination(directory(address, uri),
                    FileNamePattern.of("%SourceFileName%"), FileDestination.DEFAULT_MODE);
            case KAFKA -> new KafkaDestination(topic(address, uri));
        };
    }

    private static TransportType transportOf(String scheme) {
        if (scheme == null) {
            throw new DestinationRefused("is not an absolute URI (http(s)://host/path, file:///dir or kafka:topic)");
        }
        switch (scheme.toLowerCase(Locale.ROOT)) {
            case "http", "https":
                return TransportType.HTTP;
            case "file":
                return TransportType.FILE;
            case "kafka":
                return TransportType.KAFKA;
            default:
                throw new DestinationRefused("has scheme " + DestinationRefused.shown(scheme)
                        + ", which is not a transport; only http, https, file and kafka are");
        }
    }

    private static Path directory(String address, URI uri) {
        String rawPath = Objects.requireNonNullElse(uri.getRawPath(), "").toLowerCase(Locale.ROOT);
        if (rawPath.contains("%2f") || rawPath.contains("%5c")) {
            throw new DestinationRefused("encodes a slash or backslash in the path (%2F, %5C)");
        }
        if (uri.getPath() != null && uri.getPath().chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new DestinationRefused("has a control character in the path");
        }
        Problems problems = new Problems();
        Path directory = Transports.directory(address, "sendports.address", problems);
        if (directory == null) {
            throw new DestinationRefused(problems.errors().get(0).message());
        }
        return directory;
    }

    private static String topic(String address, URI uri) {
        if (uri.getRawFragment() != null) {
            throw new DestinationRefused("must not have a #fragment");
        }
        String topic = address.substring(KafkaPattern.SCHEME.length());
        String error = Names.topicNameError(topic);
        if (error != null) {
            throw new DestinationRefused("names a topic that " + error);
        }
        return topic;
    }
}
