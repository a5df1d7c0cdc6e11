package io.sendports.camel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.camel.CamelContext;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.quarkus.main.events.AfterConfigure;

import io.sendports.broker.KafkaClients;

/**
 * Configures the Camel components ports use: files are written by Sendports' own {@link FileWriterComponent};
 * Kafka points at the cluster Sendports uses, with the same security settings; HTTP leaves retries to
 * Sendports and pools enough connections for the deliveries in flight.
 */
@ApplicationScoped
public class ComponentSetup {
    /** The bound of Camel's registry of dynamically created endpoints. */
    public static final int MAX_ENDPOINTS = 1000;

    void configure(@Observes AfterConfigure event, CamelContext context, KafkaClients clients) {
        context.addComponent(FileWriterComponent.SCHEME, new FileWriterComponent());
        KafkaComponent kafka = context.getComponent("kafka", KafkaComponent.class);
        kafka.getConfiguration().setBrokers(clients.bootstrapServers());
        if (!clients.passThrough().isEmpty()) {
            kafka.getConfiguration().setAdditionalProperties(new java.util.HashMap<>(clients.passThrough()));
        }
        // Dynamic ports create endpoints from messages: Camel keeps at most this many, least recently used out.
        context.getGlobalOptions().put(org.apache.camel.Exchange.MAXIMUM_ENDPOINT_CACHE_SIZE,
                Integer.toString(MAX_ENDPOINTS));
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
