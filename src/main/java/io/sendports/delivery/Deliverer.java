package io.sendports.delivery;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;

import io.sendports.camel.DeliveryMetrics;
import io.sendports.camel.Endpoints;
import io.sendports.camel.InboundMessage;
import io.sendports.domain.Destination;
import io.sendports.domain.SendPort;
import io.sendports.transport.Preparers;

/**
 * Delivers one message to one destination outside a port's main route: retries of parked messages,
 * backup transports and resumed suspended messages. The endpoint is the very one the route uses.
 */
@ApplicationScoped
public class Deliverer {
    private final CamelContext context;
    private final Clock clock;
    private final Responses responses;
    private final DeliveryMetrics metrics;
    private volatile ProducerTemplate producer;

    public Deliverer(CamelContext context, Clock clock, Responses responses, DeliveryMetrics metrics) {
        this.context = context;
        this.clock = clock;
        this.responses = responses;
        this.metrics = metrics;
    }

    /**
     * Sends the message to a destination of the port, and publishes the response of a solicit-response
     * port; throws what the destination's producer threw, or {@link Responses.ResponseNotPublished}.
     *
     * @param dynamic whether the destination was resolved from the message
     */
    public void deliver(SendPort port, Destination destination, InboundMessage message, boolean dynamic)
            throws Exception {
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setBody(message.value());
        Preparers.of(destination, clock, dynamic).prepare(message, exchange.getMessage());
        boolean solicit = port.isSolicitResponse();
        template().send(dynamic ? Endpoints.dynamicDestination(destination, solicit)
                : Endpoints.destination(destination, solicit), exchange);
        if (exchange.getException() != null) {
            throw exchange.getException();
        }
        if (solicit) {
            responses.publish(port, message, exchange.getMessage());
            metrics.forPort(port.name()).responsePublished();
        }
    }

    private ProducerTemplate template() {
        ProducerTemplate current = producer;
        if (current == null) {
            synchronized (this) {
                if (producer == null) {
                    producer = context.createProducerTemplate();
                }
                current = producer;
            }
        }
        return current;
    }
}
