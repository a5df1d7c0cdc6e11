package io.sendports.bench.destination;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpServer;

import io.sendports.bench.Records;

/**
 * An HTTP receiver on the loopback interface (the JDK's HTTP server, keep-alive, a fixed pool of worker
 * threads) that answers {@code 200} with an empty body to every request and notes which record each body
 * holds and when it came. A new one for each contender.
 */
public final class HttpSink implements Destination {
    private static final int WORKERS = 4;

    private final HttpServer server;
    private final ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
    private final SeqSet seen = new SeqSet();
    private final AtomicLong firstNanos = new AtomicLong();
    private final AtomicLong lastNanos = new AtomicLong();

    static {
        // Without TCP_NODELAY the JDK's server waits out delayed ACKs: about 40 ms per response on loopback.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    public HttpSink() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
        server.createContext("/", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
            long now = System.nanoTime();
            firstNanos.compareAndSet(0, now);
            lastNanos.accumulateAndGet(now, Math::max);
            seen.add(Records.seq(body, 0));
        });
        server.setExecutor(workers);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/in";
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
    public Optional<Duration> arrivalWindow() {
        return Optional.of(Duration.ofNanos(lastNanos.get() - firstNanos.get()));
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
