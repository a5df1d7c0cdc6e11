package io.sendports.domain;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the port rules need to know of one transport, in plain Java: how its part of a definition is written
 * and checked, how a message of a dynamic port names one of its destinations, and how its allow-list patterns
 * match. Each transport package implements it (with the Camel side, {@code io.sendports.transport.Transport});
 * {@link Transports} holds the ones a Sendports build has.
 *
 * <p>Implementations are stateless and thread-safe. Their parsers report what is wrong as field errors or as
 * {@link DestinationRefused}, never by throwing anything else.
 */
public interface TransportSyntax {
    /** The name of {@code transport.type} and of the {@code sendports.transport} header, lower-case. */
    String type();

    /** The URI schemes of its addresses, lower-case, such as {@code http} and {@code https}. */
    Set<String> schemes();

    /** How an allow-list pattern of this transport is written, for messages: {@code kafka:topic}. */
    String patternForm();

    /** The names of its {@code options}. */
    Set<String> options();

    /**
     * A static destination from the address and options as written (the names of the options are known,
     * their number and the address's length checked).
     *
     * @param field the JSON path of the transport, such as {@code transport} or {@code backupTransport}
     * @return the destination, or null with the reasons added to {@code problems}
     */
    Destination parse(String address, Map<String, Object> options, String field, Problems problems);

    /**
     * The destination a message names ({@code sendports.address}), with this transport's defaults for every
     * option. The address is stripped, absolute and has one of {@link #schemes()}.
     *
     * @throws DestinationRefused with the reason, said of the address ("has ...", "must ...")
     */
    Destination resolve(String address);

    /**
     * The address with this transport's scheme when the message names this transport and an address without
     * one ({@code orders} for kafka, {@code /var/out} for file); otherwise the address as it is.
     *
     * @throws DestinationRefused when the bare address cannot be made into one
     */
    default String qualify(String address) {
        return address;
    }

    /**
     * An allow-list pattern of this transport (its scheme is one of {@link #schemes()}).
     *
     * @throws DestinationRefused with the reason the pattern is not valid
     */
    DestinationPattern pattern(String text);

    /**
     * Why none of the patterns allows the destination, or null when one does.
     *
     * @param destination one of this transport's destinations
     * @param patterns    the port's patterns of this transport, made by {@link #pattern}; possibly none
     */
    String refusal(Destination destination, List<DestinationPattern> patterns);
}
