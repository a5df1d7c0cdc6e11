package io.sendports.camel;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.sendports.domain.Names;

/** The {@link PortMetrics} of every port this instance has run, by port name (ignoring case). */
@ApplicationScoped
public class DeliveryMetrics {
    private final MeterRegistry registry;
    private final Map<String, PortMetrics> ports = new ConcurrentHashMap<>();

    public DeliveryMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public PortMetrics forPort(String name) {
        return ports.computeIfAbsent(Names.key(name), key -> new PortMetrics(registry, name));
    }

    public Optional<PortMetrics> find(String name) {
        return Optional.ofNullable(ports.get(Names.key(name)));
    }

    public void remove(String name) {
        PortMetrics metrics = ports.remove(Names.key(name));
        if (metrics != null) {
            metrics.remove();
        }
    }
}
