package io.sendports.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The share of each instance and consumer, stickiness, and the cooperative rule (never two owners at once). */
class InstanceSpreadTest {
    private static final InstanceSpread<String> SPREAD = new InstanceSpread<>(p -> p.substring(0, p.indexOf('-')));

    private static List<String> partitions(String topic, int count) {
        List<String> partitions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            partitions.add(topic + "-" + i);
        }
        return partitions;
    }

    private static List<InstanceSpread.Member<String>> members(int instances, int consumersEach,
            Map<String, List<String>> owned) {
        List<InstanceSpread.Member<String>> members = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            for (int c = 0; c < consumersEach; c++) {
                String id = "i" + i + "-c" + c;
                members.add(new InstanceSpread.Member<>(id, "instance-" + i, Set.of("t"), owned.getOrDefault(id, List.of())));
            }
        }
        return members;
    }

    private static Map<String, Integer> perInstance(Map<String, List<String>> assignment) {
        Map<String, Integer> counts = new HashMap<>();
        assignment.forEach((member, partitions) -> counts.merge(member.substring(0, member.indexOf('-')),
                partitions.size(), Integer::sum));
        return counts;
    }

    @Test
    void twoInstancesOfFourConsumersOnFourPartitionsTakeTwoEach() {
        Map<String, List<String>> assignment = SPREAD.assign(partitions("t", 4), members(2, 4, Map.of()));
        assertEquals(Map.of("i0", 2, "i1", 2), perInstance(assignment));
        assertTrue(assignment.values().stream().allMatch(p -> p.size() <= 1));
    }

    @Test
    void threeInstancesOnSixPartitionsTakeTwoEachAndOnFourNoneIsLeftOut() {
        assertEquals(Map.of("i0", 2, "i1", 2, "i2", 2), perInstance(SPREAD.assign(partitions("t", 6), members(3, 4, Map.of()))));
        Map<String, Integer> four = perInstance(SPREAD.assign(partitions("t", 4), members(3, 4, Map.of())));
        assertTrue(four.values().stream().allMatch(n -> n >= 1 && n <= 2), four.toString());
        assertEquals(4, four.values().stream().mapToInt(Integer::intValue).sum());
    }

    @Test
    void everyPartitionHasExactlyOneConsumerWhenNothingIsOwned() {
        Map<String, List<String>> assignment = SPREAD.assign(partitions("t", 7), members(2, 3, Map.of()));
        List<String> all = assignment.values().stream().flatMap(List::stream).sorted().toList();
        assertEquals(partitions("t", 7).stream().sorted().toList(), all);
        assertEquals(Map.of("i0", 4, "i1", 3), perInstance(assignment));
    }

    @Test
    void aJoiningInstanceGetsItsShareInTwoRoundsAndNothingIsOwnedTwice() {
        // one instance held all four partitions; a second one joins
        Map<String, List<String>> owned = Map.of("i0-c0", List.of("t-0"), "i0-c1", List.of("t-1"),
                "i0-c2", List.of("t-2"), "i0-c3", List.of("t-3"));
        Map<String, List<String>> first = SPREAD.assign(partitions("t", 4), members(2, 4, owned));
        // round one: the first instance keeps two, gives up two, and nobody else takes them yet
        assertEquals(2, perInstance(first).get("i0"));
        assertEquals(0, perInstance(first).getOrDefault("i1", 0));
        Set<String> kept = new HashSet<>();
        first.values().forEach(kept::addAll);
        owned.forEach((member, partitions) -> partitions.stream().filter(p -> !first.get(member).contains(p))
                .forEach(p -> assertTrue(!kept.contains(p), p + " given up and given to another in the same round")));
        // round two, from what round one left: the second instance takes the two given up
        Map<String, List<String>> second = SPREAD.assign(partitions("t", 4), members(2, 4, first));
        assertEquals(Map.of("i0", 2, "i1", 2), perInstance(second));
        first.forEach((member, partitions) -> assertTrue(second.get(member).containsAll(partitions), member + " kept"));
    }

    @Test
    void membersThatTakeOtherTopicsGetOnlyTheirs() {
        List<InstanceSpread.Member<String>> members = List.of(
                new InstanceSpread.Member<>("a", "x", Set.of("t"), List.of()),
                new InstanceSpread.Member<>("b", "y", Set.of("u"), List.of()));
        List<String> partitions = new ArrayList<>(partitions("t", 2));
        partitions.addAll(partitions("u", 2));
        Map<String, List<String>> assignment = SPREAD.assign(partitions, members);
        assertEquals(List.of("t-0", "t-1"), assignment.get("a"));
        assertEquals(List.of("u-0", "u-1"), assignment.get("b"));
    }
}
