package io.sendports.bench;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import org.awaitility.core.ConditionTimeoutException;

import io.sendports.broker.KafkaBroker;

/** The benchmark's own in-process broker (the same {@link KafkaBroker} the service embeds), its topics and its records. */
public final class BenchCluster implements AutoCloseable {
    private final KafkaBroker broker;
    private final Admin admin;

    public BenchCluster(Path dataDir) {
        broker = KafkaBroker.start(dataDir, KafkaBroker.freePort(), KafkaBroker.freePort());
        admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()));
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public void createTopic(String name, int partitions) throws Exception {
        createTopic(name, partitions, Map.of());
    }

    /** A destination topic whose records carry the broker's append time. */
    public void createAppendTimeTopic(String name, int partitions) throws Exception {
        createTopic(name, partitions, Map.of("message.timestamp.type", "LogAppendTime"));
    }

    private void createTopic(String name, int partitions, Map<String, String> config) throws Exception {
        admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(config))).all().get(60, TimeUnit.SECONDS);
    }

    /** Creates many topics in one request. */
    public void createTopics(Collection<String> names, int partitions) throws Exception {
        admin.createTopics(names.stream().map(name -> new NewTopic(name, partitions, (short) 1)).toList())
                .all().get(5, TimeUnit.MINUTES);
    }

    /**
     * Waits until the members of each consumer group hold {@code partitions} partitions between them: the group's
     * consumers have joined and will fetch whatever is published from now on.
     */
    public void awaitAssigned(Collection<String> groups, int partitions, Duration timeout) throws Exception {
        AtomicReference<List<String>> waiting = new AtomicReference<>(List.copyOf(groups));
        try {
            await().atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> {
                Map<String, KafkaFuture<ConsumerGroupDescription>> described =
                        admin.describeConsumerGroups(groups).describedGroups();
                List<String> notYet = new ArrayList<>();
                for (String group : groups) {
                    if (assigned(described.get(group)) != partitions) {
                        notYet.add(group);
                    }
                }
                waiting.set(notYet);
                return notYet.isEmpty();
            });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException(waiting.get().size() + " consumer groups do not hold their " + partitions
                    + " partitions after " + timeout.toSeconds() + " s, e.g. " + waiting.get().get(0), e);
        }
    }

    /** Waits until none of the groups has a member (each member left), up to {@code timeout}. */
    public void awaitNoMembers(Collection<String> groups, Duration timeout) {
        AtomicReference<Long> left = new AtomicReference<>((long) groups.size());
        try {
            await().atMost(timeout).pollInterval(Duration.ofMillis(500)).until(() -> {
                long withMembers = 0;
                for (ConsumerGroupDescription group : admin.describeConsumerGroups(groups).all().get(60, TimeUnit.SECONDS)
                        .values()) {
                    withMembers += group.members().isEmpty() ? 0 : 1;
                }
                left.set(withMembers);
                return withMembers == 0;
            });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException(left.get() + " consumer groups still have members after "
                    + timeout.toSeconds() + " s", e);
        }
    }

    private static int assigned(KafkaFuture<ConsumerGroupDescription> description) throws Exception {
        ConsumerGroupDescription group;
        try {
            group = description.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return 0; // no member has joined yet
            }
            throw e;
        }
        int assigned = 0;
        for (MemberDescription member : group.members()) {
            assigned += member.assignment().topicPartitions().size();
        }
        return assigned;
    }

    /**
     * Publishes records {@code 0..count-1} ({@link Records}) and waits for all acknowledgements. Keys spread
     * them over the partitions by the default partitioner.
     */
    public void preload(String topic, long count, int size, boolean fileNameHeader) throws Exception {
        Map<String, Object> config = Map.of("bootstrap.servers", broker.bootstrapServers(), "acks", "all",
                "linger.ms", "20", "batch.size", String.valueOf(256 * 1024), "buffer.memory", String.valueOf(64L << 20));
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (long seq = 0; seq < count && failure.get() == null; seq++) {
                List<Header> headers = fileNameHeader
                        ? List.of(new RecordHeader(Records.FILE_NAME_HEADER, Records.fileName(seq).getBytes(StandardCharsets.UTF_8)))
                        : List.of();
                producer.send(new ProducerRecord<>(topic, null, Records.key(seq), Records.value(seq, size), headers),
                        (metadata, error) -> {
                            if (error != null) {
                                failure.compareAndSet(null, error);
                            }
                        });
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("preloading " + topic + " failed", failure.get());
        }
    }

    @Override
    public void close() {
        admin.close();
        broker.close();
    }
}
