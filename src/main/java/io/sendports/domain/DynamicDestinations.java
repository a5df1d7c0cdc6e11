package io.sendports.domain;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Turns the {@code sendports.address} and {@code sendports.transport} headers of one message for a dynamic
 * port (BizTalk's {@code BTS.OutboundTransportLocation} and {@code BTS.OutboundTransportType}) into a
 * concrete, normalized {@link Destination}, or a reason for refusing the message.
 *
 * <p>The transport header, when present, wins over the address scheme; the two must still agree, except
 * where the transport makes a bare address unambiguous ({@link TransportSyntax#qualify}: a topic name for
 * kafka, an absolute directory for file). Only the schemes of the build's transports are ever resolved:
 * {@code exec:}, {@code bean:} and every other scheme a Camel endpoint would understand are refused. The
 * result says nothing about whether the port may deliver there; {@link #resolve(String, String, AllowList)}
 * also asks the port's {@link AllowList}.
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

    /** Resolves the headers with the allow-list's transports and checks the result against the allow-list. */
    public static Resolution resolve(String address, String transportHeader, AllowList allowList) {
        Resolution resolution = resolve(address, transportHeader, allowList.transports());
        if (resolution.isRefused()) {
            return resolution;
        }
        String refusal = allowList.refusal(resolution.destination());
        // the allow-list speaks of the normalized destination; name the header as sent too
        return refusal == null ? resolution : Resolution.refused("sendports.address "
                + DestinationRefused.shown(address.strip()) + " is refused: " + refusal);
    }

    /** Resolves the headers into a destination of one of the transports, with its defaults; never null. */
    public static Resolution resolve(String address, String transportHeader, Transports transports) {
        if (address == null) {
            return Resolution.refused("the message has no sendports.address header");
        }
        if (address.isBlank()) {
            return Resolution.refused("the sendports.address header is blank");
        }
        TransportSyntax named = null;
        if (transportHeader != null && !transportHeader.isBlank()) {
            named = transports.byType(transportHeader).orElse(null);
            if (named == null) {
                return Resolution.refused("sendports.transport " + DestinationRefused.shown(transportHeader)
                        + " is not a transport; use " + transports.listed());
            }
        }
        String trimmed = address.strip();
        try {
            String qualified = named == null ? trimmed : named.qualify(trimmed);
            return Resolution.of(transportOf(qualified, named, transports).resolve(qualified));
        } catch (DestinationRefused e) {
            return Resolution.refused("sendports.address " + DestinationRefused.shown(trimmed) + " " + e.reason());
        }
    }

    private static TransportSyntax transportOf(String address, TransportSyntax named, Transports transports) {
        URI uri;
        try {
            uri = new URI(address);
        } catch (URISyntaxException e) {
            throw new DestinationRefused("is not a valid URI: " + e.getReason());
        }
        if (uri.getScheme() == null) {
            throw new DestinationRefused("is not an absolute URI (" + transports.patternForms() + ")");
        }
        TransportSyntax byScheme = transports.byScheme(uri.getScheme())
                .orElseThrow(() -> new DestinationRefused("has scheme " + DestinationRefused.shown(uri.getScheme())
                        + ", which is not a transport; only " + transports.listed() + " addresses are"));
        if (named != null && named != byScheme) {
            throw new DestinationRefused("does not fit sendports.transport " + named.type()
                    + "; it is an address for the " + byScheme.type() + " transport");
        }
        return byScheme;
    }
}
