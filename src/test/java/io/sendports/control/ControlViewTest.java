package io.sendports.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The view's rules for revisions (DESIGN.md §4): a record with a base revision is applied only when the
 * base is the port's current revision (0 when there is no port), otherwise skipped; a record without one
 * is applied as before. Driven with records as the control topic delivers them, without a broker.
 */
class ControlViewTest {
    private final ControlView view = new ControlView(io.sendports.domain.ReservedTopics.DEFAULT);
    private final List<String> changed = new ArrayList<>();
    private long offset;

    ControlViewTest() {
        view.addListener(new ViewListener() {
            @Override
            public void portChanged(String name) {
                changed.add(name);
            }

            @Override
            public void caughtUp() {
            }
        });
        view.onCaughtUp();
    }

    @Test
    void aRecordBasedOnTheCurrentRevisionIsAppliedAndRaisesItByOne() {
        record("p", event("port.created", 0L, "one"));
        record("p", event("port.updated", 1L, "two"));

        PortRecord port = view.port("p").orElseThrow();
        assertEquals("two", port.port().description());
        assertEquals(2, port.revision());
    }

    @Test
    void aRecordBasedOnAnOlderRevisionIsSkipped() {
        record("p", event("port.created", 0L, "one"));
        record("p", event("port.updated", 1L, "two"));
        changed.clear();
        long stale = record("p", event("port.updated", 1L, "lost race"));

        PortRecord port = view.port("p").orElseThrow();
        assertEquals("two", port.port().description(), "the stale record changed nothing");
        assertEquals(2, port.revision());
        assertEquals(List.of(), changed, "listeners hear nothing of a skipped record");
        assertEquals(ControlView.Outcome.STALE, view.outcome(stale).orElseThrow());
    }

    @Test
    void aCreateBasedOnNoEntityIsSkippedWhenThePortExists() {
        record("p", event("port.created", 0L, "first"));
        long second = record("p", event("port.created", 0L, "second"));

        assertEquals("first", view.port("p").orElseThrow().port().description());
        assertEquals(ControlView.Outcome.STALE, view.outcome(second).orElseThrow());
    }

    @Test
    void recordsWithoutABaseRevisionAreAppliedAsBefore() {
        record("p", event("port.created", 0L, "api"));
        long tool = record("p", bare("written by a tool"));

        PortRecord port = view.port("p").orElseThrow();
        assertEquals("written by a tool", port.port().description());
        assertEquals(2, port.revision());
        assertEquals(ControlView.Outcome.APPLIED, view.outcome(tool).orElseThrow());
    }

    @Test
    void aDeletionEventRemovesThePortOnlyWhenItsBaseMatches() {
        record("p", event("port.created", 0L, "one"));
        record("p", event("port.started", 1L, "one"));
        long stale = record("p", deletion(1L));
        assertTrue(view.port("p").isPresent(), "a delete based on revision 1 does not remove revision 2");
        assertEquals(ControlView.Outcome.STALE, view.outcome(stale).orElseThrow());

        changed.clear();
        long current = record("p", deletion(2L));
        assertTrue(view.port("p").isEmpty());
        assertEquals(List.of("p"), changed, "listeners hear of the deletion as of a tombstone");
        assertEquals(ControlView.Outcome.APPLIED, view.outcome(current).orElseThrow());
    }

    @Test
    void theCompactionTombstoneAfterADeletionChangesNothingButAPlainTombstoneDeletes() {
        record("p", event("port.created", 0L, "one"));
        record("p", deletion(1L));
        record("p", event("port.created", 0L, "re-created by another instance"));
        changed.clear();
        view.onCompactionTombstone("port/p", ++offset);
        assertEquals("re-created by another instance", view.port("p").orElseThrow().port().description());
        assertEquals(List.of(), changed);

        record("p", null);
        assertTrue(view.port("p").isEmpty(), "a tombstone written by another tool deletes as before");
    }

    @Test
    void theLastChangeKeepsItsActorAndTime() {
        record("p", event("port.created", 0L, "one"));
        PortRecord port = view.port("p").orElseThrow();
        assertEquals("alice", port.actor());
        assertEquals("2026-12-01T08:00:00Z", port.updatedAt().toString());
    }

    @Test
    void aRewriteOfTheCurrentRecordKeepsItsRevisionAndAnOutdatedOneIsSkipped() {
        record("p", event("port.created", 0L, "one"));
        record("p", event("port.updated", 1L, "two"));
        long rewrite = record("p", event("port.rewritten", 2L, "two"));
        assertEquals(ControlView.Outcome.APPLIED, view.outcome(rewrite).orElseThrow());
        assertEquals(2, view.port("p").orElseThrow().revision(), "a rewrite is no change");

        long outdated = record("p", event("port.rewritten", 1L, "one"));
        assertEquals(ControlView.Outcome.STALE, view.outcome(outdated).orElseThrow());
        assertEquals("two", view.port("p").orElseThrow().port().description());
    }

    @Test
    void aRecordLeftAloneByCompactionIsAppliedToItsBase() {
        // compaction kept only the port's last record, based on revision 4
        long last = record("p", event("port.updated", 4L, "fifth"));
        assertEquals(ControlView.Outcome.APPLIED, view.outcome(last).orElseThrow());
        assertEquals(5, view.port("p").orElseThrow().revision());
        record("p", event("port.updated", 5L, "sixth"));
        assertEquals("sixth", view.port("p").orElseThrow().port().description());
    }

    @Test
    void afterADeletionOnlyACreateApplies() {
        record("p", event("port.created", 0L, "one"));
        record("p", deletion(1));
        long late = record("p", event("port.updated", 1L, "lost race against the delete"));
        assertEquals(ControlView.Outcome.STALE, view.outcome(late).orElseThrow());
        assertTrue(view.port("p").isEmpty());
        record("p", event("port.created", 0L, "again"));
        assertEquals(1, view.port("p").orElseThrow().revision());
    }

    private long record(String name, String value) {
        long at = ++offset;
        view.onRecord("port/" + name, value == null ? null : value.getBytes(StandardCharsets.UTF_8), at, 0);
        return at;
    }

    private static String event(String type, Long base, String description) {
        return """
                {"type":"%s","entity":"port","name":"p",%s"revision":%d,"time":"2026-12-01T08:00:00Z",
                 "actor":"alice","state":"%s",
                 "definition":{"name":"p","description":"%s","kind":"static","pattern":"one-way",
                   "subscription":{"topics":["in"]},"transport":{"type":"kafka","address":"kafka:out"}}}
                """.formatted(type, base == null ? "" : "\"baseRevision\":" + base + ",", base == null ? 1 : base + 1,
                type.equals("port.started") ? "started" : "unenlisted", description);
    }

    private static String bare(String description) {
        return """
                {"description":"%s","kind":"static","pattern":"one-way","subscription":{"topics":["in"]},
                 "transport":{"type":"kafka","address":"kafka:out"}}
                """.formatted(description);
    }

    private static String deletion(long base) {
        return "{\"type\":\"port.deleted\",\"entity\":\"port\",\"name\":\"p\",\"baseRevision\":" + base
                + ",\"time\":\"2026-12-01T08:00:00Z\",\"actor\":\"alice\"}";
    }
}
