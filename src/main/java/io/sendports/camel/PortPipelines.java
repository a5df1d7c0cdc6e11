package io.sendports.camel;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.Exchange;

/**
 * The {@link PortPipeline} of every route, by route id (the port's name). Route templates are shared by all
 * ports of a kind; their steps find the port's own pipeline here.
 */
@ApplicationScoped
public class PortPipelines {
    private final Map<String, PortPipeline> pipelines = new ConcurrentHashMap<>();

    public void register(String routeId, PortPipeline pipeline) {
        pipelines.put(routeId, pipeline);
    }

    public void unregister(String routeId) {
        pipelines.remove(routeId);
    }

    PortPipeline of(Exchange exchange) {
        PortPipeline pipeline = pipelines.get(exchange.getFromRouteId());
        if (pipeline == null) {
            throw new IllegalStateException("no pipeline for route " + exchange.getFromRouteId());
        }
        return pipeline;
    }

    void accept(Exchange exchange) {
        of(exchange).accept(exchange);
    }

    void delivered(Exchange exchange) {
        of(exchange).delivered(exchange);
    }

    void failedAttempt(Exchange exchange) {
        of(exchange).failedAttempt(exchange);
    }
}
