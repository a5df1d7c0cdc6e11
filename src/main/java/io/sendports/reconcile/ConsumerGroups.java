package io.sendports.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.UnknownMemberIdException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;

import io.sendports.broker.KafkaClients;
import io.sendports.domain.SendPort;

/**
 * A port's subscription made real as a Kafka consumer group ({@code sendports.port.<name>}), and so a group
 * path's ({@code sendports.group.<group>/<port>}). Enlisting
 * gives every subscribed partition that has no committed offset the offset of the first record published
 * at or after the enlist time, so the group keeps everything from then on and nothing from before.
 * Unenlisting deletes the group.
 */
@ApplicationScoped
public class ConsumerGroups {
    private static final Logger LOG = Logger.getLogger(ConsumerGroups.class);
    private static final long TIMEOUT_SECONDS = 30;

    private final KafkaClients clients;

    public ConsumerGroups(KafkaClients clients) {
        this.clients = clients;
    }

    /** Commits start offsets for the partitions of the port's topics that have none. */
    public void enlist(SendPort port, Instant enlistedAt) {
        startAt(port.consumerGroup(), port.subscription().topics(), enlistedAt);
    }

    /**
     * Gives a group, for the partitions of the topics that have no committed offset, the offset of the
     * first record at or after {@code time}.
     */
    public void startAt(String group, Collection<String> topics, Instant time) {
        Admin admin = clients.admin();
        Set<TopicPartition> partitions = partitions(topics);
        Map<TopicPartition, OffsetAndMetadata> committed = committed(group);
        Map<TopicPartition, OffsetSpec> missing = new HashMap<>();
        for (TopicPartition partition : partitions) {
            if (committed.get(partition) == null) {
                missing.put(partition, OffsetSpec.forTimestamp(time.toEpochMilli()));
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        Map<TopicPartition, Long> starts = offsets(missing);
        Map<TopicPartition, OffsetSpec> atEnd = new HashMap<>();
        starts.forEach((partition, offset) -> {
            if (offset < 0) {
                atEnd.put(partition, OffsetSpec.latest());
            }
        });
        starts.putAll(offsets(atEnd));
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        starts.forEach((partition, offset) -> commit.put(partition, new OffsetAndMetadata(offset)));
        try {
            admin.alterConsumerGroupOffsets(group, commit).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            LOG.debugf("Started group %s at %s: %s", group, time, commit);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownMemberIdException || e.getCause() instanceof GroupNotEmptyException) {
                // A member of the group is consuming (another instance runs the port): it owns the offsets.
                LOG.debugf("Group %s is active; its members keep their own offsets", group);
                return;
            }
            throw failure("enlist " + group, e);
        } catch (InterruptedException | TimeoutException e) {
            throw failure("enlist " + group, e);
        }
    }

    /** Deletes the port's consumer group; a group that does not exist is already unenlisted. */
    public void unenlist(String group) {
        try {
            GroupState state = clients.admin().describeConsumerGroups(List.of(group)).all()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(group).groupState();
            if (state == GroupState.DEAD || state == GroupState.UNKNOWN) {
                return;
            }
            clients.admin().deleteConsumerGroups(List.of(group)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            LOG.debugf("Deleted consumer group %s", group);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                throw failure("delete consumer group " + group, e);
            }
        } catch (InterruptedException | TimeoutException e) {
            throw failure("delete consumer group " + group, e);
        }
    }

    /**
     * Messages waiting for each consumer group: end offset minus committed offset over the partitions of its topics;
     * a partition without a committed offset counts from its beginning (where the group will start reading it).
     *
     * @param subscriptions the topics of each consumer group (a port's, or a group path's)
     */
    public Map<String, Long> lag(Map<String, ? extends Collection<String>> subscriptions) {
        Map<String, Long> lag = new HashMap<>();
        if (subscriptions.isEmpty()) {
            return lag;
        }
        Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
        Set<String> topics = new HashSet<>();
        subscriptions.forEach((group, subscribed) -> {
            specs.put(group, new ListConsumerGroupOffsetsSpec());
            topics.addAll(subscribed);
        });
        Set<TopicPartition> partitions = partitions(topics);
        Bounds bounds = bounds(partitions);
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committed;
        try {
            committed = clients.admin().listConsumerGroupOffsets(specs).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw failure("read committed offsets", e);
        }
        // each group looks at its own topics' partitions only: a pass over many groups stays linear in their number
        Map<String, List<TopicPartition>> byTopic = new HashMap<>();
        partitions.forEach(p -> byTopic.computeIfAbsent(p.topic(), t -> new java.util.ArrayList<>()).add(p));
        subscriptions.forEach((group, subscribed) -> {
            Map<TopicPartition, OffsetAndMetadata> offsets = committed.getOrDefault(group, Map.of());
            long waiting = 0;
            for (String topic : new HashSet<>(subscribed)) {
                for (TopicPartition partition : byTopic.getOrDefault(topic, List.of())) {
                    waiting += bounds.waiting(partition, offsets.get(partition));
                }
            }
            lag.put(group, waiting);
        });
        return lag;
    }

    /**
     * When the oldest message waiting for a port was published: the earliest timestamp among the records
     * at the port's committed positions, over the partitions where messages wait. Empty when none waits.
     * An operator compares its age with the topic's retention before anything is lost (DESIGN.md §3).
     */
    public Optional<Instant> oldestWaiting(SendPort port) {
        Set<TopicPartition> partitions = partitions(port.subscription().topics());
        if (partitions.isEmpty()) {
            return Optional.empty();
        }
        Map<TopicPartition, OffsetAndMetadata> committed = committed(port.consumerGroup());
        Bounds bounds = bounds(partitions);
        Map<TopicPartition, Long> positions = new HashMap<>();
        for (TopicPartition partition : partitions) {
            if (bounds.waiting(partition, committed.get(partition)) > 0) {
                positions.put(partition, bounds.from(partition, committed.get(partition)));
            }
        }
        if (positions.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> properties = clients.common();
        properties.put("enable.auto.commit", false);
        properties.put("max.poll.records", 100);
        properties.put("client.id", "sendports-lag-" + port.name());
        Long oldest = null;
        try (KafkaConsumer<byte[], byte[]> reader =
                new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            reader.assign(positions.keySet());
            positions.forEach(reader::seek);
            Set<TopicPartition> seen = new HashSet<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (seen.size() < positions.size() && System.nanoTime() < deadline) {
                for (var record : reader.poll(Duration.ofMillis(200))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (seen.add(partition)) {
                        oldest = oldest == null ? record.timestamp() : Math.min(oldest, record.timestamp());
                        reader.pause(List.of(partition));
                    }
                }
            }
        }
        return Optional.ofNullable(oldest).map(Instant::ofEpochMilli);
    }

    /** The first and next-to-be-written offsets of partitions. */
    private record Bounds(Map<TopicPartition, Long> starts, Map<TopicPartition, Long> ends) {

        /** Where a group reads a partition next: its committed offset, or the beginning, never before it. */
        long from(TopicPartition partition, OffsetAndMetadata committed) {
            long start = starts.getOrDefault(partition, 0L);
            return committed == null ? start : Math.max(committed.offset(), start);
        }

        /** How many records of a partition wait for the group. */
        long waiting(TopicPartition partition, OffsetAndMetadata committed) {
            Long end = ends.get(partition);
            return end == null ? 0 : Math.max(0, end - from(partition, committed));
        }
    }

    private Bounds bounds(Set<TopicPartition> partitions) {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        partitions.forEach(p -> {
            latest.put(p, OffsetSpec.latest());
            earliest.put(p, OffsetSpec.earliest());
        });
        return new Bounds(offsets(earliest), offsets(latest));
    }

    Map<TopicPartition, OffsetAndMetadata> committed(String group) {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = clients.admin().listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return offsets == null ? Map.of() : offsets;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return Map.of();
            }
            throw failure("read offsets of " + group, e);
        } catch (InterruptedException | TimeoutException e) {
            throw failure("read offsets of " + group, e);
        }
    }

    /** The partitions of the topics that exist; a topic that does not exist yet has none. */
    private Set<TopicPartition> partitions(Collection<String> topics) {
        Set<TopicPartition> partitions = new HashSet<>();
        var result = clients.admin().describeTopics(topics).topicNameValues();
        for (var entry : result.entrySet()) {
            try {
                TopicDescription description = entry.getValue().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                description.partitions().forEach(p -> partitions.add(new TopicPartition(entry.getKey(), p.partition())));
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw failure("describe topic " + entry.getKey(), e);
                }
            } catch (InterruptedException | TimeoutException e) {
                throw failure("describe topic " + entry.getKey(), e);
            }
        }
        return partitions;
    }

    /** The next offset to be written on each partition. */
    Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
        return offsets(latest);
    }

    private Map<TopicPartition, Long> offsets(Map<TopicPartition, OffsetSpec> specs) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        if (specs.isEmpty()) {
            return offsets;
        }
        try {
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result =
                    clients.admin().listOffsets(specs).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            result.forEach((partition, info) -> offsets.put(partition, info.offset()));
            return offsets;
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw failure("list offsets", e);
        }
    }

    private static IllegalStateException failure(String what, Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        return new IllegalStateException("cannot " + what + ": " + cause, cause);
    }
}
