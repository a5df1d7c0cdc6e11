package io.sendports.camel;

import org.apache.camel.AsyncCallback;
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

    /**
     * The destination took the message(s): counts them, after publishing a solicit-response port's response
     * (a failure to publish is set on the exchange as its exception). As Camel's {@link
     * org.apache.camel.AsyncProcessor}: returns whether it finished on this thread, and calls {@code callback}
     * either way, once.
     */
    boolean delivered(Exchange exchange, AsyncCallback callback);

    /** The destination failed ({@code Exchange.EXCEPTION_CAUGHT}); throwing leaves the message uncommitted. */
    void failed(Exchange exchange);
}
