package io.sendports.broker;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Configurable;
import org.apache.kafka.common.TopicPartition;

/**
 * The partition assignor of port and group-path consumers: {@link InstanceSpread} as Kafka's classic group protocol
 * calls it, cooperatively. Each consumer tells the group leader which Sendports instance it belongs to (the
 * subscription's user data, {@value #INSTANCE} in its settings), so that every instance takes its fair share of the
 * partitions however many consumers it runs.
 *
 * <p>The consumers list it before {@code CooperativeStickyAssignor}: a group picks the first assignor every member
 * offers, so while an older instance that offers only the sticky one is in the group, the group uses that one.
 */
public final class SpreadAssignor implements ConsumerPartitionAssignor, Configurable {
    /** The consumer setting that names this consumer's instance; read here, so Kafka does not call it unused. */
    public static final String INSTANCE = "sendports.instance";
    /** This process: one Sendports instance per JVM. */
    public static final String THIS_INSTANCE = UUID.randomUUID().toString();

    private static final InstanceSpread<Partition> SPREAD = new InstanceSpread<>(Partition::topic);

    private String instance = THIS_INSTANCE;

    @Override
    public void configure(Map<String, ?> configs) {
        Object configured = configs.get(INSTANCE);
        if (configured != null && !configured.toString().isBlank()) {
            instance = configured.toString();
        }
    }

    @Override
    public String name() {
        return "sendports-spread";
    }

    @Override
    public List<RebalanceProtocol> supportedProtocols() {
        return List.of(RebalanceProtocol.COOPERATIVE);
    }

    @Override
    public ByteBuffer subscriptionUserData(Set<String> topics) {
        return ByteBuffer.wrap(instance.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public GroupAssignment assign(Cluster metadata, GroupSubscription groupSubscription) {
        Map<String, Subscription> subscriptions = groupSubscription.groupSubscription();
        Set<String> topics = new HashSet<>();
        subscriptions.values().forEach(subscription -> topics.addAll(subscription.topics()));
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            Integer count = metadata.partitionCountForTopic(topic);
            for (int i = 0; count != null && i < count; i++) {
                partitions.add(new TopicPartition(topic, i));
            }
        }
        List<InstanceSpread.Member<Partition>> members = new ArrayList<>();
        subscriptions.forEach((id, subscription) -> members.add(new InstanceSpread.Member<>(id, instanceOf(id, subscription),
                Set.copyOf(subscription.topics()), subscription.ownedPartitions().stream().map(Partition::new).toList())));
        Map<String, List<Partition>> spread = SPREAD.assign(partitions.stream().map(Partition::new).toList(), members);
        Map<String, Assignment> assignments = new HashMap<>();
        spread.forEach((id, assigned) -> assignments.put(id,
                new Assignment(assigned.stream().map(Partition::partition).toList())));
        return new GroupAssignment(assignments);
    }

    /** The member's instance, or the member itself when its subscription names none. */
    private static String instanceOf(String memberId, Subscription subscription) {
        ByteBuffer data = subscription.userData();
        if (data == null || !data.hasRemaining()) {
            return memberId;
        }
        ByteBuffer copy = data.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** A topic partition, ordered by topic and number. */
    record Partition(TopicPartition partition) implements Comparable<Partition> {
        private static final Comparator<Partition> ORDER = Comparator.comparing((Partition p) -> p.partition.topic())
                .thenComparingInt(p -> p.partition.partition());

        String topic() {
            return partition.topic();
        }

        @Override
        public int compareTo(Partition other) {
            return ORDER.compare(this, other);
        }
    }
}
