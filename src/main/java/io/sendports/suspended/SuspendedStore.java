package io.sendports.suspended;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.sendports.domain.Names;
import io.sendports.SendportsConfig;
import io.sendports.broker.CompactedLog;
import io.sendports.broker.KafkaClients;
import io.sendports.broker.ShutdownOrder;
import io.sendports.broker.TopicSetup;
import io.sendports.camel.DeliveryMetrics;
import io.sendports.message.InboundMessage;
import io.sendports.message.SendportsHeaders;
import io.sendports.delivery.Suspensions;

/**
 * Suspended messages on the compacted topic {@code sendports.suspended}, keyed by message id: the original
 * value and headers plus Sendports' bookkeeping headers (API.md). Every instance reads the topic into an
 * index; bodies stay in Kafka. Suspending a redelivered message again overwrites the same key, so a
 * message is suspended at most once however often it was redelivered.
 */
@ApplicationScoped
public class SuspendedStore implements Suspensions {
    private static final Logger LOG = Logger.getLogger(SuspendedStore.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final KafkaClients clients;
    private final TopicSetup topics;
    private final CompactedLog log;
    private final Clock clock;
    private final Map<String, SuspendedMessage> index = new ConcurrentHashMap<>();

    public SuspendedStore(KafkaClients clients, TopicSetup topics, SendportsConfig config, Clock clock,
            DeliveryMetrics metrics) {
        this.clients = clients;
        this.clock = clock;
        this.topics = topics;
        this.log = new CompactedLog(clients, config.topics().suspended());
        metrics.countSuspended(index::size);
    }

    void start(@Observes StartupEvent event) {
        log.start(new CompactedLog.Listener() {
            @Override
            public void onRecord(ConsumerRecord<byte[], byte[]> record) {
                apply(record);
            }

            @Override
            public void onCaughtUp() {
                LOG.infof("%d suspended messages", index.size());
            }
        }, topics::ensureTopics);
    }

    public boolean ready() {
        return log.caughtUp();
    }

    /** Writes a message to the suspended topic and waits until it is listed. */
    @Override
    public void suspend(InboundMessage message, String port, String error, int attempts) {
        List<Header> headers = new ArrayList<>(message.headers());
        headers.add(header(SendportsHeaders.PORT, port));
        headers.add(header(SendportsHeaders.ERROR, error == null ? "unknown error" : error));
        headers.add(header(SendportsHeaders.ATTEMPTS, Integer.toString(attempts)));
        headers.add(header(SendportsHeaders.SOURCE, message.source()));
        headers.add(header(SendportsHeaders.SUSPENDED_AT, clock.instant().toString()));
        headers.add(header(SendportsHeaders.TIMESTAMP, Long.toString(message.timestamp())));
        if (message.key() != null) {
            headers.add(new RecordHeader(SendportsHeaders.ORIGINAL_KEY, message.key()));
        }
        String id = message.messageId();
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(log.topic(), null,
                id.getBytes(StandardCharsets.UTF_8), message.value() == null ? new byte[0] : message.value(), headers);
        try {
            log.append(record, TIMEOUT);
        } catch (TimeoutException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Discards a suspended message (a tombstone). */
    public void terminate(String id) {
        SuspendedMessage message = index.get(id);
        if (message == null) {
            return;
        }
        try {
            log.append(new ProducerRecord<>(log.topic(), message.partition(), id.getBytes(StandardCharsets.UTF_8), null),
                    TIMEOUT);
        } catch (TimeoutException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    public Optional<SuspendedMessage> find(String id) {
        return Optional.ofNullable(index.get(id));
    }

    /** Suspended messages, oldest first; all ports when {@code port} is null. */
    public List<SuspendedMessage> list(String port) {
        return index.values().stream()
                .filter(m -> port == null || m.port().equalsIgnoreCase(port))
                .sorted(Comparator.comparing(SuspendedMessage::suspendedAt).thenComparing(SuspendedMessage::id))
                .toList();
    }

    /** How many messages of a port are suspended. */
    public long count(String port) {
        return index.values().stream().filter(m -> m.port().equalsIgnoreCase(port)).count();
    }

    /** How many messages of each port are suspended, by {@link Names#key} of the port: one pass for a list. */
    public Map<String, Long> counts() {
        Map<String, Long> counts = new java.util.HashMap<>();
        for (SuspendedMessage message : index.values()) {
            counts.merge(Names.key(message.port()), 1L, Long::sum);
        }
        return counts;
    }

    /** The stored record of a suspended message: its body and every header. */
    public Optional<ConsumerRecord<byte[], byte[]>> fetch(SuspendedMessage message) {
        Map<String, Object> properties = clients.common();
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        TopicPartition partition = new TopicPartition(log.topic(), message.partition());
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seek(partition, message.offset());
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() == message.offset()) {
                        return Optional.of(record);
                    }
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private void apply(ConsumerRecord<byte[], byte[]> record) {
        if (record.key() == null) {
            return;
        }
        String id = new String(record.key(), StandardCharsets.UTF_8);
        if (record.value() == null) {
            index.remove(id);
            return;
        }
        Headers headers = record.headers();
        String port = text(headers, SendportsHeaders.PORT);
        if (port == null) {
            LOG.warnf("Skipped suspended record %s: it names no port", id);
            return;
        }
        int attempts = parseInt(text(headers, SendportsHeaders.ATTEMPTS));
        Instant at = parseInstant(text(headers, SendportsHeaders.SUSPENDED_AT), Instant.ofEpochMilli(record.timestamp()));
        index.put(id, new SuspendedMessage(id, port, text(headers, SendportsHeaders.ERROR), attempts, at,
                text(headers, SendportsHeaders.SOURCE), record.partition(), record.offset()));
    }

    private static int parseInt(String text) {
        try {
            return text == null ? 0 : Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Instant parseInstant(String text, Instant fallback) {
        try {
            return text == null ? fallback : Instant.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            return fallback;
        }
    }

    static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Header header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** The service stops: after the ports, which may still write here, and before the broker (ShutdownOrder). */
    void stopping(@Observes @Priority(ShutdownOrder.READERS) ShutdownEvent event) {
        log.stop();
    }

    @PreDestroy
    void stop() {
        log.stop();
    }
}
