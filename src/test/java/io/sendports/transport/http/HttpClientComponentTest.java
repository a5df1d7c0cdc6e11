package io.sendports.transport.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.AsyncProducer;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.sendports.delivery.Failures;
import io.sendports.testsupport.HttpReceiver;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;

/** The http transport's own Camel component against a real HTTP server: what a request carries and what it yields. */
class HttpClientComponentTest {
    private final HttpReceiver receiver = new HttpReceiver();
    private final Vertx vertx = Vertx.vertx();
    private final DefaultCamelContext camel = new DefaultCamelContext();

    @BeforeEach
    void start() {
        camel.addComponent(HttpClientComponent.SCHEME, new HttpClientComponent(vertx));
        camel.start();
    }

    @AfterEach
    void stop() throws Exception {
        camel.stop();
        receiver.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private String endpoint(String path, long timeout, boolean responses) {
        return HttpClientComponent.uri(receiver.url(path), timeout, responses);
    }

    private Exchange send(String endpoint, Map<String, Object> headers, String body) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setHeaders(new java.util.HashMap<>(headers));
        exchange.getMessage().setBody(body == null ? null : body.getBytes(StandardCharsets.UTF_8));
        return camel.createProducerTemplate().send(endpoint, exchange);
    }

    @Test
    void aRequestCarriesTheMethodAddressQueryHeadersAndBodyAndNoneOfCamelsOrTheClientsHeaders() {
        Exchange done = send(endpoint("", 5_000, false), Map.of(Exchange.HTTP_METHOD, HttpMethod.PUT,
                Exchange.HTTP_URI, receiver.url("/orders/eu"), Exchange.HTTP_QUERY, "a=1&b=%20x",
                Exchange.CONTENT_TYPE, "application/xml", "region", "eu", "Host", "evil.example",
                "Content-Length", "1", "Connection", "close", "CamelFileName", "x.txt"), "<order/>");

        assertNull(done.getException());
        HttpReceiver.Request request = receiver.requests().get(0);
        assertEquals("PUT", request.method());
        assertEquals("/orders/eu", request.path());
        assertEquals("a=1&b=%20x", request.query());
        assertEquals("<order/>", request.body());
        assertEquals("application/xml", request.header("content-type"));
        assertEquals("eu", request.header("region"));
        assertEquals(receiver.url("").substring("http://".length()), request.header("host"));
        assertNull(request.header("camelfilename"));
        assertFalse("close".equals(request.header("connection")), request.headers().toString());
    }

    @Test
    void aStaticEndpointPostsToItsOwnAddressWhenTheMessageNamesNone() {
        assertNull(send(endpoint("/fixed/in", 5_000, false), Map.of(), "x").getException());
        assertEquals("POST", receiver.requests().get(0).method());
        assertEquals("/fixed/in", receiver.requests().get(0).path());
    }

    @Test
    void anAnswerOutside2xxFailsTheExchangeWithItsStatusAndBodyAndARedirectIsNotFollowed() {
        HttpTransport transport = new HttpTransport();
        receiver.reply(request -> request.path().equals("/moved")
                ? new HttpReceiver.Reply(302, "", null, Map.of("Location", receiver.url("/elsewhere")))
                : new HttpReceiver.Reply(503, "busy now", "text/plain"));

        Exception busy = send(endpoint("/busy", 5_000, false), Map.of(), "x").getException();
        HttpStatusFailure failure = assertInstanceOf(HttpStatusFailure.class, busy);
        assertEquals(503, failure.status());
        assertEquals("busy now", failure.body());
        assertEquals(Boolean.TRUE, transport.retryable(busy).orElseThrow());
        assertTrue(transport.describe(busy).orElseThrow().startsWith("HTTP 503"), transport.describe(busy).get());

        Exception moved = send(endpoint("/moved", 5_000, false), Map.of(), "x").getException();
        assertEquals(302, assertInstanceOf(HttpStatusFailure.class, moved).status());
        assertEquals(receiver.url("/elsewhere"), ((HttpStatusFailure) moved).location());
        assertEquals(List.of("/busy", "/moved"), receiver.attempts().stream().map(HttpReceiver.Request::path).toList());
    }

