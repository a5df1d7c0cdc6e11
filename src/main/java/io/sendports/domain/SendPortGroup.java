package io.sendports.domain;

import java.util.List;

/**
 * A send port group (DESIGN.md §3a): a named set of one-way send ports with a subscription of its own. A message
 * the subscription selects reaches each member once, under the member's own settings, while the group and the
 * member are both started. Members are named as written; names are compared ignoring case ({@link Names#key}).
 */
public record SendPortGroup(String name, String description, List<String> sendPorts, Subscription subscription) {
    public SendPortGroup {
        description = description == null ? "" : description;
        sendPorts = List.copyOf(sendPorts);
    }

    /** Whether {@code port} is a member, ignoring case. */
    public boolean hasMember(String port) {
        String key = Names.key(port);
        return sendPorts.stream().anyMatch(member -> Names.key(member).equals(key));
    }
}
