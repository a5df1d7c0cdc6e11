package io.sendports.transport.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.camel.CamelContext;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.quarkus.main.events.AfterConfigure;

/**
 * Configures Camel's http and https components for ports: retries are left to Sendports, no cookies, and enough
 * pooled connections for the deliveries in flight.
 */
@ApplicationScoped
public class HttpComponents {

    void configure(@Observes AfterConfigure event, CamelContext context) {
        for (String scheme : new String[] {"http", "https"}) {
            HttpComponent http = context.getComponent(scheme, HttpComponent.class);
            // Retries are Sendports' business (counted, spaced, parked, shown); the HTTP client's own silent
            // re-execution of 503s and I/O errors would hide failures and hold up the partition.
            http.setAutomaticRetriesDisabled(true);
            // Messages are independent: no cookie from one response may ride on another message's request.
            http.setCookieManagementDisabled(true);
            // Every delivery in flight needs a connection: the pool must not be what limits a port.
            http.setMaxTotalConnections(1000);
            http.setConnectionsPerRoute(200);
        }
    }
}
