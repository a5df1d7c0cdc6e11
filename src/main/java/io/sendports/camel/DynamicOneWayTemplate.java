package io.sendports.camel;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.builder.RouteBuilder;

/**
 * The route template of a dynamic one-way port: each message names its destination
 * ({@code sendports.address}, {@code sendports.transport}), which must be on the port's allow-list.
 * Parameters: {@code topics}, {@code consumerOptions}.
 */
@ApplicationScoped
public class DynamicOneWayTemplate extends RouteBuilder {
    public static final String ID = "dynamic-one-way";
    /**
     * Producers kept for dynamic destinations per route; the least recently used is stopped beyond it.
     * Endpoints are few anyway: one per http host, file directory, and one for all Kafka topics.
     */
    public static final int PRODUCER_CACHE = 100;

    private final PortPipelines pipelines;

    public DynamicOneWayTemplate(PortPipelines pipelines) {
        this.pipelines = pipelines;
    }

    @Override
    public void configure() {
        // Consume the subscribed topics, keep what the filter takes, resolve each message's destination,
        // refuse it unless the allow-list allows it, and deliver through the endpoint it resolved to.
        routeTemplate(ID)
                .templateParameter("topics")
                .templateParameter("consumerOptions")
                .from("kafka:{{topics}}?{{consumerOptions}}")
                    .process(pipelines::accept)
                    .filter(exchangeProperty(PortSteps.ACCEPTED))
                        .doTry()
                            .process(pipelines::route)
                            .recipientList(exchangeProperty(PortSteps.ENDPOINT)).delimiter("false")
                                .cacheSize(PRODUCER_CACHE)
                            .end()
                            .process(pipelines::delivered)
                        .doCatch(Exception.class)
                            .process(pipelines::failed)
                        .end()
                    .end();
    }
}
