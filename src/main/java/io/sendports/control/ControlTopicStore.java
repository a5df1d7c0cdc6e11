package io.sendports.control;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import io.sendports.SendportsConfig;
import io.sendports.broker.KafkaClients;

/**
 * The control topic as a log of management events, in the manner of Kafka Connect's config store: one
 * compacted partition, a key per entity, tombstones for deletes. One reader thread applies every record
 * in offset order to a {@link ControlRecordListener}, from the beginning at start-up; {@link #append}
 * returns only once that reader has applied the appended record (read-your-writes).
 */
@ApplicationScoped
public class ControlTopicStore {
    private static final Logger LOG = Logger.getLogger(ControlTopicStore.class);

    private final KafkaClients clients;
    private final String topic;
    private final List<NewTopic> topicsToCreate;
    private final Object progress = new Object();
    private volatile long nextOffset = -1;
    private volatile boolean caughtUp;
    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread reader;

    public ControlTopicStore(KafkaClients clients, SendportsConfig config) {
        this.clients = clients;
        this.topic = config.topics().control();
        this.topicsToCreate = List.of(
                new NewTopic(topic, 1, (short) -1).configs(Map.of("cleanup.policy", "compact")),
                new NewTopic(config.topics().suspended(), -1, (short) -1).configs(Map.of("cleanup.policy", "compact")),
                new NewTopic(config.topics().retry(), -1, (short) -1).configs(Map.of("cleanup.policy", "delete")));
    }

    /** Creates missing topics, then reads the control topic on a thread of its own; returns at once. */
    public synchronized void start(ControlRecordListener listener) {
        if (running) {
            return;
        }
        running = true;
        reader = new Thread(() -> run(listener), "sendports-control-reader");
        reader.setDaemon(true);
        reader.start();
    }

    public boolean caughtUp() {
        return caughtUp;
    }

    public String topic() {
        return topic;
    }

    /**
     * Writes a record and waits until the reader has applied it.
     *
     * @param value null writes a tombstone
     * @return the record's offset
     */
    public long append(String key, byte[] value, Duration timeout) throws TimeoutException {
        if (!caughtUp) {
            throw new NotReadyException("the control topic is not read yet; try again shortly");
        }
        RecordMetadata metadata;
        try {
            metadata = clients.producer()
                    .send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing to the control topic", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot write to the control topic: " + e.getCause().getMessage(), e);
        }
        awaitApplied(metadata.offset(), timeout);
        return metadata.offset();
    }

    private void awaitApplied(long offset, Duration timeout) throws TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (nextOffset <= offset) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw new TimeoutException("the control record at offset " + offset + " was not read back in time");
                }
                try {
                    progress.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the control topic", e);
                }
            }
        }
    }

    private void run(ControlRecordListener listener) {
        while (running) {
            try {
                createTopics();
                read(listener);
                return;
            } catch (WakeupException stopping) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warnf("Control topic %s not available yet (%s); retrying", topic, e.getMessage());
                sleepQuietly(2_000);
            }
        }
    }

    private void createTopics() {
        Admin admin = clients.admin();
        try {
            int brokers = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size();
            short replication = (short) Math.min(3, Math.max(1, brokers));
            List<NewTopic> topics = topicsToCreate.stream()
                    .map(t -> new NewTopic(t.name(), t.numPartitions() < 0 ? 1 : t.numPartitions(), replication)
                            .configs(t.configs()))
                    .toList();
            for (var entry : admin.createTopics(topics).values().entrySet()) {
                try {
                    entry.getValue().get(30, TimeUnit.SECONDS);
                    LOG.infof("Created topic %s", entry.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + entry.getKey(), e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer: " + e, e);
        }
    }

    private void read(ControlRecordListener listener) {
        Map<String, Object> properties = clients.common();
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "sendports-control-reader");
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        TopicPartition partition = new TopicPartition(topic, 0);
        try (KafkaConsumer<String, byte[]> reader =
                new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer = reader;
            reader.assign(List.of(partition));
            reader.seekToBeginning(List.of(partition));
            long end = reader.endOffsets(List.of(partition), Duration.ofSeconds(30)).get(partition);
            LOG.infof("Reading control topic %s (%d records to catch up)", topic, end);
            while (running) {
                for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(200))) {
                    apply(listener, record);
                }
                long position = reader.position(partition);
                synchronized (progress) {
                    nextOffset = position;
                    progress.notifyAll();
                }
                if (!caughtUp && position >= end) {
                    caughtUp = true;
                    LOG.infof("Control topic caught up at offset %d", position);
                    listener.onCaughtUp();
                }
            }
        } finally {
            consumer = null;
        }
    }

    private static void apply(ControlRecordListener listener, ConsumerRecord<String, byte[]> record) {
        try {
            listener.onRecord(record.key(), record.value(), record.offset(), record.timestamp());
        } catch (RuntimeException e) {
            LOG.errorf(e, "Skipped control record at offset %d (key %s)", record.offset(), record.key());
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @PreDestroy
    void stop() {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (reader != null) {
            try {
                reader.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
