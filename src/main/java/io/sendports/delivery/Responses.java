package io.sendports.delivery;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

import io.sendports.broker.KafkaClients;
import io.sendports.message.InboundMessage;
import io.sendports.message.SendportsHeaders;
import io.sendports.domain.SendPort;

/**
 * Publishes the response of a solicit-response port back to Kafka, as BizTalk publishes it to the
 * MessageBox: to the port's response topic, keyed like the request, with {@code sendports.port},
 * {@code sendports.correlation-id} (the request's, or its message id), {@code sendports.source},
 * {@code sendports.status} and the response's content type. The write is acknowledged before the request
 * counts as delivered; when it fails the request is not committed and will be sent again.
 */
@ApplicationScoped
public class Responses {
    private final KafkaClients clients;

    public Responses(KafkaClients clients) {
        this.clients = clients;
    }

    /** The correlation id of a request: the one it carries, or its message id (stable across redeliveries). */
    public static String correlationId(InboundMessage request) {
        String carried = request.header(SendportsHeaders.CORRELATION_ID);
        return carried == null || carried.isBlank() ? request.messageId() : carried;
    }

    /** Publishes the response and waits for Kafka's acknowledgement; throws {@link ResponseNotPublished}. */
    public void publish(SendPort port, InboundMessage request, Message response) {
        try {
            clients.producer().send(record(port, request, response)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ResponseNotPublished(port, e);
        } catch (ExecutionException e) {
            throw new ResponseNotPublished(port, e.getCause());
        } catch (TimeoutException | KafkaException e) {
            throw new ResponseNotPublished(port, e);
        }
    }

    /**
     * Publishes the response without waiting: {@code done} gets null once Kafka acknowledged it, or the
     * {@link ResponseNotPublished}. It is called on the producer's I/O thread (or on this one when the producer
     * refuses the record outright), exactly once; a write Kafka never acknowledges fails after the producer's
     * {@code delivery.timeout.ms}.
     */
    public void publish(SendPort port, InboundMessage request, Message response,
            Consumer<ResponseNotPublished> done) {
        ProducerRecord<byte[], byte[]> record = record(port, request, response);
        try {
            clients.producer().send(record,
                    (metadata, error) -> done.accept(error == null ? null : new ResponseNotPublished(port, error)));
        } catch (KafkaException e) {
            // refused before it was queued (the producer is closed, or its buffer stayed full for max.block.ms)
            done.accept(new ResponseNotPublished(port, e));
        }
    }

    private static ProducerRecord<byte[], byte[]> record(SendPort port, InboundMessage request, Message response) {
        List<Header> headers = new ArrayList<>();
        headers.add(header(SendportsHeaders.PORT, port.name()));
        headers.add(header(SendportsHeaders.CORRELATION_ID, correlationId(request)));
        headers.add(header(SendportsHeaders.SOURCE, request.source()));
        Integer status = response.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        if (status != null) {
            headers.add(header(SendportsHeaders.STATUS, status.toString()));
        }
        String contentType = response.getHeader(Exchange.CONTENT_TYPE, String.class);
        if (contentType != null) {
            headers.add(header("content-type", contentType));
        }
        byte[] body = response.getBody(byte[].class);
        return new ProducerRecord<>(port.responseTopic(), null, request.key(), body == null ? new byte[0] : body,
                headers);
    }

    private static Header header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** The response could not be written: the request must not be committed. */
    public static class ResponseNotPublished extends RuntimeException {
        ResponseNotPublished(SendPort port, Throwable cause) {
            super("cannot publish the response of port " + port.name() + " to " + port.responseTopic() + ": " + cause,
                    cause);
        }
    }
}
