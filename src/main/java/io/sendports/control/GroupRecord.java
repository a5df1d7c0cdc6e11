package io.sendports.control;

import java.time.Instant;
import java.util.Map;

import io.sendports.domain.Names;
import io.sendports.domain.PortState;
import io.sendports.domain.SendPortGroup;

/**
 * A send port group as the control topic says it should be: its definition and target state, with the
 * bookkeeping of the event that last changed it. Desired state only.
 *
 * @param enlistedAt  when the current enlistment began (null while unenlisted)
 * @param memberSince since when each member belongs to the group, by {@link Names#key}; a member added to an
 *                    enlisted group takes the group's messages published from then on
 */
public record GroupRecord(SendPortGroup group, PortState state, long revision, Instant updatedAt, String actor,
        Instant enlistedAt, Map<String, Instant> memberSince) {

    public GroupRecord {
        memberSince = Map.copyOf(memberSince);
    }

    public String name() {
        return group.name();
    }

    /**
     * From when the group's messages are kept for {@code member}: the later of the group's enlistment and the
     * member's joining. Null while the group is unenlisted or the port is no member.
     */
    public Instant pathStart(String member) {
        Instant since = memberSince.get(Names.key(member));
        if (enlistedAt == null || since == null || !group.hasMember(member)) {
            return null;
        }
        return since.isAfter(enlistedAt) ? since : enlistedAt;
    }
}
