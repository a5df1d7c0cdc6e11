package io.sendports.reconcile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

import io.sendports.control.GroupRecord;
import io.sendports.control.PortRecord;
import io.sendports.domain.GroupPath;
import io.sendports.domain.Names;
import io.sendports.domain.SendPortGroups;

/**
 * The group paths of one member as the control view says they should be: one per enlisted group the port belongs
 * to, each with the subscriptions that come before it (DESIGN.md §3a, "Exactly one copy"; {@link GroupPath}).
 */
final class GroupPaths {
    /** The {@code via} of a member's own subscription. */
    static final String OWN = "own";

    private GroupPaths() {
    }

    /**
     * The member's paths, in the order of their groups' names.
     *
     * @param member the port, or null when the member names no port; it has no paths then, nor when it is a
     *               solicit-response port (only the API refuses such members; a record of another tool may name one)
     * @param groups every group the port belongs to, in any state
     */
    static List<GroupPath> of(PortRecord member, Collection<GroupRecord> groups) {
        List<GroupPath> paths = new ArrayList<>();
        if (member == null || SendPortGroups.memberError(member.port()) != null) {
            return paths;
        }
        List<GroupPath.Before> before = new ArrayList<>();
        if (member.state().isEnlisted()) {
            before.add(new GroupPath.Before(OWN, member.port().subscription(), member.enlistedAt()));
        }
        List<GroupRecord> ordered = groups.stream()
                .sorted(Comparator.comparing((GroupRecord g) -> Names.key(g.name()))).toList();
        for (GroupRecord group : ordered) {
            Instant start = group.pathStart(member.name());
            if (start == null) {
                continue;
            }
            paths.add(new GroupPath(group.name(), member.name(), group.group().subscription(), start, before));
            before.add(new GroupPath.Before(group.name(), group.group().subscription(), start));
        }
        return paths;
    }
}
