package io.sendports.domain;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * One way the messages of a send port group reach one member (DESIGN.md §3a), with the rule that gives the member
 * exactly one copy of a message however many of its subscriptions take it: the member's own subscription comes
 * first, then its groups in the order of their names (ignoring case). A path takes a message its group's
 * subscription selects unless one that comes before it takes the message too.
 *
 * <p>A subscription that comes before takes a message only if the message is in it for sure: on one of its topics,
 * selected by its filter, and published at or after the moment that subscription began keeping messages for the
 * member ({@code since}). Kafka keeps for a subscription that starts at a time every record from the first one at or
 * after that time (DESIGN.md §3), so such a record is surely kept for it; a record stamped earlier that is kept
 * anyway (timestamps in a partition need not be in order) is delivered by both: a second copy, never a lost one.
 *
 * @param group  the group's name
 * @param member the member's name
 * @param start  from when the group's messages are kept for the member: the later of the group's enlistment and the
 *               member's joining
 * @param before the subscriptions that come before this path for the member, in order
 */
public record GroupPath(String group, String member, Subscription subscription, Instant start, List<Before> before) {

    public GroupPath {
        before = List.copyOf(before);
    }

    /**
     * A subscription of the member that comes before a group path.
     *
     * @param via   {@code own} or the group's name
     * @param since from when it keeps messages for the member
     */
    public record Before(String via, Subscription subscription, Instant since) {
        boolean takes(String topic, Function<String, String> header, long timestamp) {
            return subscription.topics().contains(topic) && timestamp >= since.toEpochMilli()
                    && subscription.filter().matches(header);
        }
    }

    /** Whether this path delivers the message to the member. */
    public boolean takes(String topic, Function<String, String> header, long timestamp) {
        if (!subscription.topics().contains(topic) || !subscription.filter().matches(header)) {
            return false;
        }
        for (Before other : before) {
            if (other.takes(topic, header, timestamp)) {
                return false;
            }
        }
        return true;
    }

    /** The Kafka consumer group that keeps the group's messages for the member. */
    public String consumerGroup() {
        return consumerGroup(group, member);
    }

    /**
     * The consumer group of a group and a member: {@code sendports.group.<group>/<member>}. The slash cannot be in
     * a name, so no two pairs share a consumer group.
     */
    public static String consumerGroup(String group, String member) {
        return "sendports.group." + group + "/" + member;
    }
}
