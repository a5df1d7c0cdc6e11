package io.sendports.domain;

import java.util.List;

/** The topics a port subscribes to and the filter that selects its messages among them. */
public record Subscription(List<String> topics, Filter filter) {
    public Subscription {
        topics = List.copyOf(topics);
        filter = filter == null ? Filter.NONE : filter;
    }
}
