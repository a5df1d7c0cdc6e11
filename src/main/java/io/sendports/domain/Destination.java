package io.sendports.domain;

/**
 * Where a transport delivers, parsed and checked. Each kind knows how to write itself back as the
 * {@code address} string of the API.
 */
public sealed interface Destination permits HttpDestination, FileDestination, KafkaDestination {
    TransportType type();

    String address();
}
