package io.sendports.camel;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteTemplateDefinition;
import org.apache.camel.model.TryDefinition;

/**
 * The route templates of ports, one per kind, instantiated once per started port with the port's name as
 * route id (parameter {@code input}, the direct endpoint the port's consumer sends its units to, from
 * {@link Endpoints#input}; a static port also {@code destination}). One-way and solicit-response ports share them: what differs, publishing the
 * response, is a step of the port's own {@link PortSteps}, which the templates reach through
 * {@link PortPipelines}.
 */
@ApplicationScoped
public class PortTemplates extends RouteBuilder {
    /** A static port: a fixed endpoint. */
    public static final String STATIC = "static-port";
    /** A dynamic port: each message names its destination, which must be on the port's allow-list. */
    public static final String DYNAMIC = "dynamic-port";
    /**
     * Producers kept for dynamic destinations per route; the least recently used is stopped beyond it.
     * Endpoints are few anyway: one per http host, file directory, and one for all Kafka topics.
     */
    public static final int PRODUCER_CACHE = 100;

    private final PortPipelines pipelines;

    public PortTemplates(PortPipelines pipelines) {
        this.pipelines = pipelines;
    }

    @Override
    public void configure() {
        // Deliver what the port's consumer took to the fixed endpoint.
        port(STATIC, false);
        // The same, but each message's destination is resolved from its headers and checked first.
        port(DYNAMIC, true);
    }

    /**
     * The port's consumer ({@code io.sendports.delivery.PortConsumer}) reads the subscription and sends each
     * delivery unit here. A failed send goes to the port's failure steps (park for retry, backup, suspend); if
     * they throw, the exchange fails and the consumer reads the unit again: its offset is not committed.
     */
    private void port(String id, boolean dynamic) {
        RouteTemplateDefinition template = routeTemplate(id)
                .templateParameter("input");
        if (!dynamic) {
            template.templateParameter("destination");
        }
        TryDefinition attempt = template.from("{{input}}")
                .doTry()
                    .process(pipelines::prepare);
        if (dynamic) {
            attempt.process(pipelines::route)
                    .recipientList(exchangeProperty(PortSteps.ENDPOINT)).delimiter("false").cacheSize(PRODUCER_CACHE)
                    .end();
        } else {
            attempt.to("{{destination}}");
        }
        attempt.process(pipelines.delivered())
                .doCatch(Exception.class)
                    .process(pipelines::failed)
                .end();
    }
}
