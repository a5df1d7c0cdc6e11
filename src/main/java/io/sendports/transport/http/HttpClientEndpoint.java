package io.sendports.transport.http;

import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;

/**
 * One scheme, host and port (plus a static port's path): a Vert.x HTTP client with its own connection pool, made
 * when the endpoint starts and closed when it stops (with the last route that used it, DECISIONS.md (l)).
 */
final class HttpClientEndpoint extends DefaultEndpoint {
    private final String address;
    private final long timeout;
    private final boolean responses;
    private volatile HttpClient client;

    HttpClientEndpoint(String uri, HttpClientComponent component, String address, long timeout, boolean responses) {
        super(uri, component);
        this.address = address;
        this.timeout = timeout;
        this.responses = responses;
    }

    @Override
    public HttpClientComponent getComponent() {
        return (HttpClientComponent) super.getComponent();
    }

    /** The address requests go to when a message names none. */
    String address() {
        return address;
    }

    /** How long connecting, and then waiting for any data of the answer, may take. */
    long timeout() {
        return timeout;
    }

    /** Whether the answer's body, status and content type are kept as the exchange's message (solicit-response). */
    boolean responses() {
        return responses;
    }

    HttpClient client() {
        HttpClient current = client;
        if (current == null) {
            throw new IllegalStateException("endpoint " + getEndpointUri() + " is not started");
        }
        return current;
    }

    @Override
    public Producer createProducer() {
        return new HttpClientProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("the " + HttpClientComponent.SCHEME + " component only sends");
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        HttpClientOptions options = new HttpClientOptions()
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeout))
                .setKeepAlive(true)
                // the body is passed on as the destination sent it, as Camel's http component did
                .setTryUseCompression(false);
        client = getComponent().vertx().createHttpClient(options,
                new PoolOptions().setHttp1MaxSize(HttpClientComponent.CONNECTIONS));
    }

    @Override
    protected void doStop() throws Exception {
        HttpClient current = client;
        client = null;
        if (current != null) {
            current.close();
        }
        super.doStop();
    }
}