    @Test
    void aSolicitResponseEndpointKeepsTheAnswerAsTheMessageAndAOneWayEndpointDoesNot() {
        receiver.reply(request -> new HttpReceiver.Reply(201, "{\"ok\":true}", "application/json"));

        Exchange answered = send(endpoint("/quote", 5_000, true), Map.of("Authorization", "Basic x"), "q");
        assertNull(answered.getException());
        assertEquals(201, answered.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
        assertEquals("application/json", answered.getMessage().getHeader(Exchange.CONTENT_TYPE));
        assertArrayEquals("{\"ok\":true}".getBytes(StandardCharsets.UTF_8), answered.getMessage().getBody(byte[].class));
        assertNull(answered.getMessage().getHeader("Authorization"), "the request's headers are not the answer's");

        Exchange oneWay = send(endpoint("/quote", 5_000, false), Map.of(), "q");
        assertNull(oneWay.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
        assertArrayEquals("q".getBytes(StandardCharsets.UTF_8), oneWay.getMessage().getBody(byte[].class));
    }

    @Test
    void aDestinationThatAcceptsButNeverAnswersTimesOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            List<Socket> held = new CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (java.io.IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            long started = System.nanoTime();
            Exception error = send(HttpClientComponent.uri("http://127.0.0.1:" + silent.getLocalPort() + "/in", 300,
                    false), Map.of(), "x").getException();
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertInstanceOf(TimeoutException.class, error, String.valueOf(error));
            assertTrue(Failures.timedOut(error));
            assertTrue(millis >= 300 && millis < 10_000, millis + " ms");
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    /**
     * Each request's answer is read whole, whatever it holds and however soon it ends: in the solicit-response
     * benchmark a request whose answer ended before its body was asked for was never completed, not even by its
     * timeout, until every slot of the port was taken (2026-12-03).
     */
    @Test
    void everyOneOfManyConcurrentRequestsCompletesWhateverItsAnswer() throws Exception {
        receiver.reply(request -> Integer.parseInt(request.body()) % 3 == 0 ? new HttpReceiver.Reply(503, "busy", null)
                : new HttpReceiver.Reply(200, "answer " + request.body(), "text/plain"));
        AsyncProducer producer = camel.getEndpoint(endpoint("/many", 5_000, true)).createAsyncProducer();
        producer.start();
        int requests = 20_000;
        java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(64);
        CountDownLatch done = new CountDownLatch(requests);
        AtomicInteger failed = new AtomicInteger();
        java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(32);
        for (int i = 0; i < requests; i++) {
            assertTrue(inFlight.tryAcquire(10, TimeUnit.SECONDS), "a request in flight never completed: "
                    + done.getCount() + " left");
            Exchange exchange = new DefaultExchange(camel);
            exchange.getMessage().setBody(Integer.toString(i).getBytes(StandardCharsets.UTF_8));
            // from many threads, as a port's workers send
            callers.execute(() -> producer.process(exchange, doneSync -> {
                if (exchange.getException() != null) {
                    failed.incrementAndGet();
                }
                inFlight.release();
                done.countDown();
            }));
        }
        callers.shutdown();
        assertTrue(done.await(30, TimeUnit.SECONDS), done.getCount() + " never completed");
        assertEquals((requests + 2) / 3, failed.get());
        assertEquals(requests, receiver.attempts().size());
        producer.stop();
    }

    @Test
    void requestsDoNotHoldTheCallingThreadAndWhatFollowsAnAnswerRunsOffTheEventLoops() throws Exception {
        int requests = 8;
        CountDownLatch arrived = new CountDownLatch(requests);
        CountDownLatch release = new CountDownLatch(1);
        receiver.reply(request -> {
            arrived.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new HttpReceiver.Reply(200, null, null);
        });
        AsyncProducer producer = camel.getEndpoint(endpoint("/slow", 10_000, true)).createAsyncProducer();
        producer.start();
        List<String> threads = new CopyOnWriteArrayList<>();
        AtomicInteger returnedAtOnce = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(requests);
        for (int i = 0; i < requests; i++) {
            Exchange exchange = new DefaultExchange(camel);
            exchange.getMessage().setBody(new byte[] {(byte) i});
            boolean sync = producer.process(exchange, doneSync -> {
                threads.add(Thread.currentThread().getName());
                done.countDown();
            });
            if (!sync) {
                returnedAtOnce.incrementAndGet();
            }
        }
        // one thread started all of them, and all are at the server together
        assertTrue(arrived.await(10, TimeUnit.SECONDS), "requests at the server: " + (requests - arrived.getCount()));
        assertEquals(requests, returnedAtOnce.get());
        release.countDown();
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertTrue(threads.stream().allMatch(name -> name.contains("sendports-http-done")), threads.toString());
        producer.stop();
    }

    /**
     * A one-way request's success is only counted after it: it completes on the event loop. A failure goes on to the
     * failure steps, which may block: off the event loop.
     */
    @Test
    void aOneWaySuccessCompletesOnTheEventLoopAndAFailureOffIt() throws Exception {
        receiver.reply(request -> new HttpReceiver.Reply("fail".equals(request.body()) ? 500 : 200, null, null));
        AsyncProducer producer = camel.getEndpoint(endpoint("/one-way", 10_000, false)).createAsyncProducer();
        producer.start();
        Map<String, String> threads = new ConcurrentHashMap<>();
        CountDownLatch done = new CountDownLatch(2);
        for (String body : List.of("ok", "fail")) {
            Exchange exchange = new DefaultExchange(camel);
            exchange.getMessage().setBody(body.getBytes(StandardCharsets.UTF_8));
            producer.process(exchange, doneSync -> {
                threads.put(body, Thread.currentThread().getName());
                done.countDown();
            });
        }
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertTrue(threads.get("ok").contains("vert.x-eventloop"), threads.toString());
        assertTrue(threads.get("fail").contains("sendports-http-done"), threads.toString());
        producer.stop();
    }
}
