package io.sendports.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.sendports.domain.PortState;
import io.sendports.security.Role;

/** The actions offered per role and state: DESIGN.md §3's table crossed with §7's rights. */
class OfferedTest {
    private static final ConsoleUser ADMIN = new ConsoleUser("a", Role.ADMIN, "");
    private static final ConsoleUser OPERATOR = new ConsoleUser("o", Role.OPERATOR, "");
    private static final ConsoleUser VIEWER = new ConsoleUser("v", Role.VIEWER, "");

    @Test
    void anAdminIsOfferedEveryActionThatChangesTheState() {
        assertEquals(List.of("start", "enlist", "delete"), Offered.forPort(ADMIN, PortState.UNENLISTED, false));
        assertEquals(List.of("start", "unenlist"), Offered.forPort(ADMIN, PortState.STOPPED, false));
        assertEquals(List.of("stop", "unenlist"), Offered.forPort(ADMIN, PortState.STARTED, false));
    }

    @Test
    void aPortInAGroupIsNotOfferedForDeletion() {
        assertEquals(List.of("start", "enlist"), Offered.forPort(ADMIN, PortState.UNENLISTED, true));
        assertEquals(List.of("start", "enlist", "delete"), Offered.forGroup(ADMIN, PortState.UNENLISTED));
    }

    @Test
    void anOperatorStartsAndStopsOnlyWhatIsEnlisted() {
        assertEquals(List.of(), Offered.forPort(OPERATOR, PortState.UNENLISTED, false));
        assertEquals(List.of("start"), Offered.forPort(OPERATOR, PortState.STOPPED, false));
        assertEquals(List.of("stop"), Offered.forPort(OPERATOR, PortState.STARTED, false));
        assertEquals(List.of("start"), Offered.forGroup(OPERATOR, PortState.STOPPED));
    }

    @Test
    void aViewerIsOfferedNothing() {
        for (PortState state : PortState.values()) {
            assertEquals(List.of(), Offered.forPort(VIEWER, state, false), state.json());
            assertEquals(List.of(), Offered.forGroup(VIEWER, state), state.json());
        }
    }

    @Test
    void labelsAreBizTalksWords() {
        assertEquals("Static One-way", Labels.kind("static", "one-way"));
        assertEquals("Dynamic Solicit-Response", Labels.kind("dynamic", "solicit-response"));
        assertEquals("1h 2m", Labels.age("PT1H2M3S"));
        assertEquals("4s", Labels.age("PT4S"));
    }
}
