package io.sendports.reconcile;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.sendports.SendportsConfig;
import io.sendports.camel.DeliveryMetrics;
import io.sendports.control.ControlView;
import io.sendports.control.GroupRecord;
import io.sendports.control.PortRecord;
import io.sendports.domain.GroupPath;
import io.sendports.domain.Names;
import io.sendports.domain.PortState;
import io.sendports.domain.SendPort;

/**
 * The status service: the broker-derived part of every port's status (how many messages wait for it, and when
 * the oldest of them was published), measured in batched passes on its own thread and kept in memory, so that
 * reading a status never calls the broker. A full pass over every enlisted port runs every
 * {@code sendports.status-refresh} (started by the {@link Reconciler} once the control view caught up); a port the
 * reconciler acted on is measured again {@link #SOON} after the action was answered, together with every other
 * port acted on meanwhile (one batched measurement, never on the reconciler's threads).
 *
 * <p>Invariants: a read is a map look-up; a pass asks the broker for all its ports at once (one
 * {@code describeTopics}, one {@code listOffsets} per bound, one {@code listConsumerGroupOffsets} for every group),
 * never once per port; a measurement belongs to one enlistment of a port and is never shown for another (a port
 * unenlisted and enlisted again has no lag until it is measured again); a measurement only replaces one that began
 * earlier; a pass Kafka did not answer leaves its ports without a lag (the status shows null, as API.md says).
 */
@ApplicationScoped
public class PortStatuses {
    private static final Logger LOG = Logger.getLogger(PortStatuses.class);
    /** How long after an action its port is measured: actions that come together are measured together. */
    static final Duration SOON = Duration.ofMillis(200);

    private final ControlView view;
    private final ConsumerGroups groups;
    private final DeliveryMetrics metrics;
    private final Clock clock;
    private final Duration every;
    private final Map<String, Measured> measured = new ConcurrentHashMap<>();
    /** By the path's consumer group, lower-cased; {@code enlistedAt} is the path's start. */
    private final Map<String, Measured> measuredPaths = new ConcurrentHashMap<>();
    /** Ports acted on since their last measurement (keys). */
    private final Set<String> changed = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean soonScheduled = new AtomicBoolean();
    private volatile ScheduledExecutorService thread;

    /** A port's lag in one enlistment of it, and when it was measured (when the measurement began). */
    record Measured(long lag, Instant enlistedAt, Instant measuredAt) {
    }

    public PortStatuses(ControlView view, ConsumerGroups groups, DeliveryMetrics metrics, Clock clock,
            SendportsConfig config) {
        this.view = view;
        this.groups = groups;
        this.metrics = metrics;
        this.clock = clock;
        this.every = config.statusRefresh();
    }

    /**
     * Messages waiting for an enlisted port, as last measured in its current enlistment; null before the first
     * measurement or when Kafka did not answer it.
     */
    public Long lag(PortRecord record) {
        Measured last = measured.get(Names.key(record.name()));
        return last == null || !Objects.equals(last.enlistedAt(), record.enlistedAt()) ? null : last.lag();
    }

    /**
     * Messages waiting for {@code member} through an enlisted group, as last measured in the path's current start;
     * null before the first measurement, 0 while the group is unenlisted.
     */
    public Long pathLag(GroupRecord group, String member) {
        Instant start = group.pathStart(member);
        if (start == null) {
            return 0L;
        }
        Measured last = measuredPaths.get(Names.key(GroupPath.consumerGroup(group.name(), member)));
        return last == null || !start.equals(last.enlistedAt()) ? null : last.lag();
    }

