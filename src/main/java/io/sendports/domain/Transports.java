package io.sendports.domain;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The transports a Sendports build has, by name and by address scheme: parses a transport as written into a
 * {@link Destination}, checking what every transport has in common (the type, the number and names of the
 * options, the address's presence and length), then asking the transport itself.
 *
 * <p>Immutable and thread-safe; the order of the transports is the order in which messages list them.
 */
public final class Transports {
    private final List<TransportSyntax> transports;

    public Transports(List<? extends TransportSyntax> transports) {
        this.transports = List.copyOf(transports);
    }

    /** The transports' names, in order. */
    public List<String> types() {
        return transports.stream().map(TransportSyntax::type).toList();
    }

    /** The transport of a {@code transport.type} or {@code sendports.transport} value (case and blanks ignored). */
    public Optional<TransportSyntax> byType(String type) {
        if (type == null) {
            return Optional.empty();
        }
        String wanted = type.trim().toLowerCase(Locale.ROOT);
        return transports.stream().filter(transport -> transport.type().equals(wanted)).findFirst();
    }

    /** The transport whose addresses have this URI scheme. */
    public Optional<TransportSyntax> byScheme(String scheme) {
        if (scheme == null) {
            return Optional.empty();
        }
        String wanted = scheme.toLowerCase(Locale.ROOT);
        return transports.stream().filter(transport -> transport.schemes().contains(wanted)).findFirst();
    }

    /** The transport of a destination made by one of these transports. */
    public TransportSyntax of(Destination destination) {
        return byType(destination.type())
                .orElseThrow(() -> new IllegalArgumentException("no transport " + destination.type()));
    }

    /** "http, file, kafka": for messages that list the transports. */
    public String listed() {
        return String.join(", ", types());
    }

    /** How the allow-list patterns of every transport are written, for messages. */
    public String patternForms() {
        return String.join(", ", transports.stream().map(TransportSyntax::patternForm).toList());
    }

    /** The destination, or null with the reasons added to {@code problems}. */
    public Destination parse(PortDraft.TransportDraft draft, String field, Problems problems) {
        TransportSyntax transport = byType(draft.type()).orElse(null);
        if (transport == null) {
            problems.add(field + ".type", draft.type() == null ? "is required (one of " + listed() + ")"
                    : "must be one of " + listed());
            return null;
        }
        if (draft.options().size() > Limits.OPTIONS) {
            problems.add(field + ".options", "must have at most " + Limits.OPTIONS + " entries");
            return null;
        }
        for (String option : draft.options().keySet()) {
            if (option.length() > Limits.OPTION_TEXT) {
                problems.add(field + ".options", "has a name longer than " + Limits.OPTION_TEXT + " characters");
                return null;
            }
            if (!transport.options().contains(option)) {
                problems.add(field + ".options." + option, "is not an option of the " + transport.type()
                        + " transport; known: " + String.join(", ", transport.options().stream().sorted().toList()));
            }
        }
        if (draft.address() == null || draft.address().isBlank()) {
            problems.add(field + ".address", "is required");
            return null;
        }
        if (draft.address().length() > Limits.ADDRESS) {
            problems.add(field + ".address", "must be at most " + Limits.ADDRESS + " characters");
            return null;
        }
        return transport.parse(draft.address(), draft.options(), field, problems);
    }

    /** The address as a URI, or null with "is not a valid URI" added to {@code field}. */
    public static URI uri(String address, String field, Problems problems) {
        try {
            return new URI(address.trim());
        } catch (URISyntaxException e) {
            problems.add(field.endsWith(".address") ? field : field + ".address", "is not a valid URI: " + e.getReason());
            return null;
        }
    }
}
