package io.sendports.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a group's definition on its own: its name, description, member names and subscription. Whether each
 * member exists and is one-way depends on the other ports, so the herder checks that ({@link #memberError}).
 */
public final class SendPortGroups {
    private SendPortGroups() {
    }

    /**
     * Checks a draft and builds the group.
     *
     * @throws InvalidDefinitionException when the draft or {@code problems} holds any error
     */
    public static SendPortGroup define(GroupDraft draft, ReservedTopics reserved, Problems problems) {
        SendPorts.nameAndDescription(draft.name(), draft.description(), problems);
        List<String> members = new ArrayList<>();
        List<String> written = draft.sendPorts() == null ? List.of() : draft.sendPorts();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < written.size(); i++) {
            String member = written.get(i);
            String error = Names.entityNameError(member);
            if (error != null) {
                problems.add("sendPorts[" + i + "]", error);
            } else if (!seen.add(Names.key(member))) {
                problems.add("sendPorts[" + i + "]", "is listed twice");
            } else {
                members.add(member);
            }
        }
        Subscription subscription = SendPorts.subscription(draft.topics(), draft.filter(), reserved, problems);
        problems.throwIfAny();
        return new SendPortGroup(draft.name(), draft.description(), members, subscription);
    }

    /** Why {@code port} cannot be a member, or null when it can: only existing one-way ports can. */
    public static String memberError(SendPort port) {
        if (port == null) {
            return "names no send port";
        }
        if (port.isSolicitResponse()) {
            return "is a solicit-response port; only one-way ports can be members of a group";
        }
        return null;
    }
}
