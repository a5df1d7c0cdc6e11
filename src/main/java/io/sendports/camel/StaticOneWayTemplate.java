package io.sendports.camel;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.builder.RouteBuilder;

/**
 * The route template of a static one-way port, instantiated once per started port with the port's name
 * as route id. Parameters: {@code topics}, {@code consumerOptions} and {@code destination} (from
 * {@link Endpoints}). Its steps call the port's own {@link PortSteps} through {@link PortPipelines}.
 */
@ApplicationScoped
public class StaticOneWayTemplate extends RouteBuilder {
    public static final String ID = "static-one-way";

    private final PortPipelines pipelines;

    public StaticOneWayTemplate(PortPipelines pipelines) {
        this.pipelines = pipelines;
    }

    @Override
    public void configure() {
        // Consume the subscribed topics, keep what the filter takes, deliver it to the fixed endpoint.
        // A failed delivery goes to the port's failure steps (park for retry, backup, suspend); if they
        // throw, the consumer seeks back to the record (breakOnFirstError) and its offset is not committed.
        routeTemplate(ID)
                .templateParameter("topics")
                .templateParameter("consumerOptions")
                .templateParameter("destination")
                .from("kafka:{{topics}}?{{consumerOptions}}")
                    .process(pipelines::accept)
                    .filter(exchangeProperty(PortSteps.ACCEPTED))
                        .doTry()
                            .to("{{destination}}")
                            .process(pipelines::delivered)
                        .doCatch(Exception.class)
                            .process(pipelines::failed)
                        .end()
                    .end();
    }
}
