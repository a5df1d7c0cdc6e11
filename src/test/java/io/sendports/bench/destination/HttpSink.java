package io.sendports.bench.destination;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.sendports.bench.Records;
import io.sendports.bench.Scenarios;

/**
 * An HTTP receiver on the loopback interface (the JDK's HTTP server, keep-alive, a fixed pool of worker
 * threads) that answers {@code 200} to every request and notes which record each body holds and when it came.
 * A new one for each contender. By default the answer is empty; {@link #answering()} answers with a small body
 * that names the record (a solicit-response port publishes it), and {@link #timing(int)} keeps each record's
 * arrival time for latency figures.
 */
public final class HttpSink implements Destination {
    /** Handler threads per sender: as many as the requests a sender keeps in flight, so that none waits for one. */
    private static final int WORKERS = Scenarios.HTTP_IN_FLIGHT;

    static {
        // The JDK server writes an answer's headers and body in two segments. With Nagle's algorithm the body waits
        // for the client's delayed acknowledgement of the headers, about 40 ms per request. The setting is read
        // once, when the first server of this JVM is created.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService workers;
    private final SeqSet seen = new SeqSet();
    private final AtomicLong firstNanos = new AtomicLong();
    private final AtomicLong lastNanos = new AtomicLong();
    private final boolean answer;
    private final AtomicLongArray arrivalNanos;

    public HttpSink() throws IOException {
        this(false, 0, 1);
    }

    /** A receiver that answers each record with {@link #answer(long)}. */
    public static HttpSink answering() throws IOException {
        return new HttpSink(true, 0, 1);
    }

    /** A receiver that keeps the {@link System#nanoTime()} of the first arrival of each record {@code 0..records-1}. */
    public static HttpSink timing(int records) throws IOException {
        return new HttpSink(false, records, 1);
    }

    /**
     * A receiver for {@code senders} processes that deliver at once (instances of one service, each with its own
     * requests in flight): a worker thread for each request any of them has in flight. Every record is counted
     * once, whoever sent it.
     */
    public static HttpSink forSenders(int senders) throws IOException {
        return new HttpSink(false, 0, senders);
    }

    private HttpSink(boolean answer, int timedRecords, int senders) throws IOException {
        this.answer = answer;
        this.workers = Executors.newFixedThreadPool(WORKERS * senders);
        this.arrivalNanos = new AtomicLongArray(timedRecords);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
        server.createContext("/", this::receive);
        server.setExecutor(workers);
        server.start();
    }

    private void receive(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        long now = System.nanoTime();
        long seq = Records.seq(body, 0);
        if (seq >= 0 && seq < arrivalNanos.length()) {
            arrivalNanos.compareAndSet((int) seq, 0, now);
        }
        if (answer && seq >= 0) {
            byte[] reply = answer(seq);
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, reply.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply);
            }
        } else {
            exchange.sendResponseHeaders(200, -1);
        }
        exchange.close();
        firstNanos.compareAndSet(0, now);
        lastNanos.accumulateAndGet(now, Math::max);
        seen.add(seq);
    }

    /** What {@link #answering()} answers to record {@code seq}: its ten digits and {@code " ok"}. */
    public static byte[] answer(long seq) {
        return (new String(Records.key(seq), StandardCharsets.US_ASCII) + " ok").getBytes(StandardCharsets.US_ASCII);
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/in";
    }

    /** When record {@code seq} first arrived ({@link System#nanoTime()}), or 0: not yet, or not timed. */
    public long arrivalNanos(long seq) {
        return seq >= 0 && seq < arrivalNanos.length() ? arrivalNanos.get((int) seq) : 0;
    }

    @Override
    public long arrived() {
        return seen.distinct();
    }

    @Override
    public Duration pollInterval() {
        return Duration.ofMillis(1);
    }

    @Override
    public Optional<Duration> arrivalWindow(long from) {
        // only the first and the last arrival are kept: a later start is the observer's to time
        return from == 0 ? Optional.of(Duration.ofNanos(lastNanos.get() - firstNanos.get())) : Optional.empty();
    }

    @Override
    public Tally tally() {
        return seen.tally();
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
