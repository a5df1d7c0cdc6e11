package io.sendports.bench.baseline;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What the HTTP baselines share: the JDK's asynchronous HTTP client over HTTP/1.1 with keep-alive, as Camel's
 * HTTP producer talks, and a window of at most {@code inFlight} deliveries outstanding. A delivery takes a slot
 * when its request is sent and gives it back ({@link #done}) when it is finished, which for a solicit-response
 * delivery is after its response was published. Each request carries the two headers a Sendports HTTP port
 * adds ({@code sendports.message-id}, {@code sendports.key}).
 */
final class HttpWindow {
    private final URI url;
    private final int inFlight;
    private final Semaphore slots;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(30))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    HttpWindow(URI url, int inFlight) {
        this.url = url;
        this.inFlight = inFlight;
        this.slots = new Semaphore(inFlight);
    }

    /**
     * Waits for a free slot, then POSTs the record's value. The stage completes with a 2xx response, or
     * exceptionally; either way the caller gives the slot back with {@link #done} once the delivery is over.
     */
    <T> CompletableFuture<HttpResponse<T>> post(ConsumerRecord<byte[], byte[]> record, HttpResponse.BodyHandler<T> body)
            throws InterruptedException {
        slots.acquire();
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(30))
                .header("sendports.message-id", messageId(record))
                .POST(HttpRequest.BodyPublishers.ofByteArray(record.value()));
        if (record.key() != null) {
            request.header("sendports.key", new String(record.key(), StandardCharsets.UTF_8));
        }
        return client.sendAsync(request.build(), body).thenApply(response -> {
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("HTTP " + response.statusCode());
            }
            return response;
        });
    }

    /** Ends a delivery and frees its slot; a non-null error fails the batch. */
    void done(Throwable error) {
        if (error != null) {
            failure.compareAndSet(null, error);
        }
        slots.release();
    }

    /** Returns once every delivery begun has ended; throws the first error among them. */
    void awaitIdle() throws Exception {
        slots.acquire(inFlight);
        slots.release(inFlight);
        Throwable error = failure.get();
        if (error != null) {
            throw new IllegalStateException("delivery failed: " + error, error);
        }
    }

    /** A stable id of a record, sent as {@code sendports.message-id}. */
    static String messageId(ConsumerRecord<?, ?> record) {
        return UUID.nameUUIDFromBytes(ConsumeLoop.source(record).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
