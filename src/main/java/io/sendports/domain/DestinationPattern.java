package io.sendports.domain;

/**
 * One parsed pattern of a dynamic port's allow-list, of one transport ({@link TransportSyntax#pattern}). Only
 * the transport that made it reads its parts: {@link TransportSyntax#refusal} matches destinations against it.
 */
public interface DestinationPattern {
    /** The pattern as the port definition wrote it. */
    String text();
}
