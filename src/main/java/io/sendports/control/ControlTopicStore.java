package io.sendports.control;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

import io.sendports.SendportsConfig;
import io.sendports.broker.CompactedLog;
import io.sendports.broker.KafkaClients;
import io.sendports.broker.TopicSetup;

/**
 * The control topic as a log of management events: one compacted partition, a key per entity, tombstones
 * for deletes. Its reader applies every record to a {@link ControlRecordListener} from the beginning;
 * {@link #append} returns only once that reader has applied the appended record (read-your-writes).
 */
@ApplicationScoped
public class ControlTopicStore {
    private final CompactedLog log;
    private final TopicSetup topics;

    public ControlTopicStore(KafkaClients clients, TopicSetup topics, SendportsConfig config) {
        this.log = new CompactedLog(clients, config.topics().control());
        this.topics = topics;
    }

    /** Creates missing topics, then reads the control topic on a thread of its own; returns at once. */
    public void start(ControlRecordListener listener) {
        log.start(new CompactedLog.Listener() {
            @Override
            public void onRecord(ConsumerRecord<byte[], byte[]> record) {
                String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
                listener.onRecord(key, record.value(), record.offset(), record.timestamp());
            }

            @Override
            public void onCaughtUp() {
                listener.onCaughtUp();
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

    @PreDestroy
    void stop() {
        log.stop();
    }
}
