package io.sendports.camel;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * The figures of one group path: the messages a group's subscription took for one member, and those waiting for
 * it through the group, tagged {@code group=<group>, port=<member>}. The member's deliveries, failures and
 * suspensions count in the member's own {@link PortMetrics}, whichever subscription took the message.
 */
public final class PathMetrics {
    private final MeterRegistry registry;
    private final Counter routed;
    private final AtomicLong lag = new AtomicLong();
    private final Gauge lagGauge;

    PathMetrics(MeterRegistry registry, String group, String port) {
        this.registry = registry;
        Tags tags = Tags.of("group", group, "port", port);
        routed = Counter.builder("sendports.group.messages.routed").tags(tags)
                .description("Messages the group's subscription took for the member (handed to its delivery)")
                .register(registry);
        lagGauge = Gauge.builder("sendports.group.lag", lag, AtomicLong::get).tags(tags)
                .description("Messages waiting in Kafka for the member through the group").register(registry);
    }

    public void routed() {
        routed.increment();
    }

    public long routedCount() {
        return (long) routed.count();
    }

    public void lag(long waiting) {
        lag.set(waiting);
    }

    void remove() {
        for (Meter meter : List.of(routed, lagGauge)) {
            registry.remove(meter);
        }
    }
}
