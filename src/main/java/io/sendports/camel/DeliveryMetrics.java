package io.sendports.camel;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.sendports.domain.GroupPath;
import io.sendports.domain.Names;

/**
 * The {@link PortMetrics} of every port this instance has run, by port name (ignoring case), and the
 * {@link PathMetrics} of every group path.
 */
@ApplicationScoped
public class DeliveryMetrics {
    private final MeterRegistry registry;
    private final Map<String, PortMetrics> ports = new ConcurrentHashMap<>();
    /** By the path's consumer group, lower-cased. */
    private final Map<String, PathMetrics> paths = new ConcurrentHashMap<>();

    /** How many messages are suspended, over all ports; none until the suspended store says. */
    private volatile java.util.function.LongSupplier suspended = () -> 0;

    public DeliveryMetrics(MeterRegistry registry) {
        this.registry = registry;
        // A supplier, held strongly: a gauge holds its state object only weakly, and a lost state object reads as
        // nothing at all in the scrape.
        io.micrometer.core.instrument.Gauge.builder("sendports.suspended.messages", () -> suspended.getAsLong())
                .description("Messages in the suspended topic, waiting to be resumed or terminated (all ports)")
                .register(registry);
    }

    /** Where the number of suspended messages comes from: the suspended store, which reads the whole topic. */
    public void countSuspended(java.util.function.LongSupplier count) {
        suspended = count;
    }

    public PortMetrics forPort(String name) {
        return ports.computeIfAbsent(Names.key(name), key -> new PortMetrics(registry, name));
    }

    public Optional<PortMetrics> find(String name) {
        return Optional.ofNullable(ports.get(Names.key(name)));
    }

    /** The figures of the path of {@code group} to {@code port}. */
    public PathMetrics forPath(String group, String port) {
        return paths.computeIfAbsent(Names.key(GroupPath.consumerGroup(group, port)),
                key -> new PathMetrics(registry, group, port));
    }

    public Optional<PathMetrics> findPath(String group, String port) {
        return Optional.ofNullable(paths.get(Names.key(GroupPath.consumerGroup(group, port))));
    }

    public void removePath(String group, String port) {
        PathMetrics metrics = paths.remove(Names.key(GroupPath.consumerGroup(group, port)));
        if (metrics != null) {
            metrics.remove();
        }
    }

    public void remove(String name) {
        PortMetrics metrics = ports.remove(Names.key(name));
        if (metrics != null) {
            metrics.remove();
        }
    }
}
