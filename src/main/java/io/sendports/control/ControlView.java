package io.sendports.control;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.sendports.domain.InvalidDefinitionException;
import io.sendports.domain.Names;
import io.sendports.domain.ReservedTopics;

/**
 * This instance's in-memory copy of desired state, built from the control topic alone. Every instance
 * that has read the same records holds the same view. Listeners are told of changes only after the
 * start-up catch-up, so they never act on a half-read history.
 *
 * <p>Ports ({@code port/<name>}) and groups ({@code group/<name>}) are separate namespaces. Rules that span both (a
 * member must be a one-way port; a member cannot be deleted) are the herder's: applying a record never looks at
 * another key, so that a compacted topic, which keeps each key's last record in its own place, reads the same.
 *
 * <p>Revisions (DESIGN.md §4): a record that names a base revision is applied only when the entity is still
 * at that revision (0 when there is none), else skipped, so of two writers that read the same revision
 * exactly one wins, on every instance alike. What became of each recent record is kept by offset, so that
 * a writer can tell after read-your-writes whether its own record won ({@link #outcome}).
 */
@ApplicationScoped
public class ControlView implements ControlRecordListener {
    private static final Logger LOG = Logger.getLogger(ControlView.class);

    /** Enough for any writer waiting on its read-back; older outcomes are forgotten. */
    private static final int OUTCOMES_KEPT = 4096;

    /** What became of one control record. */
    public enum Outcome {
        /** The view changed (or the record asked for what already was, e.g. deleting an absent port). */
        APPLIED,
        /** Based on a revision the entity is no longer at: another change won; nothing changed. */
        STALE,
        /** Invalid, or for an unknown key: nothing changed. */
        REJECTED
    }

