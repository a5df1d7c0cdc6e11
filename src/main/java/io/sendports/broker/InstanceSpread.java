package io.sendports.broker;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * How a port's partitions are shared among the consumers of its group when several instances run it: fairly among
 * the <em>instances</em> first (each takes ⌊P/I⌋ or ⌈P/I⌉ of the P partitions), then among each instance's
 * consumers. Kafka's own assignors balance consumers, not instances: with two instances of four consumers each on a
 * four-partition topic, one instance could hold all four partitions and the other none.
 *
 * <p>Sticky and cooperative: a partition stays with its owner while the owner's instance and the owner are within
 * their shares; a partition that must move to another consumer is left unassigned in this round (its owner gives it
 * up, and Kafka's cooperative protocol runs a second round that gives it to the new owner), so no partition is ever
 * held by two consumers at once. No threads, no clients: the Kafka assignor ({@link SpreadAssignor}) calls it.
 *
 * @param <P> a partition, ordered (topic, then number)
 */
final class InstanceSpread<P extends Comparable<P>> {

    /** One consumer of the group: its member id, its instance, the topics it takes, the partitions it holds now. */
    record Member<P>(String id, String instance, Set<String> topics, List<P> owned) {
    }

    private final java.util.function.Function<P, String> topicOf;

    InstanceSpread(java.util.function.Function<P, String> topicOf) {
        this.topicOf = topicOf;
    }

    /** Every member's partitions for this round, keyed by member id (each member is present, maybe empty). */
    Map<String, List<P>> assign(List<P> partitions, List<Member<P>> members) {
        Map<String, List<P>> result = new LinkedHashMap<>();
        if (members.isEmpty()) {
            return result;
        }
        List<Member<P>> sorted = new ArrayList<>(members);
        sorted.sort(Comparator.comparing(Member<P>::instance).thenComparing(Member::id));
        sorted.forEach(member -> result.put(member.id(), new ArrayList<>()));
        Map<String, List<Member<P>>> byInstance = new TreeMap<>();
        sorted.forEach(member -> byInstance.computeIfAbsent(member.instance(), i -> new ArrayList<>()).add(member));

        List<P> all = partitions.stream().sorted().distinct().toList();
        Map<String, Integer> instanceQuota = shares(all.size(), new ArrayList<>(byInstance.keySet()));
        Map<String, Integer> memberQuota = new HashMap<>();
        byInstance.forEach((instance, its) -> memberQuota.putAll(shares(instanceQuota.get(instance),
                its.stream().map(Member::id).toList())));

        Map<String, Integer> instanceCount = new HashMap<>();
        Map<P, String> previousOwner = new HashMap<>();
        Map<P, String> assignedTo = new HashMap<>();
        Set<P> existing = Set.copyOf(all);
        // keep what owners hold within their shares
        for (Member<P> member : sorted) {
            for (P partition : member.owned().stream().sorted().toList()) {
                if (!existing.contains(partition) || previousOwner.containsKey(partition)) {
                    continue;
                }
                previousOwner.put(partition, member.id());
                if (member.topics().contains(topicOf.apply(partition))
                        && instanceCount.getOrDefault(member.instance(), 0) < instanceQuota.get(member.instance())
                        && result.get(member.id()).size() < memberQuota.get(member.id())) {
                    give(partition, member, result, instanceCount, assignedTo);
                }
            }
        }
        // the rest to the instance furthest below its share, and there to its consumer with the fewest
        for (P partition : all) {
            if (assignedTo.containsKey(partition)) {
                continue;
            }
            String topic = topicOf.apply(partition);
            Member<P> chosen = null;
            int bestDeficit = Integer.MIN_VALUE;
            for (Map.Entry<String, List<Member<P>>> instance : byInstance.entrySet()) {
                int deficit = instanceQuota.get(instance.getKey()) - instanceCount.getOrDefault(instance.getKey(), 0);
                Member<P> candidate = fewest(instance.getValue(), topic, result, memberQuota, true);
                if (candidate != null && deficit > 0 && deficit > bestDeficit) {
                    chosen = candidate;
                    bestDeficit = deficit;
                }
            }
            if (chosen == null) {
                // no share is left for a consumer of this topic (members take different topics): the least loaded
                chosen = fewest(sorted, topic, result, memberQuota, false);
            }
            if (chosen == null) {
                continue; // nobody takes this topic
            }
            String before = previousOwner.get(partition);
            if (before != null && !before.equals(chosen.id())) {
                // cooperative: its owner gives it up in this round; the next round gives it to its new owner
                instanceCount.merge(chosen.instance(), 1, Integer::sum);
                assignedTo.put(partition, chosen.id());
                continue;
            }
            give(partition, chosen, result, instanceCount, assignedTo);
        }
        return result;
    }

    private void give(P partition, Member<P> member, Map<String, List<P>> result, Map<String, Integer> instanceCount,
            Map<P, String> assignedTo) {
        result.get(member.id()).add(partition);
        instanceCount.merge(member.instance(), 1, Integer::sum);
        assignedTo.put(partition, member.id());
    }

    private Member<P> fewest(List<Member<P>> members, String topic, Map<String, List<P>> result,
            Map<String, Integer> memberQuota, boolean withinQuota) {
        Member<P> fewest = null;
        for (Member<P> member : members) {
            int held = result.get(member.id()).size();
            if (!member.topics().contains(topic) || (withinQuota && held >= memberQuota.get(member.id()))) {
                continue;
            }
            if (fewest == null || held < result.get(fewest.id()).size()) {
                fewest = member;
            }
        }
        return fewest;
    }

    /** {@code total} shared among {@code names} in order: ⌊total/n⌋ each, one more for the first {@code total % n}. */
    private static Map<String, Integer> shares(int total, List<String> names) {
        Map<String, Integer> shares = new HashMap<>();
        int n = names.size();
        for (int i = 0; i < n; i++) {
            shares.put(names.get(i), total / n + (i < total % n ? 1 : 0));
        }
        return shares;
    }
}