    /** Starts the periodic pass; called once the control view caught up. */
    synchronized void start() {
        if (thread != null) {
            return;
        }
        thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sendports-status");
            t.setDaemon(true);
            return t;
        });
        thread.scheduleWithFixedDelay(this::refreshQuietly, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        if (!changed.isEmpty()) {
            soon();
        }
    }

    /**
     * The reconciler acted on a port (its answer is released already): measure it soon, on this service's thread.
     * Costs the caller a set insertion.
     */
    void changed(String name) {
        changed.add(Names.key(name));
        soon();
    }

    private void soon() {
        ScheduledExecutorService current = thread;
        if (current != null && soonScheduled.compareAndSet(false, true)) {
            try {
                current.schedule(this::refreshChanged, SOON.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                soonScheduled.set(false);
            }
        }
    }

    /**
     * Measures every enlisted port and every group path now, with the age of a port's oldest waiting message, and
     * forgets the others.
     */
    synchronized void refresh() {
        Map<PortRecord, List<GroupPath>> measurable = measurable(view.ports());
        Set<String> keys = new HashSet<>();
        Set<String> pathKeys = new HashSet<>();
        measurable.forEach((record, paths) -> {
            keys.add(Names.key(record.name()));
            paths.forEach(path -> pathKeys.add(Names.key(path.consumerGroup())));
        });
        measured.keySet().retainAll(keys);
        measuredPaths.keySet().retainAll(pathKeys);
        changed.removeAll(keys);
        measure(measurable, true);
    }

    /**
     * The ports something waits for in Kafka (enlisted, or members of an enlisted group), each with its group paths;
     * the groups are looked through once for all of them.
     */
    private Map<PortRecord, List<GroupPath>> measurable(Collection<PortRecord> records) {
        Map<String, List<GroupRecord>> groupsOf = new HashMap<>();
        for (GroupRecord group : view.groups()) {
            group.group().sendPorts().forEach(member -> groupsOf.computeIfAbsent(Names.key(member),
                    key -> new ArrayList<>()).add(group));
        }
        Map<PortRecord, List<GroupPath>> measurable = new LinkedHashMap<>();
        for (PortRecord record : records) {
            List<GroupPath> paths = GroupPaths.of(record, groupsOf.getOrDefault(Names.key(record.name()), List.of()));
            if (record.state().isEnlisted() || !paths.isEmpty()) {
                measurable.put(record, paths);
            }
        }
        return measurable;
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            LOG.warnf("Measuring the ports' lag failed (next pass in %s): %s", every, e.getMessage());
        }
    }

    /** Measures the ports acted on since the last pass, in one batch. */
    private void refreshChanged() {
        soonScheduled.set(false);
        try {
            synchronized (this) {
                List<PortRecord> acted = new ArrayList<>();
                for (String key : List.copyOf(changed)) {
                    changed.remove(key);
                    view.port(key).ifPresent(acted::add);
                }
                measure(measurable(acted), false);
            }
        } catch (RuntimeException e) {
            LOG.warnf("Measuring the lag of changed ports failed: %s", e.getMessage());
        }
    }

    /**
     * One batched measurement of the given ports and their group paths; the oldest waiting message's age only when
     * asked (it reads).
     */
    private void measure(Map<PortRecord, List<GroupPath>> paths, boolean oldest) {
        if (paths.isEmpty()) {
            return;
        }
        Collection<PortRecord> records = paths.keySet();
        for (PortRecord record : records) {
            // a port Sendports stopped itself carries the reason in its record until an action changes its state
            if (record.state() == PortState.STOPPED && record.reason() != null) {
                metrics.forPort(record.name()).stoppedOnFailure(true);
            } else {
                metrics.find(record.name()).ifPresent(port -> port.stoppedOnFailure(false));
            }
        }
        Instant at = clock.instant();
        Map<String, List<String>> subscriptions = new HashMap<>();
        paths.forEach((record, own) -> {
            if (record.state().isEnlisted()) {
                subscriptions.put(record.port().consumerGroup(), record.port().subscription().topics());
            }
            own.forEach(path -> subscriptions.put(path.consumerGroup(), path.subscription().topics()));
        });
        Map<String, Long> lag;
        try {
            lag = groups.lag(subscriptions);
        } catch (RuntimeException e) {
            LOG.debugf("Lag not available: %s", e.getMessage());
            records.forEach(r -> measured.remove(Names.key(r.name())));
            return;
        }
        for (PortRecord record : records) {
            for (GroupPath path : paths.get(record)) {
                Long count = lag.get(path.consumerGroup());
                if (count != null) {
                    keep(measuredPaths, path.consumerGroup(), new Measured(count, path.start(), at));
                    metrics.forPath(path.group(), path.member()).lag(count);
                }
            }
            SendPort port = record.port();
            Long count = record.state().isEnlisted() ? lag.get(port.consumerGroup()) : null;
            if (count == null) {
                continue;
            }
            keep(measured, port.name(), new Measured(count, record.enlistedAt(), at));
            metrics.forPort(port.name()).lag(count);
            if (count == 0) {
                metrics.forPort(port.name()).oldestWaiting(null);
            } else if (oldest) {
                metrics.forPort(port.name()).oldestWaiting(oldestWaiting(port));
            }
        }
    }

    /** A measurement replaces one that began earlier only. */
    private static void keep(Map<String, Measured> into, String name, Measured fresh) {
        into.merge(Names.key(name), fresh, (held, now) -> now.measuredAt().isBefore(held.measuredAt()) ? held : now);
    }

    private Instant oldestWaiting(SendPort port) {
        try {
            return groups.oldestWaiting(port).orElse(null);
        } catch (RuntimeException e) {
            LOG.debugf("Oldest waiting message of %s not available: %s", port.name(), e.getMessage());
            return null;
        }
    }

    @PreDestroy
    void stop() {
        ScheduledExecutorService current = thread;
        if (current != null) {
            current.shutdownNow();
        }
    }
}
