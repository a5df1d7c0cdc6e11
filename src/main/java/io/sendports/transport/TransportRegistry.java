package io.sendports.transport;

import java.util.List;

import io.sendports.domain.Destination;
import io.sendports.domain.Transports;
import io.sendports.transport.file.FileTransport;
import io.sendports.transport.http.HttpTransport;
import io.sendports.transport.kafka.KafkaTransport;
import io.sendports.transport.sftp.SftpTransport;

/**
 * The transports of this build: the one place that names them. Adding a transport is its package and one
 * entry here. The order is the order in which messages and documentation list them.
 */
public final class TransportRegistry {
    private static final List<Transport> TRANSPORTS = List.of(
            new HttpTransport(),
            new FileTransport(),
            new KafkaTransport(),
            new SftpTransport());
    private static final Transports CATALOG = new Transports(TRANSPORTS);

    private TransportRegistry() {
    }

    /** Every transport, in order. */
    public static List<Transport> transports() {
        return TRANSPORTS;
    }

    /** The transports as the port rules see them. */
    public static Transports catalog() {
        return CATALOG;
    }

    /** The transport of a destination (made by one of the transports). */
    public static Transport of(Destination destination) {
        return byType(destination.type());
    }

    /** The transport of this name. */
    public static Transport byType(String type) {
        for (Transport transport : TRANSPORTS) {
            if (transport.type().equals(type)) {
                return transport;
            }
        }
        throw new IllegalArgumentException("no transport " + type);
    }
}
