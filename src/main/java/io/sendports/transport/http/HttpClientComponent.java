package io.sendports.transport.http;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;

import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

import io.vertx.core.Vertx;

/**
 * The http transport's Camel component, {@code sendports-http:<scheme>://<authority>[<path>]?timeout=<ms>&responses=
 * <bool>}: a non-blocking HTTP/1.1 client on the Vert.x instance the service already runs (its event loops do the
 * I/O), one connection pool per endpoint. It replaces Camel's http component, whose producer held a thread for the
 * whole of each request (DECISIONS.md (hh)).
 *
 * <p>What it does for each message ({@link HttpClientProducer}): the method ({@code CamelHttpMethod}, a Vert.x
 * {@code HttpMethod}), the full address ({@code CamelHttpUri}, with {@code CamelHttpQuery}) and the headers the
 * {@link HttpPreparer} set, less the hop-by-hop and Camel ones; 2xx is success, anything else fails the exchange with
 * {@link HttpStatusFailure}. It never follows a redirect, never re-sends a request by itself and keeps no cookies,
 * so that one request is one attempt (DECISIONS.md (k)). What follows a response (the rest of the port's route:
 * the response's publication, the failure steps, which may block) runs on a thread of the component's pool, never on
 * an event loop; except after the success of a one-way request ({@code responses=false}), which the route only
 * counts: its exchange completes on the event loop, so that a route calling this for one-way deliveries must not
 * block after it.
 */
public final class HttpClientComponent extends DefaultComponent {
    public static final String SCHEME = "sendports-http";
    /** Connections one endpoint (one scheme, host and port) keeps open at most; requests beyond them wait. */
    static final int CONNECTIONS = 200;

    private final Vertx vertx;
    private ExecutorService completions;

    public HttpClientComponent(Vertx vertx) {
        this.vertx = vertx;
    }

    /** The endpoint URI of an address ({@code scheme://authority[path]}), its timeout, and whether answers are kept. */
    static String uri(String address, long timeoutMillis, boolean responses) {
        return SCHEME + ":" + address + "?timeout=" + timeoutMillis + "&responses=" + responses;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        long timeout = getAndRemoveParameter(parameters, "timeout", Long.class, 30_000L);
        boolean responses = getAndRemoveParameter(parameters, "responses", Boolean.class, false);
        String scheme = remaining.toLowerCase(Locale.ROOT);
        if (!(scheme.startsWith("http://") || scheme.startsWith("https://")) || !parameters.isEmpty()) {
            throw new IllegalArgumentException("not an endpoint written by HttpClientComponent.uri: " + uri);
        }
        return new HttpClientEndpoint(uri, this, remaining, timeout, responses);
    }

    Vertx vertx() {
        return vertx;
    }

    /** Where the route goes on after a response. */
    ExecutorService completions() {
        return completions;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        completions = getCamelContext().getExecutorServiceManager().newCachedThreadPool(this, "sendports-http-done");
    }

    @Override
    protected void doStop() throws Exception {
        if (completions != null) {
            getCamelContext().getExecutorServiceManager().shutdown(completions);
            completions = null;
        }
        super.doStop();
    }
}
