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
import java.util.function.LongFunction;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
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
                Map<String, KafkaFuture<ConsumerGroupDescription>> descriptions =
                        admin.describeConsumerGroups(groups).describedGroups();
                List<String> notYet = new ArrayList<>();
                for (String group : groups) {
                    if (assigned(described(descriptions.get(group))) != partitions) {
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

    /** Waits until none of the groups has a member (each member left, or the group is gone), up to {@code timeout}. */
    public void awaitNoMembers(Collection<String> groups, Duration timeout) {
        AtomicReference<Long> left = new AtomicReference<>((long) groups.size());
        try {
            await().atMost(timeout).pollInterval(Duration.ofMillis(500)).until(() -> {
                long withMembers = 0;
                for (KafkaFuture<ConsumerGroupDescription> future : admin.describeConsumerGroups(groups).describedGroups()
                        .values()) {
                    ConsumerGroupDescription group = described(future);
                    withMembers += group == null || group.members().isEmpty() ? 0 : 1;
                }
                left.set(withMembers);
                return withMembers == 0;
            });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException(left.get() + " consumer groups still have members after "
                    + timeout.toSeconds() + " s", e);
        }
    }

    /** The group's description; null while no member has joined yet (or when the group was deleted). */
    private static ConsumerGroupDescription described(KafkaFuture<ConsumerGroupDescription> description) throws Exception {
        try {
            return description.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return null;
            }
            throw e;
        }
    }

    /** The partitions the group's members hold between them (0 for a group not described). */
    private static int assigned(ConsumerGroupDescription group) {
        int assigned = 0;
        for (MemberDescription member : group == null ? List.<MemberDescription>of() : group.members()) {
            assigned += member.assignment().topicPartitions().size();
        }
        return assigned;
    }

    /**
     * Publishes records {@code 0..count-1} ({@link Records}) and waits for all acknowledgements. Keys spread
     * them over the partitions by the default partitioner.
     */
    public void preload(String topic, long count, int size, boolean fileNameHeader) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(preloadConfig(Map.of()), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            send(producer, topic, count, size, seq -> null,
                    seq -> fileNameHeader ? List.of(fileNameHeader(Records.fileName(seq))) : List.of());
        }
    }

    /** A {@link Records#FILE_NAME_HEADER} naming {@code fileName}. */
    public static Header fileNameHeader(String fileName) {
        return new RecordHeader(Records.FILE_NAME_HEADER, fileName.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Publishes records {@code 0..count-1} as {@link #preload} does, record {@code seq} to partition
     * {@code seq % partitions} with the headers {@code headers} gives it, all in one Kafka transaction that is left
     * open: a consumer that reads committed records only ({@code isolation.level=read_committed}) sees none of them
     * until {@link Pending#commit()}, and then all of them at once. Returns once every record is acknowledged.
     */
    public Pending preloadPending(String topic, long count, int size, int partitions, LongFunction<List<Header>> headers)
            throws Exception {
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(preloadConfig(Map.of(
                "transactional.id", topic + "-preload", "transaction.timeout.ms", String.valueOf(Duration.ofMinutes(15).toMillis()))),
                new ByteArraySerializer(), new ByteArraySerializer());
        try {
            producer.initTransactions();
            producer.beginTransaction();
            send(producer, topic, count, size, seq -> (int) (seq % partitions), headers);
            return new Pending(producer);
        } catch (Exception e) {
            producer.close(Duration.ZERO);
            throw e;
        }
    }

    /** Records published in a transaction not yet committed ({@link #preloadPending}). */
    public static final class Pending implements AutoCloseable {
        private final KafkaProducer<byte[], byte[]> producer;

        private Pending(KafkaProducer<byte[], byte[]> producer) {
            this.producer = producer;
        }

        /** Makes every record visible to the committed-only readers; returns when the broker has committed it. */
        public void commit() {
            producer.commitTransaction();
        }

        /** Ends the producer; a transaction not committed by then is aborted. */
        @Override
        public void close() {
            producer.close(Duration.ofSeconds(30));
        }
    }

    private Map<String, Object> preloadConfig(Map<String, Object> more) {
        Map<String, Object> config = new java.util.HashMap<>(Map.of("bootstrap.servers", broker.bootstrapServers(),
                "acks", "all", "linger.ms", "20", "batch.size", String.valueOf(256 * 1024),
                "buffer.memory", String.valueOf(64L << 20),
                // a topic created a moment ago may answer its first produce with NOT_LEADER_OR_FOLLOWER; with more
                // than one batch in flight the idempotent retry then met OUT_OF_ORDER_SEQUENCE forever (2026-12-03)
                "max.in.flight.requests.per.connection", "1"));
        config.putAll(more);
        return config;
    }

    /** Sends record {@code 0..count-1} to its partition (null: the key's) and waits for every acknowledgement. */
    private static void send(KafkaProducer<byte[], byte[]> producer, String topic, long count, int size,
            LongFunction<Integer> partition, LongFunction<List<Header>> headers) {
        AtomicReference<Exception> failure = new AtomicReference<>();
        for (long seq = 0; seq < count && failure.get() == null; seq++) {
            producer.send(new ProducerRecord<>(topic, partition.apply(seq), Records.key(seq), Records.value(seq, size),
                    headers.apply(seq)), (metadata, error) -> {
                        if (error != null) {
                            failure.compareAndSet(null, error);
                        }
                    });
        }
        producer.flush();
        if (failure.get() != null) {
            throw new IllegalStateException("preloading " + topic + " failed", failure.get());
        }
    }

    /**
     * Commits offset 0 of every partition of {@code topic} for {@code group}, which has no member yet: a port enlisted
     * afterwards keeps offsets its group already has (it gives start offsets only to partitions without one), so its
     * consumers read the topic from its beginning, records published before the port was made included.
     */
    public void startGroupAtBeginning(String group, String topic, int partitions) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = new java.util.HashMap<>();
        for (int p = 0; p < partitions; p++) {
            offsets.put(new TopicPartition(topic, p), new OffsetAndMetadata(0));
        }
        admin.alterConsumerGroupOffsets(group, offsets).all().get(60, TimeUnit.SECONDS);
    }

    /**
     * Waits until a consumer group is {@code STABLE} with {@code members} members that hold {@code partitions}
     * partitions between them: every consumer expected has joined and no rebalance is under way. Returns how long
     * that took.
     */
    public Duration awaitStable(String group, int members, int partitions, Duration timeout) {
        long begin = System.nanoTime();
        AtomicReference<String> last = new AtomicReference<>("not described yet");
        try {
            await().atMost(timeout).pollInterval(Duration.ofMillis(50)).until(() -> {
                ConsumerGroupDescription description = described(admin.describeConsumerGroups(List.of(group))
                        .describedGroups().get(group));
                if (description == null) {
                    return false;
                }
                int assigned = assigned(description);
                last.set(description.groupState() + ", " + description.members().size() + " members holding " + assigned
                        + " partitions");
                return description.groupState() == GroupState.STABLE && description.members().size() == members
                        && assigned == partitions;
            });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("consumer group " + group + " is not stable with " + members + " members holding "
                    + partitions + " partitions after " + timeout.toSeconds() + " s: " + last.get(), e);
        }
        return Duration.ofNanos(System.nanoTime() - begin);
    }

    @Override
    public void close() {
        admin.close();
        broker.close();
    }
}
