package io.sendports.bench.baseline;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Baseline of the HTTP one-way scenario: a consumer loop that POSTs each record's value with the JDK's
 * asynchronous HTTP client, at most {@code --in-flight} requests at a time ({@link HttpWindow}), and commits a
 * batch once all its requests were answered 2xx.
 *
 * <p>Arguments: {@code --bootstrap --topic --group --url --in-flight}.
 */
public final class RawHttp {
    private RawHttp() {
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = ConsumeLoop.args(argv, "bootstrap", "topic", "group", "url", "in-flight");
        HttpWindow http = new HttpWindow(URI.create(args.get("url")), Integer.parseInt(args.get("in-flight")));
        ConsumeLoop.run(args, batch -> {
            for (ConsumerRecord<byte[], byte[]> record : batch) {
                http.post(record, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> http.done(error));
            }
            http.awaitIdle();
        });
    }
}
