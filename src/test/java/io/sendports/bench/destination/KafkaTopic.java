package io.sendports.bench.destination;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import io.sendports.bench.Records;

/**
 * A Kafka topic that a contender produces to, created with {@code message.timestamp.type=LogAppendTime} so
 * that every record carries the time the broker appended it. Progress is the sum of the partitions' end
 * offsets. Afterwards every record is read back once: the arrival window runs from the earliest to the
 * latest append time, and each record is identified by its key, or, on a {@linkplain #responses response topic},
 * by the answer it carries.
 */
public final class KafkaTopic implements Destination {
    /** The header that names the request a response answers ({@code <topic>/<partition>/<offset>}). */
    public static final String SOURCE_HEADER = "sendports.source";

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final ToLongFunction<ConsumerRecord<byte[], byte[]>> identify;
    private final List<TopicPartition> partitions = new ArrayList<>();
    private SeqSet seen;
    /** The append times of every record read back, in order. */
    private long[] appends;

    public KafkaTopic(String bootstrapServers, String topic, int partitionCount) {
        this(bootstrapServers, topic, partitionCount, record -> Records.seq(record.key(), 0));
    }

    /**
     * A solicit-response contender's response topic. A response counts for record {@code seq} when its value is
     * the receiver's answer to that record ({@link HttpSink#answer(long)}), its key is the request's and it names
     * a request of {@code requestTopic} in {@link #SOURCE_HEADER}; anything else is not a benchmark response and
     * fails the tally.
     */
    public static KafkaTopic responses(String bootstrapServers, String topic, int partitionCount, String requestTopic) {
        return new KafkaTopic(bootstrapServers, topic, partitionCount, response -> answered(response, requestTopic));
    }

    private static long answered(ConsumerRecord<byte[], byte[]> response, String requestTopic) {
        long seq = Records.seq(response.value(), 0);
        Header source = response.headers().lastHeader(SOURCE_HEADER);
        boolean valid = seq >= 0 && Arrays.equals(response.value(), HttpSink.answer(seq))
                && Records.seq(response.key(), 0) == seq
                && source != null && new String(source.value(), StandardCharsets.UTF_8).startsWith(requestTopic + "/");
        return valid ? seq : -1;
    }

    private KafkaTopic(String bootstrapServers, String topic, int partitionCount,
            ToLongFunction<ConsumerRecord<byte[], byte[]>> identify) {
        this.identify = identify;
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
    public Optional<Duration> arrivalWindow(long from) {
        readBack();
        return from >= appends.length ? Optional.empty()
                : Optional.of(Duration.ofMillis(appends[appends.length - 1] - appends[(int) from]));
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
        long[] times = new long[1024];
        int count = 0;
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        consumer.seekToBeginning(partitions);
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (!reached(ends)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("cannot read back " + partitions);
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                read.add(identify.applyAsLong(record));
                if (count == times.length) {
                    times = Arrays.copyOf(times, count * 2);
                }
                times[count++] = record.timestamp();
            }
        }
        appends = Arrays.copyOf(times, count);
        Arrays.sort(appends);
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
