package io.sendports.camel;

import org.apache.camel.Exchange;

/** The per-port steps a route template calls; each started port has its own. */
public interface PortSteps {
    /** Exchange property: the endpoint URI a dynamic port's message goes to. */
    String ENDPOINT = "sendports.endpoint";

    /**
     * Sets up the outgoing message(s) of the exchange's delivery unit. It runs inside the route's try, so that a
     * failure to prepare (a secret reference that cannot be resolved) climbs the failure ladder like a failed
     * delivery instead of making the consumer read the unit again.
     */
    void prepare(Exchange exchange);

    /**
     * A dynamic port's step: resolves the message's destination, checks it against the allow-list, prepares
     * the outgoing message and sets {@link #ENDPOINT}; throws when the destination is refused.
     */
    void route(Exchange exchange);

    /** The destination took the message(s). */
    void delivered(Exchange exchange);

    /** The destination failed ({@code Exchange.EXCEPTION_CAUGHT}); throwing leaves the message uncommitted. */
    void failed(Exchange exchange);
}
