package io.sendports.camel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.quarkus.main.events.AfterConfigure;

/**
 * Configures what every port's Camel endpoints share. Each transport configures its own components (the
 * {@code *Components} beans of {@code io.sendports.transport.<name>}).
 */
@ApplicationScoped
public class ComponentSetup {
    /** The bound of Camel's registry of dynamically created endpoints. */
    public static final int MAX_ENDPOINTS = 1000;

    void configure(@Observes AfterConfigure event, CamelContext context) {
        // Dynamic ports create endpoints from messages: Camel keeps at most this many, least recently used out.
        context.getGlobalOptions().put(Exchange.MAXIMUM_ENDPOINT_CACHE_SIZE, Integer.toString(MAX_ENDPOINTS));
    }
}
