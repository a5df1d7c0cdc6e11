package io.sendports.control;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
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
 * Changes to one port made through one instance are serialized (changes to different ports are not).
 *
 * <p>Every change names the revision it was based on, and the view applies it only if the port is still
 * at that revision (DESIGN.md §4). So a writer on another instance (or another tool) that got in between
 * makes this instance's record a no-op everywhere, and the herder answers {@code 412} when the caller gave
 * {@code If-Match}, else {@code 409}: nobody's change is overwritten silently. Sendports' own stops
 * (stop on failure) are retried on the new revision instead, so they are never lost.
 */
@ApplicationScoped
public class Herder {
    /** How often Sendports' own change (a stop on failure) is tried when other writers keep winning. */
    private static final int OWN_CHANGE_ATTEMPTS = 10;

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
        return view.ports().stream().sorted(Comparator.comparing(PortRecord::name, String.CASE_INSENSITIVE_ORDER)).toList();
    }

    public PortRecord port(String name) {
        return view.port(name).orElseThrow(() -> new NoSuchEntityException("no send port named '" + name + "'"));
    }

    /**
     * The port, if it is at revision {@code ifMatch} (when given): a request checks its precondition before
     * its content (RFC 9110, 13.2.1); the change itself checks it again.
     */
    public PortRecord port(String name, OptionalLong ifMatch) {
        PortRecord current = port(name);
        checkMatch(current, ifMatch);
        return current;
    }

    /** Creates a port in the given initial state. */
    public PortRecord create(SendPort port, PortState initial, String actor) {
        return write(port.name(), () -> {
            view.port(port.name()).ifPresent(existing -> {
                throw new ConflictException("a send port named '" + existing.name() + "' already exists");
            });
            Instant now = now();
            PortRecord record = new PortRecord(port, initial, 1, now, actor, initial.isEnlisted() ? now : null, null);
            return commit(record, "port.created", OptionalLong.empty());
        });
    }

    /** Replaces a port's definition; its state is kept. Kind and pattern cannot change. */
    public PortRecord update(SendPort port, String actor) {
        return update(port, actor, OptionalLong.empty());
    }

    /**
     * Replaces a port's definition if it is still at revision {@code ifMatch} (when given).
     *
     * @throws PreconditionFailedException when the port is at another revision, now or at the read-back
     */
    public PortRecord update(SendPort port, String actor, OptionalLong ifMatch) {
        return write(port.name(), () -> {
            PortRecord current = port(port.name());
            checkMatch(current, ifMatch);
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
            return commit(record, "port.updated", ifMatch);
        });
    }

    /** Applies a lifecycle action per the state table; a no-op writes nothing. */
    public PortRecord lifecycle(String name, LifecycleAction action, String actor) {
        return lifecycle(name, action, actor, null, OptionalLong.empty());
    }

    /** Applies a lifecycle action if the port is still at revision {@code ifMatch} (when given). */
    public PortRecord lifecycle(String name, LifecycleAction action, String actor, OptionalLong ifMatch) {
        return lifecycle(name, action, actor, null, ifMatch);
    }

    /**
     * Applies a lifecycle action with the reason Sendports itself took it (shown in the port's status). A
     * concurrent change that wins the race does not cancel it: it is applied again to the new revision.
     */
    public PortRecord lifecycle(String name, LifecycleAction action, String actor, String reason) {
        return write(name, () -> {
            for (int attempt = 1;; attempt++) {
                try {
                    return lifecycle(name, action, actor, reason, OptionalLong.empty());
                } catch (ConcurrentChangeException lost) {
                    if (attempt >= OWN_CHANGE_ATTEMPTS) {
                        throw lost;
                    }
                }
            }
        });
    }

    private PortRecord lifecycle(String name, LifecycleAction action, String actor, String reason,
            OptionalLong ifMatch) {
        return write(name, () -> {
            PortRecord current = port(name);
            checkMatch(current, ifMatch);
            PortState next = action.apply(current.state());
            if (next == current.state()) {
                return current;
            }
            Instant now = now();
            Instant enlistedAt = !next.isEnlisted() ? null : current.state().isEnlisted() ? current.enlistedAt() : now;
            PortRecord record = new PortRecord(current.port(), next, current.revision() + 1, now, actor, enlistedAt,
                    reason);
            return commit(record, "port." + pastTense(action), ifMatch);
        });
    }

    /** Deletes an unenlisted port that has no parked or suspended messages. */
    public void delete(String name, String actor) {
        delete(name, actor, false, OptionalLong.empty());
    }

    /**
     * Deletes an unenlisted port if it is still at revision {@code ifMatch} (when given) and has no parked or
     * suspended messages; with {@code force} also one that has (the reconciler suspends the parked ones,
     * docs/DELIVERY.md). A tombstone cannot name the revision it was based on, so the deletion is a
     * {@code port.deleted} event that the view applies only if the port is still at the revision checked here;
     * once it is applied, a tombstone lets compaction drop the key.
     */
    public void delete(String name, String actor, boolean force, OptionalLong ifMatch) {
        write(name, () -> {
            PortRecord current = port(name);
            checkMatch(current, ifMatch);
            if (current.state() != PortState.UNENLISTED) {
                throw new ConflictException("send port '" + current.name() + "' is " + current.state().json()
                        + "; unenlist it before deleting it");
            }
            if (!force) {
                leftovers.refuseDelete(current.name());
            }
            String key = ControlRecords.portKey(current.name());
            long offset = append(key, ControlRecords.writeDeletion(current, actor, now()));
            checkApplied(offset, current.name(), ifMatch);
            try {
                store.appendCompactionTombstone(key, applyTimeout);
            } catch (TimeoutException e) {
                throw new NotReadyException(e.getMessage());
            }
            Optional<PortRecord> recreated = view.port(name);
            if (recreated.isPresent()) {
                keepThroughCompaction(recreated.get());
            } else {
                awaitRealized(current.name(), -1);
            }
            return null;
        });
    }

    /**
     * Another instance created the port again between the deletion and its tombstone: the view kept it, but
     * compaction would drop its record, so it is written once more after the tombstone. If that loses a race,
     * a later record exists anyway.
     */
    private void keepThroughCompaction(PortRecord recreated) {
        PortRecord copy = new PortRecord(recreated.port(), recreated.state(), recreated.revision() + 1,
                recreated.updatedAt(), recreated.actor(), recreated.enlistedAt(), recreated.reason());
        append(ControlRecords.portKey(recreated.name()), ControlRecords.writePort(copy, "port.rewritten",
                recreated.revision()));
    }

    private PortRecord commit(PortRecord record, String type, OptionalLong ifMatch) {
        long offset = append(ControlRecords.portKey(record.name()),
                ControlRecords.writePort(record, type, record.revision() - 1));
        checkApplied(offset, record.name(), ifMatch);
        awaitRealized(record.name(), record.revision());
        return view.port(record.name()).orElse(record);
    }

    private static void checkMatch(PortRecord current, OptionalLong ifMatch) {
        if (ifMatch.isPresent() && ifMatch.getAsLong() != current.revision()) {
            throw new PreconditionFailedException("send port '" + current.name() + "' is at revision "
                    + current.revision() + ", not " + ifMatch.getAsLong() + "; read it again");
        }
    }

    /** The record at {@code offset}, read back, was skipped if another change of the port was applied first. */
    private void checkApplied(long offset, String name, OptionalLong ifMatch) {
        if (view.outcome(offset).orElse(ControlView.Outcome.APPLIED) != ControlView.Outcome.STALE) {
            return;
        }
        String now = view.port(name).map(r -> "it is at revision " + r.revision()).orElse("it was deleted");
        String message = "send port '" + name + "' was changed by another writer at the same time (" + now
                + "); this change was not applied: read the port again and retry";
        if (ifMatch.isPresent()) {
            throw new PreconditionFailedException(message);
        }
        throw new ConcurrentChangeException(message);
    }

    private long append(String key, byte[] value) {
        try {
            return store.append(key, value, applyTimeout);
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
