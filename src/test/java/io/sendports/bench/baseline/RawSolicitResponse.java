package io.sendports.bench.baseline;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * Baseline of the solicit-response scenario: a consumer loop that POSTs each record's value with the JDK's
 * asynchronous HTTP client and publishes each answer to the response topic with a producer of Sendports'
 * settings, keyed like the request and with the headers a Sendports response carries ({@code sendports.port},
 * {@code sendports.correlation-id}, {@code sendports.source}, {@code sendports.status}, {@code content-type}).
 * A delivery holds one of {@code --in-flight} slots from its request until its response is acknowledged, as a
 * Sendports delivery counts as done only then; a batch is committed once all its responses were acknowledged.
 *
 * <p>Arguments: {@code --bootstrap --topic --group --url --in-flight --responses}.
 */
public final class RawSolicitResponse {
    private RawSolicitResponse() {
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = ConsumeLoop.args(argv, "bootstrap", "topic", "group", "url", "in-flight", "responses");
        String responses = args.get("responses");
        String port = args.get("group");
        HttpWindow http = new HttpWindow(URI.create(args.get("url")), Integer.parseInt(args.get("in-flight")));
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                CamelKafkaTuning.producer(args.get("bootstrap"), "baseline-producer-" + port));
        ConsumeLoop.run(args, batch -> {
            for (ConsumerRecord<byte[], byte[]> request : batch) {
                http.post(request, HttpResponse.BodyHandlers.ofByteArray()).whenComplete((response, error) -> {
                    if (error != null) {
                        http.done(error);
                        return;
                    }
                    try {
                        producer.send(response(responses, port, request, response), (metadata, failed) -> http.done(failed));
                    } catch (RuntimeException e) {
                        http.done(e);
                    }
                });
            }
            http.awaitIdle();
        });
        producer.close();
    }

    private static ProducerRecord<byte[], byte[]> response(String topic, String port, ConsumerRecord<byte[], byte[]> request,
            HttpResponse<byte[]> response) {
        List<Header> headers = new ArrayList<>();
        headers.add(header("sendports.port", port));
        headers.add(header("sendports.correlation-id", HttpWindow.messageId(request)));
        headers.add(header("sendports.source", ConsumeLoop.source(request)));
        headers.add(header("sendports.status", String.valueOf(response.statusCode())));
        response.headers().firstValue("content-type").ifPresent(type -> headers.add(header("content-type", type)));
        return new ProducerRecord<>(topic, null, request.key(), response.body(), headers);
    }

    private static Header header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
