package io.sendports.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.sendports.domain.PortState;

/**
 * Group records ({@code group/<name>}) on the control topic: written by the herder, read back by every instance
 * alike, with revisions, deletion, lenient reading and the time each member joined. Driven without a broker.
 */
class GroupRecordsTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private final ControlView view = new ControlView(io.sendports.domain.ReservedTopics.DEFAULT);
    private final List<String> changed = new ArrayList<>();
    private long offset;

    GroupRecordsTest() {
        view.addListener(new ViewListener() {
            @Override
            public void portChanged(String name) {
            }

            @Override
            public void groupChanged(String name) {
                changed.add(name);
            }

            @Override
            public void caughtUp() {
            }
        });
        view.onCaughtUp();
    }

    @Test
    void aWrittenGroupReadsBackAsItWasWithEachMembersJoiningTime() {
        GroupRecord written = group("g", PortState.STARTED, 1, T0, List.of("a", "B"),
                Map.of("a", T0, "b", T0.plusSeconds(5)));
        apply("g", ControlRecords.writeGroup(written, "group.created", 0));

        GroupRecord read = view.group("G").orElseThrow();
        assertEquals(written, read);
        assertEquals(T0.plusSeconds(5), read.pathStart("b"), "the later of the enlistment and the joining");
        assertEquals(T0, read.pathStart("a"));
        assertNull(read.pathStart("c"), "no member");
        assertEquals(List.of("g"), changed);
        assertEquals(List.of("g"), view.groupsOf("A").stream().map(GroupRecord::name).toList());
    }

    @Test
    void aMemberKeepsItsJoiningTimeAndANewOneJoinsAtTheRecordsTimeWhenNoneIsWritten() {
        apply("g", ControlRecords.writeGroup(group("g", PortState.STOPPED, 1, T0, List.of("a"), Map.of("a", T0)),
                "group.created", 0));
        String update = """
                {"type":"group.updated","baseRevision":1,"time":"2026-12-01T11:00:00Z","state":"stopped",
                 "definition":{"sendPorts":["a","b"],"subscription":{"topics":["orders"]}}}""";
        apply("g", update.getBytes(StandardCharsets.UTF_8));

        GroupRecord read = view.group("g").orElseThrow();
        assertEquals(2, read.revision());
        assertEquals(T0, read.memberSince().get("a"));
        assertEquals(Instant.parse("2026-12-01T11:00:00Z"), read.memberSince().get("b"));
        assertEquals(T0, read.enlistedAt(), "still the same enlistment");
    }

    @Test
    void aStaleGroupRecordChangesNothingAndADeletionRemovesTheGroup() {
        apply("g", ControlRecords.writeGroup(group("g", PortState.UNENLISTED, 1, T0, List.of(), Map.of()),
                "group.created", 0));
        GroupRecord current = view.group("g").orElseThrow();
        long stale = apply("g", ControlRecords.writeGroup(group("g", PortState.STARTED, 1, T0, List.of(), Map.of()),
                "group.started", 0));
        assertEquals(ControlView.Outcome.STALE, view.outcome(stale).orElseThrow());
        assertEquals(PortState.UNENLISTED, view.group("g").orElseThrow().state());

        apply("g", ControlRecords.writeGroupDeletion(current, "api", T0));
        assertTrue(view.group("g").isEmpty());
    }

    @Test
    void aBareGroupDocumentIsReadAndAnInvalidOneIsRejected() {
        apply("bare", """
                {"state":"stopped","sendPorts":["p"],"subscription":{"topics":["t"]}}""".getBytes(StandardCharsets.UTF_8));
        GroupRecord bare = view.group("bare").orElseThrow();
        assertEquals(PortState.STOPPED, bare.state());
        assertEquals(List.of("p"), bare.group().sendPorts());

        long invalid = apply("bad", """
                {"sendPorts":["p","P"],"subscription":{"topics":[]}}""".getBytes(StandardCharsets.UTF_8));
        assertEquals(ControlView.Outcome.REJECTED, view.outcome(invalid).orElseThrow());
        assertTrue(view.group("bad").isEmpty());
        assertTrue(view.port("bare").isEmpty(), "ports and groups are separate namespaces");
    }

    private static GroupRecord group(String name, PortState state, long revision, Instant time, List<String> members,
            Map<String, Instant> since) {
        return new GroupRecord(new io.sendports.domain.SendPortGroup(name, "", members,
                new io.sendports.domain.Subscription(List.of("orders"), null)), state, revision, time, "alice",
                state.isEnlisted() ? time : null, since);
    }

    private long apply(String name, byte[] value) {
        long at = offset++;
        view.onRecord(ControlRecords.groupKey(name), value, at, T0.toEpochMilli());
        return at;
    }
}
