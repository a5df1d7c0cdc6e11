package io.sendports.camel;

import java.time.Clock;

import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.kafka.common.header.Headers;

import io.sendports.domain.Destination;
import io.sendports.domain.FileDestination;
import io.sendports.domain.HttpDestination;
import io.sendports.domain.KafkaDestination;
import io.sendports.domain.SendPort;
import io.sendports.transport.FilePreparer;
import io.sendports.transport.HttpPreparer;
import io.sendports.transport.KafkaPreparer;
import io.sendports.transport.OutboundPreparer;

/**
 * The per-port steps of a port's route: {@code accept} (read the record, apply the filter, prepare the
 * outgoing message), {@code delivered} and {@code failedAttempt}. Found by the shared route template
 * through {@link PortPipelines}.
 */
public final class PortPipeline {
    /** Exchange property: whether the port's filter took the message. */
    public static final String ACCEPTED = "sendports.accepted";
    /** Exchange property: the {@link InboundMessage}. */
    public static final String INBOUND = "sendports.inbound";

    private final SendPort port;
    private final OutboundPreparer preparer;
    private final PortMetrics metrics;

    public PortPipeline(SendPort port, PortMetrics metrics, Clock clock) {
        this.port = port;
        this.metrics = metrics;
        this.preparer = preparer(port.destination(), clock);
    }

    private static OutboundPreparer preparer(Destination destination, Clock clock) {
        if (destination instanceof HttpDestination http) {
            return new HttpPreparer(http);
        }
        if (destination instanceof FileDestination file) {
            return new FilePreparer(file, clock);
        }
        if (destination instanceof KafkaDestination) {
            return new KafkaPreparer();
        }
        throw new IllegalArgumentException("no transport for " + destination);
    }

    void delivered(Exchange exchange) {
        metrics.delivered(exchange.getProperty(INBOUND, InboundMessage.class).timestamp());
    }

    void failedAttempt(Exchange exchange) {
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        metrics.failed(caught != null ? caught : exchange.getException());
    }

    void accept(Exchange exchange) {
        var in = exchange.getMessage();
        InboundMessage inbound = new InboundMessage(
                in.getHeader(KafkaConstants.TOPIC, String.class),
                in.getHeader(KafkaConstants.PARTITION, Integer.class),
                in.getHeader(KafkaConstants.OFFSET, Long.class),
                in.getHeader(KafkaConstants.TIMESTAMP, Long.class),
                in.getHeader(KafkaConstants.KEY, byte[].class),
                in.getHeader(KafkaConstants.HEADERS, Headers.class));
        exchange.setProperty(INBOUND, inbound);
        boolean accepted = port.subscription().filter().matches(inbound::header);
        exchange.setProperty(ACCEPTED, accepted);
        if (accepted) {
            preparer.prepare(inbound, in);
        } else {
            metrics.filteredOut();
        }
    }
}
