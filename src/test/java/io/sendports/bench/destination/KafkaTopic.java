package io.sendports.bench.destination;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import io.sendports.bench.Records;

/**
 * A Kafka topic that a contender produces to, created with {@code message.timestamp.type=LogAppendTime} so
 * that every record carries the time the broker appended it. Progress is the sum of the partitions' end
 * offsets. Afterwards every record is read back once: the arrival window runs from the earliest to the
 * latest append time, and each record is identified by its key.
 */
public final class KafkaTopic implements Destination {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<TopicPartition> partitions = new ArrayList<>();
    private SeqSet seen;
    private long firstAppend = Long.MAX_VALUE;
    private long lastAppend = Long.MIN_VALUE;

    public KafkaTopic(String bootstrapServers, String topic, int partitionCount) {
        consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrapServers, "enable.auto.commit", "false",
                "max.poll.records", "5000"), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        for (int p = 0; p < partitionCount; p++) {
            partitions.add(new TopicPartition(topic, p));
        }
        consumer.assign(partitions);
    }

    @Override
    public long arrived() {
        return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public Duration pollInterval() {
        return Duration.ofMillis(10);
    }

    @Override
    public Optional<Duration> arrivalWindow() {
        readBack();
        return firstAppend > lastAppend ? Optional.empty() : Optional.of(Duration.ofMillis(lastAppend - firstAppend));
    }

    @Override
    public Tally tally() {
        readBack();
        return seen.tally();
    }

    /** Reads every record once: their append times and keys. */
    private void readBack() {
        if (seen != null) {
            return;
        }
        SeqSet read = new SeqSet();
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        consumer.seekToBeginning(partitions);
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (!reached(ends)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("cannot read back " + partitions);
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                read.add(Records.seq(record.key(), 0));
                firstAppend = Math.min(firstAppend, record.timestamp());
                lastAppend = Math.max(lastAppend, record.timestamp());
            }
        }
        seen = read;
    }

    private boolean reached(Map<TopicPartition, Long> ends) {
        for (TopicPartition partition : partitions) {
            if (consumer.position(partition) < ends.get(partition)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
