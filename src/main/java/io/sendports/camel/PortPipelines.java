package io.sendports.camel;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.Exchange;
import org.apache.camel.support.AsyncProcessorSupport;

/**
 * The {@link PortSteps} of every route, by route id (the port's name). Route templates are shared by all
 * ports of a kind; their steps find the port's own here.
 */
@ApplicationScoped
public class PortPipelines {
    private final Map<String, PortSteps> steps = new ConcurrentHashMap<>();
    private final AsyncProcessor delivered = new AsyncProcessorSupport() {
        @Override
        public boolean process(Exchange exchange, AsyncCallback callback) {
            return of(exchange).delivered(exchange, callback);
        }
    };

    public void register(String routeId, PortSteps portSteps) {
        steps.put(routeId, portSteps);
    }

    public void unregister(String routeId) {
        steps.remove(routeId);
    }

    private PortSteps of(Exchange exchange) {
        PortSteps found = steps.get(exchange.getFromRouteId());
        if (found == null) {
            throw new IllegalStateException("no steps for route " + exchange.getFromRouteId());
        }
        return found;
    }

    void prepare(Exchange exchange) {
        of(exchange).prepare(exchange);
    }

    void route(Exchange exchange) {
        of(exchange).route(exchange);
    }

    /** The step after a delivery, asynchronous: publishing a response waits for Kafka without holding a thread. */
    AsyncProcessor delivered() {
        return delivered;
    }

    void failed(Exchange exchange) {
        of(exchange).failed(exchange);
    }
}
