package io.sendports.camel;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.builder.RouteBuilder;

/**
 * The route template of a static one-way port, instantiated once per started port with the port's name
 * as route id. Parameters: {@code topics}, {@code consumerOptions} and {@code destination} (from
 * {@link Endpoints}). Its steps call the port's {@link PortPipeline} through {@link PortPipelines}.
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
        // A failed delivery is tried again a few times, then the exception makes the consumer seek back
        // to the record (breakOnFirstError): nothing is skipped and its offset is not committed.
        routeTemplate(ID)
                .templateParameter("topics")
                .templateParameter("consumerOptions")
                .templateParameter("destination")
                .from("kafka:{{topics}}?{{consumerOptions}}")
                    .onException(Exception.class)
                        .maximumRedeliveries(3).redeliveryDelay(500).useExponentialBackOff().backOffMultiplier(2)
                        .onRedelivery(pipelines::failedAttempt)
                        .handled(false)
                        .process(pipelines::failedAttempt)
                    .end()
                    .process(pipelines::accept)
                    .filter(exchangeProperty(PortPipeline.ACCEPTED))
                        .to("{{destination}}")
                        .process(pipelines::delivered)
                    .end();
    }
}
