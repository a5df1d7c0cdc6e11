package io.sendports.control;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import io.sendports.SendportsConfig;
import io.sendports.domain.InvalidDefinitionException;
import io.sendports.domain.FieldError;
import io.sendports.domain.LifecycleAction;
import io.sendports.domain.Names;
import io.sendports.domain.PortState;
import io.sendports.domain.SendPort;

/**
 * Owns every management change. It checks a request against the view, writes the management event to
 * the control topic, waits until the event is read back into the view (read-your-writes) and until this
 * instance's reconciler has acted on it, then answers. It never touches routes or consumer groups itself.
 * Changes to one port made through one instance are serialized (changes to different ports are not);
 * concurrent writers on several instances resolve as
 * last-writer-wins on the compacted topic.
 */
@ApplicationScoped
public class Herder {
    private final ControlTopicStore store;
    private final ControlView view;
    private final Instance<Realizer> realizer;
    private final Leftovers leftovers;
    private final Duration applyTimeout;
    /** Writes to one port are serialized (by its case-insensitive name); writes to different ports are not. */
    private final ReentrantLock[] writeLocks = new ReentrantLock[64];

    public Herder(ControlTopicStore store, ControlView view, Instance<Realizer> realizer, Leftovers leftovers,
            SendportsConfig config) {
        this.leftovers = leftovers;
        this.store = store;
        this.view = view;
        this.realizer = realizer;
        this.applyTimeout = config.applyTimeout();
        for (int i = 0; i < writeLocks.length; i++) {
            writeLocks[i] = new ReentrantLock(true);
        }
    }

    public boolean ready() {
        return store.caughtUp() && view.caughtUp();
    }

    public List<PortRecord> ports() {
        return view.ports().stream().sorted(Comparator.comparing(r -> r.name().toLowerCase())).toList();
    }

    public PortRecord port(String name) {
        return view.port(name).orElseThrow(() -> new NoSuchEntityException("no send port named '" + name + "'"));
    }

    /** Creates a port in the given initial state. */
    public PortRecord create(SendPort port, PortState initial, String actor) {
        return write(port.name(), () -> {
            view.port(port.name()).ifPresent(existing -> {
                throw new ConflictException("a send port named '" + existing.name() + "' already exists");
            });
            Instant now = now();
            PortRecord record = new PortRecord(port, initial, 1, now, actor, initial.isEnlisted() ? now : null, null);
            return commit(record, "port.created");
        });
    }

    /** Replaces a port's definition; its state is kept. Kind and pattern cannot change. */
    public PortRecord update(SendPort port, String actor) {
        return write(port.name(), () -> {
            PortRecord current = port(port.name());
            if (!current.name().equals(port.name())) {
                throw new InvalidDefinitionException(List.of(new FieldError("name",
                        "must be spelt as the port's name: '" + current.name() + "'")));
            }
            if (!current.port().canBecome(port)) {
                throw new ConflictException("kind and pattern of a send port cannot change; delete and re-create it");
            }
            if (current.port().equals(port)) {
                return current;
            }
            PortRecord record = new PortRecord(port, current.state(), current.revision() + 1, now(), actor,
                    current.enlistedAt(), current.reason());
            return commit(record, "port.updated");
        });
    }

    /** Applies a lifecycle action per the state table; a no-op writes nothing. */
    public PortRecord lifecycle(String name, LifecycleAction action, String actor) {
        return lifecycle(name, action, actor, null);
    }

    /**
     * Applies a lifecycle action with the reason Sendports itself took it (shown in the port's status).
     */
    public PortRecord lifecycle(String name, LifecycleAction action, String actor, String reason) {
        return write(name, () -> {
            PortRecord current = port(name);
            PortState next = action.apply(current.state());
            if (next == current.state()) {
                return current;
            }
            Instant now = now();
            Instant enlistedAt = !next.isEnlisted() ? null : current.state().isEnlisted() ? current.enlistedAt() : now;
            PortRecord record = new PortRecord(current.port(), next, current.revision() + 1, now, actor, enlistedAt,
                    reason);
            return commit(record, "port." + pastTense(action));
        });
    }

    /**
     * Deletes an unenlisted port that has no parked or suspended messages; with {@code force} also one that has
     * (the reconciler suspends the parked ones, docs/DELIVERY.md).
     */
    public void delete(String name, String actor, boolean force) {
        write(name, () -> {
            PortRecord current = port(name);
            if (current.state() != PortState.UNENLISTED) {
                throw new ConflictException("send port '" + current.name() + "' is " + current.state().json()
                        + "; unenlist it before deleting it");
            }
            if (!force) {
                leftovers.refuseDelete(current.name());
            }
            append(ControlRecords.portKey(current.name()), null);
            awaitRealized(current.name(), -1);
            return null;
        });
    }

    private PortRecord commit(PortRecord record, String type) {
        append(ControlRecords.portKey(record.name()), ControlRecords.writePort(record, type));
        awaitRealized(record.name(), record.revision());
        return view.port(record.name()).orElse(record);
    }

    private void append(String key, byte[] value) {
        try {
            store.append(key, value, applyTimeout);
        } catch (TimeoutException e) {
            throw new NotReadyException(e.getMessage());
        }
    }

    private void awaitRealized(String name, long revision) {
        if (realizer.isResolvable()) {
            realizer.get().awaitRealized(name, revision, applyTimeout);
        }
    }

    private <T> T write(String name, java.util.function.Supplier<T> change) {
        if (!ready()) {
            throw new NotReadyException("Sendports is still reading the control topic; try again shortly");
        }
        ReentrantLock writeLock = writeLocks[Math.floorMod(Names.key(name).hashCode(), writeLocks.length)];
        writeLock.lock();
        try {
            return change.get();
        } finally {
            writeLock.unlock();
        }
    }

    private Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private static String pastTense(LifecycleAction action) {
        return switch (action) {
            case ENLIST -> "enlisted";
            case START -> "started";
            case STOP -> "stopped";
            case UNENLIST -> "unenlisted";
        };
    }
}
