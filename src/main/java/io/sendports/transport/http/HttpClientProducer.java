package io.sendports.transport.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultAsyncProducer;
import org.apache.camel.support.DefaultHeaderFilterStrategy;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * Sends each exchange as one HTTP request without holding the calling thread: the request is written and its answer
 * read on a Vert.x event loop, and the exchange is completed on the component's pool ({@link HttpClientComponent}),
 * except the success of a one-way request, which completes on the event loop.
 */
final class HttpClientProducer extends DefaultAsyncProducer {
    /**
     * Headers a message cannot set on a request: those the client owns (length, host, connection and the other
     * hop-by-hop ones), the content type (from {@code Content-Type} as Camel's message holds it), and Camel's own;
     * the same that Camel's http component left out.
     */
    private static final DefaultHeaderFilterStrategy FILTER = new DefaultHeaderFilterStrategy();

    static {
        FILTER.setLowerCase(true);
        FILTER.setOutFilter(Set.of("content-length", "content-type", "host", "cache-control", "connection", "date",
                "pragma", "trailer", "transfer-encoding", "upgrade", "via", "warning", "keep-alive", "te",
                "proxy-connection", "expect"));
        FILTER.setOutFilterStartsWith(DefaultHeaderFilterStrategy.CAMEL_FILTER_STARTS_WITH);
    }

    /** How much longer than twice its timeout a request may take before it is failed regardless. */
    static final long WATCHDOG_MARGIN_MILLIS = 5_000;

    private final HttpClientEndpoint endpoint;

    HttpClientProducer(HttpClientEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    /** The answer as read: status, reason, content type, body. */
    private record Answer(int status, String reason, String contentType, String location, Buffer body) {
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        String uri;
        RequestOptions options;
        Buffer payload;
        try {
            Message in = exchange.getMessage();
            uri = target(in);
            options = new RequestOptions().setMethod(method(in)).setAbsoluteURI(uri)
                    .setConnectTimeout(endpoint.timeout()).setTimeout(endpoint.timeout()).setFollowRedirects(false)
                    .setHeaders(headers(exchange, in));
            byte[] body = in.getBody(byte[].class);
            payload = body == null ? Buffer.buffer() : Buffer.buffer(body);
        } catch (RuntimeException e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        Completion completion = new Completion(exchange, uri, callback);
        // Every step on the calling thread's own Vert.x context, in order: started from this thread instead, a step
        // could be attached after the answer had ended, and its body never came (HttpClientComponentTest).
        Context context = endpoint.getComponent().vertx().getOrCreateContext();
        context.runOnContext(start -> {
            long limit = WATCHDOG_MARGIN_MILLIS + 2 * endpoint.timeout();
            long watchdog = endpoint.getComponent().vertx().setTimer(limit, fired -> completion.finish(
                    Future.failedFuture(new TimeoutException("no answer from " + uri + " within " + limit + " ms"))));
            Future<Answer> answer;
            try {
                HttpClient client = endpoint.client();
                answer = client.request(options)
                        .compose(request -> request.send(payload))
                        .compose(response -> response.body().map(read -> new Answer(response.statusCode(),
                                response.statusMessage(), response.getHeader(HttpHeaders.CONTENT_TYPE),
                                response.getHeader(HttpHeaders.LOCATION), read)));
            } catch (RuntimeException refused) {
                // the endpoint stopped, or the client refused the request outright: the attempt failed
                answer = Future.failedFuture(refused);
            }
            answer.onComplete(result -> {
                endpoint.getComponent().vertx().cancelTimer(watchdog);
                completion.finish(result);
            });
        });
        return false;
    }

    /**
     * Completes the exchange once: by the answer, or by the watchdog should the client's own timeouts ever fail to
     * end the request. Off the event loop, on the component's pool, unless it is a one-way request's success.
     */
    private final class Completion {
        private final Exchange exchange;
        private final String uri;
        private final AsyncCallback callback;
        private final AtomicBoolean finished = new AtomicBoolean();

        Completion(Exchange exchange, String uri, AsyncCallback callback) {
            this.exchange = exchange;
            this.uri = uri;
            this.callback = callback;
        }

        void finish(AsyncResult<Answer> result) {
            if (!finished.compareAndSet(false, true)) {
                return;
            }
            if (!endpoint.responses() && result.succeeded() && successful(result.result().status())) {
                // A one-way request that succeeded: what follows only counts it (PortPipeline.delivered) and hands
                // it back to its consumer's queue, so it runs here, without a hop to the pool.
                complete(exchange, uri, result, callback);
                return;
            }
            try {
                endpoint.getComponent().completions().execute(() -> complete(exchange, uri, result, callback));
            } catch (RejectedExecutionException | NullPointerException stopped) {
                // the component is stopping: finish here rather than never
                complete(exchange, uri, result, callback);
            }
        }
    }

    private void complete(Exchange exchange, String uri, AsyncResult<Answer> result, AsyncCallback callback) {
        try {
            if (result.failed()) {
                Throwable error = result.cause();
                exchange.setException(error instanceof Exception e ? e : new IllegalStateException(error));
                return;
            }
            Answer answer = result.result();
            if (!successful(answer.status())) {
                exchange.setException(new HttpStatusFailure(uri, answer.status(), answer.reason(), answer.location(),
                        answer.body().toString(StandardCharsets.UTF_8)));
                return;
            }
            if (endpoint.responses()) {
                Message out = exchange.getMessage();
                out.getHeaders().clear();
                out.setHeader(Exchange.HTTP_RESPONSE_CODE, answer.status());
                out.setHeader(Exchange.HTTP_RESPONSE_TEXT, answer.reason());
                if (answer.contentType() != null) {
                    out.setHeader(Exchange.CONTENT_TYPE, answer.contentType());
                }
                out.setBody(answer.body().getBytes());
            }
        } finally {
            callback.done(false);
        }
    }

    private static boolean successful(int status) {
        return status >= 200 && status <= 299;
    }

    /** The message's address ({@code CamelHttpUri}, else the endpoint's) with its query ({@code CamelHttpQuery}). */
    private String target(Message in) {
        String uri = in.getHeader(Exchange.HTTP_URI, String.class);
        String query = in.getHeader(Exchange.HTTP_QUERY, String.class);
        String base = uri == null ? endpoint.address() : uri;
        return query == null || query.isEmpty() ? base : base + "?" + query;
    }

    private static HttpMethod method(Message in) {
        Object method = in.getHeader(Exchange.HTTP_METHOD);
        if (method instanceof HttpMethod vertx) {
            return vertx;
        }
        return method == null ? HttpMethod.POST : HttpMethod.valueOf(method.toString());
    }

    private static MultiMap headers(Exchange exchange, Message in) {
        MultiMap headers = HttpHeaders.headers();
        for (Map.Entry<String, Object> header : in.getHeaders().entrySet()) {
            Object value = header.getValue();
            if (value != null && !FILTER.applyFilterToCamelHeaders(header.getKey(), value, exchange)) {
                headers.add(header.getKey(), value.toString());
            }
        }
        String contentType = in.getHeader(Exchange.CONTENT_TYPE, String.class);
        if (contentType != null) {
            headers.set(HttpHeaders.CONTENT_TYPE, contentType);
        }
        return headers;
    }
}
