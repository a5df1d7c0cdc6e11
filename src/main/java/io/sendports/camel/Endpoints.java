package io.sendports.camel;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;

import io.sendports.broker.KafkaClients;
import io.sendports.broker.SpreadAssignor;
import io.sendports.domain.GroupPath;
import io.sendports.domain.SendPort;

/**
 * The endpoints and consumer settings of a port itself; the URIs of its destinations are its transport's
 * ({@code io.sendports.transport.Transport#endpointUri}).
 */
public final class Endpoints {
    private Endpoints() {
    }

    /** The endpoint a port's route starts from: its consumer sends each delivery unit there. */
    public static String input(SendPort port) {
        return "direct:sendports.port." + port.name();
    }

    /**
     * The settings of a port's Kafka consumer ({@code io.sendports.delivery.PortConsumer}), on top of the
     * client settings every Sendports client has.
     */
    public static Map<String, Object> consumerProperties(SendPort port, Map<String, Object> common) {
        return consumerProperties(port.consumerGroup(), "sendports-" + port.name(), common);
    }

    /** The settings of a member's consumer of a group path: the same as a port's, in the path's consumer group. */
    public static Map<String, Object> consumerProperties(GroupPath path, Map<String, Object> common) {
        return consumerProperties(path.consumerGroup(), "sendports-" + path.member() + "-via-" + path.group(), common);
    }

    static Map<String, Object> consumerProperties(String group, String clientId, Map<String, Object> common) {
        Map<String, Object> properties = new HashMap<>(common);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        // Partitions that appear after the enlist hold only messages that came after it (DESIGN.md §3).
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // The consumer commits the lowest offset not yet finished itself: never a record that was not delivered.
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        // Every instance takes its fair share of the partitions, however many consumers each runs; instances joining
        // or leaving move only the partitions that must move, the others keep delivering (cooperative). The sticky
        // assignor second: the group uses it while an instance of an older version, which offers only that one, is in.
        properties.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                SpreadAssignor.class.getName() + "," + CooperativeStickyAssignor.class.getName());
        properties.put(SpreadAssignor.INSTANCE, SpreadAssignor.THIS_INSTANCE);
        // A crashed instance's partitions move to the others after 10 s instead of the default 45 s, and the
        // heartbeat thread wakes once a second between heartbeats, not every 100 ms (idle ports cost little).
        return KafkaClients.withMemberDefaults(properties);
    }
}
