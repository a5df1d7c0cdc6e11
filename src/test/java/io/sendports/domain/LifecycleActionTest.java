package io.sendports.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The state table of DESIGN.md §3, cell by cell. */
class LifecycleActionTest {

    @ParameterizedTest(name = "{0} from {1} -> {2}")
    @CsvSource({
            "ENLIST,   UNENLISTED, STOPPED",
            "ENLIST,   STOPPED,    STOPPED",
            "ENLIST,   STARTED,    STARTED",
            "START,    UNENLISTED, STARTED",
            "START,    STOPPED,    STARTED",
            "START,    STARTED,    STARTED",
            "STOP,     STOPPED,    STOPPED",
            "STOP,     STARTED,    STOPPED",
            "UNENLIST, UNENLISTED, UNENLISTED",
            "UNENLIST, STOPPED,    UNENLISTED",
            "UNENLIST, STARTED,    UNENLISTED",
    })
    void stateTable(LifecycleAction action, PortState from, PortState expected) {
        assertEquals(expected, action.apply(from));
    }

    @Test
    void stopFromUnenlistedIsAConflict() {
        IllegalTransitionException e = assertThrows(IllegalTransitionException.class,
                () -> LifecycleAction.STOP.apply(PortState.UNENLISTED));
        assertTrue(e.getMessage().contains("unenlisted"), e.getMessage());
    }

    @Test
    void everyCellIsDefined() {
        int cells = 0;
        for (LifecycleAction action : LifecycleAction.values()) {
            for (PortState state : PortState.values()) {
                cells++;
                if (action == LifecycleAction.STOP && state == PortState.UNENLISTED) {
                    assertThrows(IllegalTransitionException.class, () -> action.apply(state));
                } else {
                    assertTrue(action.apply(state) != null, action + " from " + state);
                }
            }
        }
        assertEquals(12, cells);
    }

    @Test
    void verbsAndStateNames() {
        assertEquals("enlist", LifecycleAction.ENLIST.verb());
        assertEquals("start", LifecycleAction.START.verb());
        assertEquals("stop", LifecycleAction.STOP.verb());
        assertEquals("unenlist", LifecycleAction.UNENLIST.verb());
        assertEquals("unenlisted", PortState.UNENLISTED.json());
        assertEquals(PortState.STARTED, PortState.parse("started").orElseThrow());
        assertTrue(PortState.parse("running").isEmpty());
        assertTrue(PortState.STOPPED.isEnlisted());
        assertTrue(PortState.STARTED.isEnlisted());
        assertTrue(!PortState.UNENLISTED.isEnlisted());
    }
}
