package io.sendports.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

import io.sendports.SendportsConfig;
import io.sendports.broker.KafkaClients;
import io.sendports.message.InboundMessage;
import io.sendports.message.SendportsHeaders;

/**
 * Parks a failed message on the retry topic until its next attempt is due, so that the messages behind it
 * on its partition keep flowing. The write is acknowledged before the original offset may be committed.
 * A port's {@link RetryWorker} on this instance watches its parks: a worker that left the retry topic's group
 * for want of work joins it again.
 */
@ApplicationScoped
public class Parking {
    private final KafkaClients clients;
    private final String topic;
    private final Map<String, Runnable> watchers = new ConcurrentHashMap<>();

    public Parking(KafkaClients clients, SendportsConfig config) {
        this.clients = clients;
        this.topic = config.topics().retry();
    }

    public String topic() {
        return topic;
    }

    /** Calls {@code onParked} after each message of the port this instance parks, until {@link #unwatch}. */
    public void watch(String port, Runnable onParked) {
        watchers.put(port, onParked);
    }

    /** Stops calling {@code onParked} (when it is still the port's watcher). */
    public void unwatch(String port, Runnable onParked) {
        watchers.remove(port, onParked);
    }

    /** Writes the parked record, waits for the broker's acknowledgement, then tells the port's watcher. */
    public void park(String port, InboundMessage message, Phase phase, int phaseFailures, int attempts, Instant due,
            String error) {
        List<Header> headers = new ArrayList<>(message.headers());
        headers.add(header(SendportsHeaders.PORT, port));
        headers.add(header(SendportsHeaders.SOURCE, message.source()));
        headers.add(header(SendportsHeaders.TIMESTAMP, Long.toString(message.timestamp())));
        headers.add(header(SendportsHeaders.PHASE, phase.json()));
        headers.add(header(SendportsHeaders.PHASE_FAILURES, Integer.toString(phaseFailures)));
        headers.add(header(SendportsHeaders.ATTEMPTS, Integer.toString(attempts)));
        headers.add(header(SendportsHeaders.DUE, Long.toString(due.toEpochMilli())));
        headers.add(header(SendportsHeaders.ERROR, error));
        if (message.key() != null) {
            headers.add(new RecordHeader(SendportsHeaders.ORIGINAL_KEY, message.key()));
        }
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, null,
                message.messageId().getBytes(StandardCharsets.UTF_8), message.value(), headers);
        try {
            clients.producer().send(record).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while parking a message", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot park a message on " + topic + ": " + e, e);
        }
        Runnable watcher = watchers.get(port);
        if (watcher != null) {
            watcher.run();
        }
    }

    private static Header header(String name, String value) {
        return new RecordHeader(name, (value == null ? "" : value).getBytes(StandardCharsets.UTF_8));
    }
}
