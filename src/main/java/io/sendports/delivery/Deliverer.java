package io.sendports.delivery;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.service.ServiceHelper;

import io.sendports.camel.DeliveryMetrics;
import io.sendports.message.InboundMessage;
import io.sendports.domain.Destination;
import io.sendports.domain.SendPort;
import io.sendports.transport.DeliveryContext;
import io.sendports.transport.Transport;
import io.sendports.transport.TransportRegistry;

/**
 * Delivers one message to one destination outside a port's main route: retries of parked messages,
 * backup transports and resumed suspended messages. The endpoint is the one Camel's registry holds for the
 * destination's URI, shared with a route that sends there.
 *
 * <p>Invariant: every attempt goes through a started endpoint and a producer made from that very endpoint
 * instance. Removing a route stops and unregisters the endpoints only it used (an http endpoint closes its
 * connection pool), and the next lookup of the URI makes a new endpoint. A producer cache keyed by URI, as a
 * single {@link ProducerTemplate} has (endpoints are equal by URI), would keep handing out the producer of
 * the stopped endpoint ("Connection pool shut down"); so each endpoint instance gets its own template, which
 * is replaced when the registry's endpoint for the URI is another one.
 */
@ApplicationScoped
public class Deliverer {
    private final CamelContext context;
    private final DeliveryContext delivery;
    private final Responses responses;
    private final DeliveryMetrics metrics;
    /** Most URIs a template is kept for; the least recently used one is stopped beyond it. */
    static final int MAX_ENDPOINTS = 1000;
    /** Guarded by itself. */
    private final Map<String, Bound> templates = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bound> eldest) {
            if (size() > MAX_ENDPOINTS) {
                ServiceHelper.stopService(eldest.getValue().template());
                return true;
            }
            return false;
        }
    };

    /** The template that sends to one endpoint instance. */
    private record Bound(Endpoint endpoint, ProducerTemplate template) {
    }

    public Deliverer(CamelContext context, DeliveryContext delivery, Responses responses, DeliveryMetrics metrics) {
        this.context = context;
        this.delivery = delivery;
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
        boolean solicit = port.isSolicitResponse();
        String uri = TransportRegistry.of(destination).endpointUri(destination,
                Transport.EndpointUse.of(solicit, dynamic));
        Bound bound = bound(uri);
        Exchange exchange = send(bound, destination, message, dynamic);
        if (exchange.getException() != null && !ServiceHelper.isStarted(bound.endpoint())) {
            // The route that shared the endpoint went away during the attempt, and the failure may be the
            // stopped endpoint's rather than the destination's: once more through the endpoint that replaces it.
            exchange = send(bound(uri), destination, message, dynamic);
        }
        if (exchange.getException() != null) {
            throw exchange.getException();
        }
        if (solicit) {
            responses.publish(port, message, exchange.getMessage());
            metrics.forPort(port.name()).responsePublished();
        }
    }

    private Exchange send(Bound bound, Destination destination, InboundMessage message, boolean dynamic)
            throws Exception {
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setBody(message.value());
        TransportRegistry.of(destination).preparer(destination, delivery, dynamic).prepare(message, exchange.getMessage());
        return bound.template().send(bound.endpoint(), exchange);
    }

    /** The template of the started endpoint the registry holds for the URI now. */
    private Bound bound(String uri) throws Exception {
        Endpoint endpoint = context.getEndpoint(uri);
        if (!ServiceHelper.isStarted(endpoint)) {
            // Stopped but still registered: it cannot be used again, a new one takes its place.
            context.removeEndpoint(endpoint);
            endpoint = context.getEndpoint(uri);
        }
        synchronized (templates) {
            Bound current = templates.get(uri);
            if (current != null && current.endpoint() == endpoint) {
                return current;
            }
            if (current != null) {
                // Its endpoint was stopped with the route that used it; so are the producers made from it.
                ServiceHelper.stopService(current.template());
            }
            Bound fresh = new Bound(endpoint, context.createProducerTemplate(1));
            templates.put(uri, fresh);
            return fresh;
        }
    }
}
