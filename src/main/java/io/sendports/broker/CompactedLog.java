package io.sendports.broker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;

/**
 * A compacted topic read as a table, in the manner of Kafka Connect's config store: one reader thread
 * applies every record of every partition to a listener, from the beginning; {@link #append} returns only
 * once the reader has applied the appended record (read-your-writes). Used for the control topic and the
 * suspended-message topic.
 */
public final class CompactedLog {
    private static final Logger LOG = Logger.getLogger(CompactedLog.class);

    /** Receives records in offset order per partition, on the reader thread. */
    public interface Listener {
        /** Must not throw for a bad record: log and skip it. */
        void onRecord(ConsumerRecord<byte[], byte[]> record);

        /** Every partition has been read up to its end as it was when reading began; called once. */
        void onCaughtUp();

        /** The topic cannot be read as this log must be; the reader stopped. */
        default void onUnusable(UnusableTopicException e) {
        }
    }

    private final KafkaClients clients;
    private final String topic;
    private final boolean singlePartition;
    private final Object progress = new Object();
    private final Map<Integer, Long> nextOffsets = new HashMap<>();
    private volatile boolean caughtUp;
    private volatile boolean running;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private Thread reader;

    public CompactedLog(KafkaClients clients, String topic) {
        this(clients, topic, false);
    }

    /**
     * @param singlePartition the topic must have exactly one partition (records are applied in the order they
     *                        were written, as Kafka Connect requires of its config topic); otherwise the reader
     *                        stops and tells {@link Listener#onUnusable}
     */
    public CompactedLog(KafkaClients clients, String topic, boolean singlePartition) {
        this.clients = clients;
        this.topic = topic;
        this.singlePartition = singlePartition;
    }

    /**
     * Reads the topic on a thread of its own; returns at once.
     *
     * @param prepare run first on the reader thread (e.g. creating topics); retried until it succeeds
     */
    public synchronized void start(Listener listener, Runnable prepare) {
        if (running) {
            return;
        }
        running = true;
        reader = new Thread(() -> run(listener, prepare), "sendports-reader-" + topic);
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
     */
    public RecordMetadata append(ProducerRecord<byte[], byte[]> record, Duration timeout) throws TimeoutException {
        RecordMetadata metadata;
        try {
            metadata = clients.producer().send(record).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing to " + topic, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot write to " + topic + ": " + e.getCause().getMessage(), e);
        }
        awaitApplied(metadata.partition(), metadata.offset(), timeout);
        return metadata;
    }

    /**
     * Appends records as one batch: all are sent before any is waited for, so the producer sends them together;
     * returns once this reader has read them all.
     */
    public List<RecordMetadata> appendAll(List<ProducerRecord<byte[], byte[]>> records, Duration timeout)
            throws TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Future<RecordMetadata>> sent = records.stream().map(clients.producer()::send).toList();
        List<RecordMetadata> written = new ArrayList<>();
        try {
            for (Future<RecordMetadata> future : sent) {
                written.add(future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing to " + topic, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot write to " + topic + ": " + e.getCause().getMessage(), e);
        }
        Map<Integer, Long> last = new HashMap<>();
        written.forEach(metadata -> last.merge(metadata.partition(), metadata.offset(), Math::max));
        for (Map.Entry<Integer, Long> partition : last.entrySet()) {
            awaitApplied(partition.getKey(), partition.getValue(),
                    Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
        return written;
    }

    private void awaitApplied(int partition, long offset, Duration timeout) throws TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (nextOffsets.getOrDefault(partition, -1L) <= offset) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw new TimeoutException("the record at " + topic + "/" + partition + "/" + offset
                            + " was not read back in time");
                }
                try {
                    progress.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for " + topic, e);
                }
            }
        }
    }

    private void run(Listener listener, Runnable prepare) {
        while (running) {
            try {
                prepare.run();
                read(listener);
                return;
            } catch (WakeupException stopping) {
                return;
            } catch (UnusableTopicException e) {
                LOG.error(e.getMessage());
                running = false;
                listener.onUnusable(e);
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warnf("Topic %s not available yet (%s); retrying", topic, e.getMessage());
                sleepQuietly(2_000);
            }
        }
    }

    private void read(Listener listener) {
        Map<String, Object> properties = clients.common();
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "sendports-reader-" + topic);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> log =
                new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer = log;
            List<TopicPartition> partitions = partitions(log, () -> log.partitionsFor(topic, Duration.ofSeconds(30)));
            if (singlePartition && partitions.size() != 1) {
                throw new UnusableTopicException("The control topic " + topic + " has " + partitions.size()
                        + " partitions; Sendports needs exactly 1, so that the records of a port are read in the"
                        + " order they were written. Delete the topic and create it with one partition, or set"
                        + " sendports.topics.control to a topic with one partition. Sendports does not start.");
            }
            log.assign(partitions);
            log.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = log.endOffsets(partitions, Duration.ofSeconds(30));
            LOG.debugf("Reading %s to its end %s", topic, ends);
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : log.poll(Duration.ofMillis(200))) {
                    try {
                        listener.onRecord(record);
                    } catch (RuntimeException e) {
                        LOG.errorf(e, "Skipped record %s/%d/%d", topic, record.partition(), record.offset());
                    }
                }
                boolean atEnd = true;
                synchronized (progress) {
                    for (TopicPartition partition : partitions) {
                        long position = log.position(partition);
                        nextOffsets.put(partition.partition(), position);
                        atEnd &= position >= ends.get(partition);
                    }
                    progress.notifyAll();
                }
                if (!caughtUp && atEnd) {
                    caughtUp = true;
                    LOG.infof("Topic %s caught up", topic);
                    listener.onCaughtUp();
                }
            }
        } finally {
            consumer = null;
        }
    }

    private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> log, Supplier<List<PartitionInfo>> infos) {
        List<PartitionInfo> found = infos.get();
        if (found == null || found.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " does not exist yet");
        }
        return found.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the reader. */
    public void stop() {
        running = false;
        KafkaConsumer<byte[], byte[]> current = consumer;
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
