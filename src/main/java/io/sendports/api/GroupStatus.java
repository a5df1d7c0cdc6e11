package io.sendports.api;

import java.util.List;

/**
 * A group's runtime status (read-only in the API): each member with its state and the messages waiting for it
 * through the group.
 */
public record GroupStatus(List<Member> members) {

    /**
     * @param state   the member's own state; null when the member names no port (deleted on another instance
     *                while it was being added)
     * @param waiting messages of the group's subscription waiting in Kafka for the member, as last measured; 0 while
     *                the group is unenlisted; null until first measured
     * @param routed  messages the group's subscription took for the member on this instance since it started (the
     *                member's own subscription, or a group before this one, took the others)
     */
    public record Member(String name, String state, Long waiting, long routed) {
    }
}
