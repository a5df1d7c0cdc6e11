package io.sendports.reconcile;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import io.sendports.SendportsConfig;
import io.sendports.broker.KafkaClients;
import io.sendports.message.InboundMessage;
import io.sendports.message.SendportsHeaders;
import io.sendports.control.Leftovers;
import io.sendports.delivery.RetryWorker;
import io.sendports.suspended.SuspendedStore;

/**
 * The messages a port has parked for a retry: the records of the retry topic that name the port, from its
 * retry group's committed offsets up to the end of the topic when asked. A port without a retry group has none
 * parked (the group is created at enlist, and deleted only after its parked messages were suspended).
 *
 * <p>Counting only reads. Suspending them is a runtime effect of unenlisting or deleting the port, made by
 * the reconciler after the port's retry worker stopped; a message suspended twice (two instances, or a repeat
 * after a failure) is one suspended message, as the suspended topic is keyed by message id.
 */
@ApplicationScoped
public class ParkedMessages implements Leftovers {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaClients clients;
    private final ConsumerGroups groups;
    private final SuspendedStore suspended;
    private final String topic;

    public ParkedMessages(KafkaClients clients, ConsumerGroups groups, SuspendedStore suspended,
            SendportsConfig config) {
        this.clients = clients;
        this.groups = groups;
        this.suspended = suspended;
        this.topic = config.topics().retry();
    }

    @Override
    public Counts of(String port) {
        return new Counts(scan(port, record -> { }), suspended.count(port));
    }

    /**
     * Suspends every parked message of the port, each with the attempts it had and an error that says why
     * it was not retried.
     *
     * @param why what happened to the port, e.g. "was unenlisted"
     * @return how many were suspended
     */
    long suspendAll(String port, String why) {
        return scan(port, record -> {
            InboundMessage message = InboundMessage.restore(record.headers(), record.value());
            String last = text(record.headers().lastHeader(SendportsHeaders.ERROR));
            int attempts = parse(text(record.headers().lastHeader(SendportsHeaders.ATTEMPTS)));
            suspended.suspend(message, port, "parked for a retry when port '" + port + "' " + why
                    + ", so it is no longer retried; resume or terminate it" + (last.isEmpty() ? "" : ". Last error: " + last),
                    attempts);
        });
    }

    /** Hands each parked record of the port to {@code action}; returns how many there were. */
    private long scan(String port, Consumer<ConsumerRecord<byte[], byte[]>> action) {
        Map<TopicPartition, OffsetAndMetadata> committed = groups.committed(RetryWorker.group(port));
        if (committed.isEmpty()) {
            return 0;
        }
        Map<TopicPartition, Long> ends = groups.endOffsets(committed.keySet());
        Map<TopicPartition, Long> left = new HashMap<>();
        committed.forEach((partition, offset) -> {
            Long end = ends.get(partition);
            if (offset != null && end != null && offset.offset() < end) {
                left.put(partition, end);
            }
        });
        if (left.isEmpty()) {
            return 0;
        }
        Map<String, Object> properties = clients.common();
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "sendports-parked-" + port);
        long count = 0;
        try (KafkaConsumer<byte[], byte[]> reader =
                new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            reader.assign(left.keySet());
            left.keySet().forEach(partition -> reader.seek(partition, committed.get(partition)));
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (!left.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("cannot read the parked messages of port " + port + " in " + topic);
                }
                for (ConsumerRecord<byte[], byte[]> record : reader.poll(Duration.ofMillis(200))) {
                    Long end = left.get(new TopicPartition(record.topic(), record.partition()));
                    if (end != null && record.offset() < end
                            && port.equalsIgnoreCase(text(record.headers().lastHeader(SendportsHeaders.PORT)))) {
                        action.accept(record);
                        count++;
                    }
                }
                left.keySet().removeIf(partition -> reader.position(partition) >= left.get(partition));
                reader.pause(reader.assignment().stream().filter(p -> !left.containsKey(p)).toList());
            }
        }
        return count;
    }

    private static String text(Header header) {
        return header == null || header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static int parse(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
