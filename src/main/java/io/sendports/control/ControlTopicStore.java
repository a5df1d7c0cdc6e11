package io.sendports.control;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import io.quarkus.runtime.ShutdownEvent;
import io.sendports.SendportsConfig;
import io.sendports.broker.CompactedLog;
import io.sendports.broker.KafkaClients;
import io.sendports.broker.ShutdownOrder;
import io.sendports.broker.TopicSetup;
import io.sendports.broker.UnusableTopicException;

/**
 * The control topic as a log of management events: one compacted partition, a key per entity, tombstones
 * for deletes. Its reader applies every record to a {@link ControlRecordListener} from the beginning;
 * {@link #append} returns only once that reader has applied the appended record (read-your-writes).
 */
@ApplicationScoped
public class ControlTopicStore {
    /**
     * Header of a tombstone written only so that compaction drops a key whose {@code port.deleted} event has
     * been applied; readers ignore such a tombstone (see {@link ControlRecordListener#onCompactionTombstone}).
     */
    public static final String COMPACTION_ONLY = "sendports.compaction-only";
    private final CompactedLog log;
    private final TopicSetup topics;

    public ControlTopicStore(KafkaClients clients, TopicSetup topics, SendportsConfig config) {
        this.log = new CompactedLog(clients, config.topics().control(), true);
        this.topics = topics;
    }

    /**
     * Creates missing topics, then reads the control topic on a thread of its own; returns at once.
     *
     * @param unusable told when the control topic cannot be used (more than one partition)
     */
    public void start(ControlRecordListener listener, java.util.function.Consumer<UnusableTopicException> unusable) {
        log.start(new CompactedLog.Listener() {
            @Override
            public void onRecord(ConsumerRecord<byte[], byte[]> record) {
                String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
                if (record.value() == null && key != null && record.headers().lastHeader(COMPACTION_ONLY) != null) {
                    listener.onCompactionTombstone(key, record.offset());
                    return;
                }
                listener.onRecord(key, record.value(), record.offset(), record.timestamp());
            }

            @Override
            public void onCaughtUp() {
                listener.onCaughtUp();
            }

            @Override
            public void onUnusable(UnusableTopicException e) {
                unusable.accept(e);
            }
        }, topics::ensureTopics);
    }

    public boolean caughtUp() {
        return log.caughtUp();
    }

    /**
     * Writes a record and waits until the reader has applied it.
     *
     * @param value null writes a tombstone
     * @return the record's offset
     * @throws io.sendports.domain.InvalidDefinitionException when the record is larger than the topic takes
     */
    public long append(String key, byte[] value, Duration timeout) throws TimeoutException {
        if (!log.caughtUp()) {
            throw new NotReadyException("the control topic is not read yet; try again shortly");
        }
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        ControlRecordLimit.check(log.topic(), keyBytes, value, topics.controlMaxMessageBytes());
        return log.append(new ProducerRecord<>(log.topic(), keyBytes, value), timeout).offset();
    }

    /** One record to write: its key and value. */
    public record Entry(String key, byte[] value) {
    }

    /**
     * Writes records as one batch (all sent before any is waited for) and waits until the reader has read them all;
     * their offsets, in order. Each is checked against the topic's record limit before anything is sent.
     */
    public List<Long> appendAll(List<Entry> entries, Duration timeout) throws TimeoutException {
        if (entries.isEmpty()) {
            return List.of();
        }
        if (!log.caughtUp()) {
            throw new NotReadyException("the control topic is not read yet; try again shortly");
        }
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (Entry entry : entries) {
            byte[] keyBytes = entry.key().getBytes(StandardCharsets.UTF_8);
            ControlRecordLimit.check(log.topic(), keyBytes, entry.value(), topics.controlMaxMessageBytes());
            records.add(new ProducerRecord<>(log.topic(), keyBytes, entry.value()));
        }
        return log.appendAll(records, timeout).stream().map(RecordMetadata::offset).toList();
    }

    /** Writes a {@link #COMPACTION_ONLY} tombstone and waits until the reader has seen it. */
    public long appendCompactionTombstone(String key, Duration timeout) throws TimeoutException {
        ProducerRecord<byte[], byte[]> tombstone =
                new ProducerRecord<>(log.topic(), key.getBytes(StandardCharsets.UTF_8), null);
        tombstone.headers().add(COMPACTION_ONLY, "true".getBytes(StandardCharsets.UTF_8));
        return log.append(tombstone, timeout).offset();
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
