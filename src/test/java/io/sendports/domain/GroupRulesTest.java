package io.sendports.domain;

import static io.sendports.domain.PortState.STARTED;
import static io.sendports.domain.PortState.STOPPED;
import static io.sendports.domain.PortState.UNENLISTED;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The group rules of DESIGN.md §3a, one by one, with the sentence each refusal gives. */
class GroupRulesTest {
    @ParameterizedTest
    @EnumSource(LifecycleAction.class)
    void aGroupFollowsThePortsStateTableWhenAMemberIsEnlisted(LifecycleAction action) {
        for (PortState from : PortState.values()) {
            if (action == LifecycleAction.STOP && from == UNENLISTED) {
                continue;
            }
            assertEquals(action.apply(from), GroupRules.act("g", action, from, List.of(UNENLISTED, STOPPED)),
                    action + " from " + from);
        }
    }

    @Test
    void anUnenlistedGroupCannotBeStopped() {
        IllegalTransitionException refused = assertThrows(IllegalTransitionException.class,
                () -> GroupRules.act("g", LifecycleAction.STOP, UNENLISTED, List.of(STARTED)));
        assertEquals("cannot stop the unenlisted group 'g': enlist or start it first", refused.getMessage());
    }

    @Test
    void noStartWithoutAnEnlistedMember() {
        for (List<PortState> members : List.of(List.<PortState>of(), List.of(UNENLISTED), List.of(UNENLISTED, UNENLISTED))) {
            for (PortState from : List.of(UNENLISTED, STOPPED)) {
                IllegalTransitionException refused = assertThrows(IllegalTransitionException.class,
                        () -> GroupRules.act("g", LifecycleAction.START, from, members), members + " from " + from);
                assertTrue(refused.getMessage().contains("none of its send ports is enlisted"), refused.getMessage());
            }
        }
        assertEquals(STARTED, GroupRules.act("g", LifecycleAction.START, STOPPED, List.of(UNENLISTED, STOPPED)));
        assertEquals(STARTED, GroupRules.act("g", LifecycleAction.START, STARTED, List.of(UNENLISTED)),
                "starting a started group is a no-op, whatever its members did since");
    }

    @Test
    void enlistAndUnenlistNeedNoEnlistedMember() {
        assertEquals(STOPPED, GroupRules.act("g", LifecycleAction.ENLIST, UNENLISTED, List.of()));
        assertEquals(UNENLISTED, GroupRules.act("g", LifecycleAction.UNENLIST, STARTED, List.of(UNENLISTED)));
    }

    @Test
    void theLastEnlistedMemberOfAnEnlistedGroupCannotBeUnenlisted() {
        for (PortState group : List.of(STOPPED, STARTED)) {
            IllegalTransitionException refused = assertThrows(IllegalTransitionException.class,
                    () -> GroupRules.unenlistMember("p", Map.of("g", group), Map.of("g", List.of(UNENLISTED))));
            assertEquals("cannot unenlist port 'p': it is the last enlisted send port of group 'g', which is "
                    + group.json() + " (unenlist the group first, or enlist another of its ports)", refused.getMessage());
        }
        assertDoesNotThrow(() -> GroupRules.unenlistMember("p", Map.of("g", UNENLISTED), Map.of("g", List.of())));
        assertDoesNotThrow(() -> GroupRules.unenlistMember("p", Map.of("g", STARTED), Map.of("g", List.of(STOPPED))));
        assertThrows(IllegalTransitionException.class, () -> GroupRules.unenlistMember("p",
                Map.of("ok", STARTED, "last", STOPPED), Map.of("ok", List.of(STARTED), "last", List.of())),
                "one group where it is the last enlisted member is enough");
    }

    @Test
    void onlyAStoppedOrUnenlistedMemberIsRemoved() {
        IllegalTransitionException refused = assertThrows(IllegalTransitionException.class,
                () -> GroupRules.removeMember("g", "p", STARTED));
        assertEquals("cannot remove port 'p' from group 'g' while the port is started: stop or unenlist it first",
                refused.getMessage());
        assertDoesNotThrow(() -> GroupRules.removeMember("g", "p", STOPPED));
        assertDoesNotThrow(() -> GroupRules.removeMember("g", "p", UNENLISTED));
    }

    @Test
    void aPortInAGroupIsNotDeleted() {
        assertEquals("cannot delete port 'p': it belongs to send port group 'g'; remove it from that group first",
                assertThrows(IllegalTransitionException.class, () -> GroupRules.deletePort("p", List.of("g"))).getMessage());
        assertEquals("cannot delete port 'p': it belongs to send port groups 'a', 'b'; remove it from those groups first",
                assertThrows(IllegalTransitionException.class, () -> GroupRules.deletePort("p", List.of("a", "b")))
                        .getMessage());
        assertDoesNotThrow(() -> GroupRules.deletePort("p", List.of()));
    }

    @Test
    void aGroupIsDeletedOnlyWhenUnenlisted() {
        for (PortState state : List.of(STOPPED, STARTED)) {
            assertEquals("cannot delete group 'g' while it is " + state.json()
                    + ": unenlist it first (its send ports stay as they are)",
                    assertThrows(IllegalTransitionException.class, () -> GroupRules.deleteGroup("g", state)).getMessage());
        }
        assertDoesNotThrow(() -> GroupRules.deleteGroup("g", UNENLISTED));
    }
}
