package io.sendports.transport;

import java.time.Clock;

import io.sendports.domain.Destination;
import io.sendports.domain.FileDestination;
import io.sendports.domain.HttpDestination;
import io.sendports.domain.KafkaDestination;

/** The {@link OutboundPreparer} of each kind of destination. */
public final class Preparers {
    private Preparers() {
    }

    /** @param dynamic whether the destination was resolved from the message (a dynamic port) */
    public static OutboundPreparer of(Destination destination, Clock clock, boolean dynamic) {
        if (destination instanceof HttpDestination http) {
            return new HttpPreparer(http);
        }
        if (destination instanceof FileDestination file) {
            return new FilePreparer(file, clock);
        }
        if (destination instanceof KafkaDestination kafka) {
            return new KafkaPreparer(dynamic ? kafka.topic() : null);
        }
        throw new IllegalArgumentException("no transport for " + destination);
    }
}