    private final Map<String, PortRecord> ports = new ConcurrentHashMap<>();
    private final Map<String, GroupRecord> groups = new ConcurrentHashMap<>();
    /**
     * Keys whose deletion this view read: a record based on a revision above 0 then refers to the deleted entity,
     * not to records that compaction removed (see {@code ControlRecords#base}).
     */
    private final Set<String> deletedPorts = ConcurrentHashMap.newKeySet();
    private final Set<String> deletedGroups = ConcurrentHashMap.newKeySet();
    private final Map<Long, Outcome> outcomes = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Outcome> eldest) {
            return size() > OUTCOMES_KEPT;
        }
    };
    private final List<ViewListener> listeners = new CopyOnWriteArrayList<>();
    private final ReservedTopics reserved;
    private volatile boolean caughtUp;

    public ControlView(ReservedTopics reserved) {
        this.reserved = reserved;
    }

    public void addListener(ViewListener listener) {
        listeners.add(listener);
    }

    public boolean caughtUp() {
        return caughtUp;
    }

    /** The port with this name, ignoring case. */
    public Optional<PortRecord> port(String name) {
        return Optional.ofNullable(ports.get(Names.key(name)));
    }

    public Collection<PortRecord> ports() {
        return List.copyOf(ports.values());
    }

    /** The group with this name, ignoring case. */
    public Optional<GroupRecord> group(String name) {
        return Optional.ofNullable(groups.get(Names.key(name)));
    }

    public Collection<GroupRecord> groups() {
        return List.copyOf(groups.values());
    }

    /** The groups {@code port} is a member of. */
    public List<GroupRecord> groupsOf(String port) {
        return groups.values().stream().filter(group -> group.group().hasMember(port)).toList();
    }

    /** What became of the record at this offset, while it is among the last few thousand read. */
    public Optional<Outcome> outcome(long offset) {
        synchronized (outcomes) {
            return Optional.ofNullable(outcomes.get(offset));
        }
    }

    @Override
    public void onRecord(String key, byte[] value, long offset, long timestamp) {
        Outcome outcome = Outcome.REJECTED;
        if (key == null) {
            LOG.warnf("Skipped control record at offset %d: it has no key", offset);
        } else if (key.startsWith(ControlRecords.PORT_PREFIX)) {
            outcome = applyPort(key.substring(ControlRecords.PORT_PREFIX.length()), value, offset, timestamp);
        } else if (key.startsWith(ControlRecords.GROUP_PREFIX)) {
            outcome = applyGroup(key.substring(ControlRecords.GROUP_PREFIX.length()), value, offset, timestamp);
        } else {
            LOG.warnf("Skipped control record at offset %d: unknown key '%s' (expected port/<name> or group/<name>)",
                    offset, key);
        }
        remember(offset, outcome);
    }

    /**
     * The tombstone the herder writes after its {@code port.deleted} event has been applied, only so that
     * compaction drops the key: the port is already gone, and a port that another instance created again
     * in between must stay.
     */
    @Override
    public void onCompactionTombstone(String key, long offset) {
        remember(offset, Outcome.APPLIED);
    }

    private void remember(long offset, Outcome outcome) {
        synchronized (outcomes) {
            outcomes.put(offset, outcome);
        }
    }

    private Outcome applyPort(String name, byte[] value, long offset, long timestamp) {
        return apply("port", ports, deletedPorts, name, value, offset, previous -> {
            PortRecord record = ControlRecords.readPort(name, value, previous, deletedPorts.contains(Names.key(name)),
                    timestamp);
            // a record written by another tool is held to Sendports' topics as configured, like a REST request
            return record == null ? null : record.withPort(PortDocuments.reserving(record.port(), reserved));
        }, PortRecord::name, ViewListener::portChanged);
    }

    private Outcome applyGroup(String name, byte[] value, long offset, long timestamp) {
        return apply("group", groups, deletedGroups, name, value, offset,
                previous -> ControlRecords.readGroup(name, value, previous, deletedGroups.contains(Names.key(name)),
                        timestamp, reserved), GroupRecord::name,
                ViewListener::groupChanged);
    }

    /** Reads one entity's record; null when the record deletes the entity. */
    private interface Reader<R> {
        R read(R previous);
    }

    /**
     * Applies one record of a port or a group: a tombstone or a deletion event removes the entity; a stale or
     * invalid record changes nothing.
     */
    private <R> Outcome apply(String what, Map<String, R> entities, Set<String> deleted, String name, byte[] value,
            long offset,
            Reader<R> reader, java.util.function.Function<R, String> nameOf,
            java.util.function.BiConsumer<ViewListener, String> notify) {
        String nameError = Names.entityNameError(name);
        if (nameError != null) {
            LOG.warnf("Skipped control record at offset %d: %s name '%s' %s", offset, what, name, nameError);
            return Outcome.REJECTED;
        }
        String key = Names.key(name);
        R previous = entities.get(key);
        if (value == null) {
            entities.remove(key);
            deleted.add(key);
        } else {
            try {
                R record = reader.read(previous);
                if (record == null) {
                    // a deletion event: from here on exactly what a tombstone does
                    entities.remove(key);
                    deleted.add(key);
                } else if (previous != null && !nameOf.apply(previous).equals(nameOf.apply(record))) {
                    LOG.warnf("Skipped control record at offset %d: %s '%s' already exists as '%s'",
                            offset, what, name, nameOf.apply(previous));
                    return Outcome.REJECTED;
                } else {
                    entities.put(key, record);
                }
            } catch (ControlRecords.StaleRecord e) {
                LOG.infof("Skipped control record at offset %d for %s '%s': %s", offset, what, name, e.getMessage());
                return Outcome.STALE;
            } catch (ControlRecords.RejectedRecord | InvalidDefinitionException e) {
                LOG.warnf("Skipped control record at offset %d for %s '%s': %s (value: %.500s)", offset, what, name,
                        e.getMessage(), new String(value, StandardCharsets.UTF_8));
                return Outcome.REJECTED;
            }
        }
        if (caughtUp) {
            listeners.forEach(listener -> notify.accept(listener, name));
        }
        return Outcome.APPLIED;
    }

    @Override
    public void onCaughtUp() {
        caughtUp = true;
        listeners.forEach(ViewListener::caughtUp);
    }
}
