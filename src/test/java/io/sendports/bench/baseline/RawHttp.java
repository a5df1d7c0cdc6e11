package io.sendports.bench.baseline;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Baseline of the HTTP one-way scenario: a consumer loop that POSTs each record's value with the JDK's
 * asynchronous HTTP client, at most {@code --in-flight} requests at a time, and commits a batch once all its
 * requests were answered 2xx. It sends the two headers a Sendports HTTP port adds ({@code sendports.message-id},
 * {@code sendports.key}) and uses HTTP/1.1 with keep-alive, as Camel's HTTP producer does.
 *
 * <p>Arguments: {@code --bootstrap --topic --group --url --in-flight}.
 */
public final class RawHttp {
    private RawHttp() {
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = ConsumeLoop.args(argv, "bootstrap", "topic", "group", "url", "in-flight");
        URI url = URI.create(args.get("url"));
        int inFlight = Integer.parseInt(args.get("in-flight"));
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(30))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        Semaphore permits = new Semaphore(inFlight);
        AtomicReference<String> failure = new AtomicReference<>();
        ConsumeLoop.run(args, batch -> {
            for (ConsumerRecord<byte[], byte[]> record : batch) {
                permits.acquire();
                HttpRequest.Builder request = HttpRequest.newBuilder(url)
                        .timeout(Duration.ofSeconds(30))
                        .header("sendports.message-id", UUID.nameUUIDFromBytes(
                                ConsumeLoop.source(record).getBytes(StandardCharsets.UTF_8)).toString())
                        .POST(HttpRequest.BodyPublishers.ofByteArray(record.value()));
                if (record.key() != null) {
                    request.header("sendports.key", new String(record.key(), StandardCharsets.UTF_8));
                }
                client.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error.toString());
                    } else if (response.statusCode() / 100 != 2) {
                        failure.compareAndSet(null, "HTTP " + response.statusCode());
                    }
                    permits.release();
                });
            }
            permits.acquire(inFlight);
            permits.release(inFlight);
            if (failure.get() != null) {
                throw new IllegalStateException("delivery failed: " + failure.get());
            }
        });
    }
}
