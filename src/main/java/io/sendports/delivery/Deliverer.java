package io.sendports.delivery;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;

import io.sendports.camel.Endpoints;
import io.sendports.camel.InboundMessage;
import io.sendports.domain.Destination;
import io.sendports.transport.Preparers;

/**
 * Delivers one message to one destination outside a port's main route: retries of parked messages,
 * backup transports and resumed suspended messages. The endpoint is the very one the route uses.
 */
@ApplicationScoped
public class Deliverer {
    private final CamelContext context;
    private final Clock clock;
    private volatile ProducerTemplate producer;

    public Deliverer(CamelContext context, Clock clock) {
        this.context = context;
        this.clock = clock;
    }

    /**
     * Sends the message to a destination of the port; throws what the destination's producer threw.
     *
     * @param dynamic whether the destination was resolved from the message
     */
    public void deliver(Destination destination, InboundMessage message, boolean dynamic) throws Exception {
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setBody(message.value());
        Preparers.of(destination, clock, dynamic).prepare(message, exchange.getMessage());
        template().send(dynamic ? Endpoints.dynamicDestination(destination) : Endpoints.destination(destination),
                exchange);
        if (exchange.getException() != null) {
            throw exchange.getException();
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
