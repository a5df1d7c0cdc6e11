package io.sendports.delivery;

import java.time.Clock;
import java.util.function.Consumer;

import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.kafka.common.header.Headers;

import io.sendports.camel.Endpoints;
import io.sendports.camel.InboundMessage;
import io.sendports.camel.PortMetrics;
import io.sendports.camel.PortSteps;
import io.sendports.domain.Destination;
import io.sendports.domain.SendPort;
import io.sendports.transport.OutboundPreparer;
import io.sendports.transport.Preparers;

/**
 * The steps of one port's route: read the record, apply the filter, prepare the outgoing message;
 * count a delivery; hand a failure to the {@link FailurePolicy}. An ordered port that stops on failure asks
 * for its own stop and, until the route is stopped, refuses to deliver anything else.
 */
public final class PortPipeline implements PortSteps {
    /** Exchange property: the {@link InboundMessage}. */
    public static final String INBOUND = "sendports.inbound";

    private final SendPort port;
    private final OutboundPreparer preparer;
    private final Clock clock;
    private final PortMetrics metrics;
    private final FailurePolicy failures;
    private final Responses responses;
    private final Consumer<String> stopRequest;
    private volatile boolean stopping;
    private volatile String stopReason;

    /**
     * @param stopRequest asks, asynchronously, for the port to be stopped with the given reason
     */
    public PortPipeline(SendPort port, PortMetrics metrics, FailurePolicy failures, Responses responses, Clock clock,
            Consumer<String> stopRequest) {
        this.responses = responses;
        this.port = port;
        this.metrics = metrics;
        this.failures = failures;
        this.stopRequest = stopRequest;
        this.clock = clock;
        this.preparer = port.isDynamic() ? null
                : Preparers.of(Destinations.sending(port, port.destination()), clock, false);
    }

    /** The route is being stopped: waits in place end and nothing more is attempted. */
    public void stopping() {
        stopping = true;
    }

    @Override
    public void accept(Exchange exchange) {
        if (stopReason != null) {
            throw new IllegalStateException("port " + port.name() + " is stopping after a failure: " + stopReason);
        }
        var in = exchange.getMessage();
        InboundMessage inbound = new InboundMessage(port.name(),
                in.getHeader(KafkaConstants.TOPIC, String.class),
                in.getHeader(KafkaConstants.PARTITION, Integer.class),
                in.getHeader(KafkaConstants.OFFSET, Long.class),
                in.getHeader(KafkaConstants.TIMESTAMP, Long.class),
                in.getHeader(KafkaConstants.KEY, byte[].class),
                in.getBody(byte[].class),
                in.getHeader(KafkaConstants.HEADERS, Headers.class));
        exchange.setProperty(INBOUND, inbound);
        boolean accepted = port.subscription().filter().matches(inbound::header);
        exchange.setProperty(ACCEPTED, accepted);
        if (!accepted) {
            metrics.filteredOut();
        } else if (preparer != null) {
            preparer.prepare(inbound, in);
        }
    }

    @Override
    public void route(Exchange exchange) {
        InboundMessage message = exchange.getProperty(INBOUND, InboundMessage.class);
        Destination destination = Destinations.of(port, message);
        Preparers.of(destination, clock, true).prepare(message, exchange.getMessage());
        exchange.setProperty(ENDPOINT, Endpoints.dynamicDestination(destination, port.isSolicitResponse()));
    }

    @Override
    public void delivered(Exchange exchange) {
        InboundMessage message = exchange.getProperty(INBOUND, InboundMessage.class);
        if (port.isSolicitResponse()) {
            responses.publish(port, message, exchange.getMessage());
            metrics.responsePublished();
        }
        metrics.delivered(message.timestamp());
    }

    @Override
    public void failed(Exchange exchange) {
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (error instanceof Responses.ResponseNotPublished notPublished) {
            // The request was answered but the answer is not in Kafka: leave the request uncommitted.
            throw notPublished;
        }
        InboundMessage message = exchange.getProperty(INBOUND, InboundMessage.class);
        if (!port.orderedDelivery()) {
            failures.afterFailure(port, message, Phase.PRIMARY, 1, 1, error);
            return;
        }
        try {
            failures.inPlace(port, message, error, () -> stopping);
        } catch (FailurePolicy.DeliveryFailedException e) {
            stopReason = "message " + message.messageId() + " (" + message.source() + ") failed after "
                    + e.attempts() + " attempts: " + e.getMessage();
            stopRequest.accept(stopReason);
            throw e;
        }
    }
}
