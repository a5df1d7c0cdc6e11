package io.sendports.console;

import java.util.List;

import io.sendports.api.GroupStatus;
import io.sendports.control.GroupDocument;
import io.sendports.domain.PortState;

/** One row of the Send Port Groups view: the group, its members' states and waiting counts, the actions offered. */
public record GroupRow(String name, long revision, String state, String stateLabel, String description, List<Member> members,
        String topics, String filter, long waiting, List<Offered.Action> actions, boolean editable) {

    /** A member as the row shows it; {@code state} is empty for a name that no longer names a port. */
    public record Member(String name, String state, long waiting) {
    }

    static GroupRow of(GroupDocument group, ConsoleUser user) {
        GroupStatus status = (GroupStatus) group.status();
        List<Member> members = status == null ? List.of() : status.members().stream()
                .map(m -> new Member(m.name(), m.state() == null ? "" : m.state(), m.waiting() == null ? 0 : m.waiting()))
                .toList();
        long waiting = members.stream().mapToLong(Member::waiting).sum();
        PortState state = PortState.parse(group.state()).orElse(PortState.UNENLISTED);
        return new GroupRow(group.name(), group.revision() == null ? 0 : group.revision(), group.state(), Labels.state(group.state()),
                group.description() == null ? "" : group.description(), members, Labels.topics(group.subscription()),
                Labels.filter(group.subscription()), waiting, Offered.Action.of(Offered.forGroup(user, state)), user.admin());
    }

    public boolean offers(String action) {
        return actions.stream().anyMatch(a -> a.verb().equals(action));
    }
}
