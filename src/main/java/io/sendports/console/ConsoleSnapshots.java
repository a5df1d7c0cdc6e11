package io.sendports.console;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.sendports.api.EntityViews;
import io.sendports.control.GroupDocument;
import io.sendports.control.PortDocument;
import io.smallrye.mutiny.Multi;

/**
 * What the console shows, taken at once: every port and group with its status ({@link EntityViews}). A page is
 * rendered from a snapshot and names it; its live-update stream starts from that snapshot, so a change made
 * between the page's rendering and the stream's start is not missed.
 *
 * <p>One ticker takes a snapshot every {@link #EVERY} while any console listens, and every stream compares it with
 * its own last one: the view follows the control topic (changes made on any instance) and the status service
 * (counters, lag), so both appear without a reload. The last {@link #KEPT} snapshots are kept for pages to start
 * from; a page older than that starts from the current one.
 */
@ApplicationScoped
public class ConsoleSnapshots {
    static final Duration EVERY = Duration.ofMillis(500);
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(ConsoleSnapshots.class);
    private static final int KEPT = 64;

    /** Ports and groups in name order, keyed by name. */
    public record Snapshot(long id, Map<String, PortDocument> ports, Map<String, GroupDocument> groups) {
    }

    private final EntityViews views;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, Snapshot> kept = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Snapshot> eldest) {
            return size() > KEPT;
        }
    };
    private final Multi<Snapshot> ticks;

    public ConsoleSnapshots(EntityViews views) {
        this.views = views;
        this.ticks = Multi.createFrom().ticks().every(EVERY).onOverflow().drop()
                .map(tick -> takeOrSkip()).filter(Optional::isPresent).map(Optional::get)
                .broadcast().withCancellationAfterLastSubscriberDeparture().toAllSubscribers();
    }

    /** A new snapshot for the ticker, or none this time: one failed tick must not end every open console's stream. */
    private Optional<Snapshot> takeOrSkip() {
        try {
            return Optional.of(take());
        } catch (RuntimeException e) {
            LOG.warnf(e, "The console's snapshot failed; its live updates wait for the next one");
            return Optional.empty();
        }
    }

    /** A new snapshot, kept for pages to name. */
    public Snapshot take() {
        Map<String, PortDocument> ports = new LinkedHashMap<>();
        for (PortDocument port : views.ports()) {
            ports.put(port.name(), port);
        }
        Map<String, GroupDocument> groups = new LinkedHashMap<>();
        for (GroupDocument group : views.groups()) {
            groups.put(group.name(), group);
        }
        Snapshot snapshot = new Snapshot(ids.incrementAndGet(), ports, groups);
        synchronized (kept) {
            kept.put(snapshot.id(), snapshot);
        }
        return snapshot;
    }

    Optional<Snapshot> find(long id) {
        synchronized (kept) {
            return Optional.ofNullable(kept.get(id));
        }
    }

    /** A snapshot every {@link #EVERY}, shared by every listener. */
    Multi<Snapshot> ticks() {
        return ticks;
    }

    /** What changed from one snapshot to the next, for ports or for groups. */
    record Changes<T>(List<T> added, List<T> changed, List<String> removed) {
        boolean isEmpty() {
            return added.isEmpty() && changed.isEmpty() && removed.isEmpty();
        }

        static <T> Changes<T> between(Map<String, T> before, Map<String, T> after) {
            List<T> added = new java.util.ArrayList<>();
            List<T> changed = new java.util.ArrayList<>();
            after.forEach((name, now) -> {
                T then = before.get(name);
                if (then == null) {
                    added.add(now);
                } else if (!then.equals(now)) {
                    changed.add(now);
                }
            });
            List<String> removed = before.keySet().stream().filter(name -> !after.containsKey(name)).toList();
            return new Changes<>(added, changed, removed);
        }
    }
}
