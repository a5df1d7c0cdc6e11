package io.sendports.domain;

import java.util.Collection;
import java.util.Map;

/**
 * The rules of DESIGN.md §3a that tie a send port group's state to its members' states, each refused with a
 * sentence that names the rule (HTTP 409). Group actions follow the port's state table ({@link LifecycleAction})
 * and never change a member's state; these rules only refuse.
 *
 * <ul>
 * <li>a group cannot be started while none of its members is enlisted;</li>
 * <li>the last enlisted member of an enlisted or started group cannot be unenlisted;</li>
 * <li>a member is removed from a group only while it is stopped or unenlisted;</li>
 * <li>a port that belongs to a group cannot be deleted; a group is deleted only when unenlisted.</li>
 * </ul>
 */
public final class GroupRules {
    private GroupRules() {
    }

    /**
     * The state a group action leads to, from the group's {@code current} state and its members' states.
     *
     * @throws IllegalTransitionException when the state table or the start rule forbids it
     */
    public static PortState act(String group, LifecycleAction action, PortState current, Collection<PortState> members) {
        if (action == LifecycleAction.STOP && current == PortState.UNENLISTED) {
            throw new IllegalTransitionException("cannot stop the unenlisted group '" + group
                    + "': enlist or start it first");
        }
        if (action == LifecycleAction.START && current != PortState.STARTED
                && members.stream().noneMatch(PortState::isEnlisted)) {
            throw new IllegalTransitionException("cannot start group '" + group + "': none of its send ports is "
                    + "enlisted (a group starts only with at least one enlisted member)");
        }
        return action.apply(current);
    }

    /**
     * Refuses to unenlist {@code port} when it is the last enlisted member of an enlisted or started group.
     *
     * @param groups the port's groups with their states
     * @param otherMembers for each of those groups, the states of its other members
     */
    public static void unenlistMember(String port, Map<String, PortState> groups,
            Map<String, ? extends Collection<PortState>> otherMembers) {
        for (Map.Entry<String, PortState> group : groups.entrySet()) {
            Collection<PortState> others = otherMembers.get(group.getKey());
            if (group.getValue().isEnlisted()
                    && (others == null || others.stream().noneMatch(PortState::isEnlisted))) {
                throw new IllegalTransitionException("cannot unenlist port '" + port + "': it is the last enlisted "
                        + "send port of group '" + group.getKey() + "', which is " + group.getValue().json()
                        + " (unenlist the group first, or enlist another of its ports)");
            }
        }
    }

    /** Refuses to remove a started member: a member leaves a group only while stopped or unenlisted. */
    public static void removeMember(String group, String port, PortState portState) {
        if (portState == PortState.STARTED) {
            throw new IllegalTransitionException("cannot remove port '" + port + "' from group '" + group
                    + "' while the port is started: stop or unenlist it first");
        }
    }

    /** Refuses to delete a port that belongs to a group. */
    public static void deletePort(String port, Collection<String> groups) {
        if (!groups.isEmpty()) {
            throw new IllegalTransitionException("cannot delete port '" + port + "': it belongs to send port group"
                    + (groups.size() == 1 ? " '" : "s '") + String.join("', '", groups) + "'; remove it from "
                    + (groups.size() == 1 ? "that group" : "those groups") + " first");
        }
    }

    /** Refuses to delete a group that is not unenlisted; deleting it leaves its ports as they are. */
    public static void deleteGroup(String group, PortState state) {
        if (state != PortState.UNENLISTED) {
            throw new IllegalTransitionException("cannot delete group '" + group + "' while it is " + state.json()
                    + ": unenlist it first (its send ports stay as they are)");
        }
    }
}
