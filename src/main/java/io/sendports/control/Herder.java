package io.sendports.control;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import io.sendports.SendportsConfig;
import io.sendports.domain.InvalidDefinitionException;
import io.sendports.domain.FieldError;
import io.sendports.domain.GroupRules;
import io.sendports.domain.LifecycleAction;
import io.sendports.domain.Names;
import io.sendports.domain.PortState;
import io.sendports.domain.SendPort;
import io.sendports.domain.SendPortGroup;
import io.sendports.domain.SendPortGroups;

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
    /** Group writes, and the port writes a group rule looks at (see {@link #underGroupLock}). */
    private final ReentrantLock groupLock = new ReentrantLock(true);

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

    /** The port with this name, if there is one. */
    public Optional<PortRecord> findPort(String name) {
        return view.port(name);
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
            PortRecord record = updatedPort(current, port, actor);
            return record == null ? current : commit(record, "port.updated", ifMatch);
        });
    }

    /** A port's next record with a new definition (its state kept), or null when the definition is the same. */
    private PortRecord updatedPort(PortRecord current, SendPort port, String actor) {
        if (!current.port().canBecome(port)) {
            throw new ConflictException("kind and pattern of a send port cannot change; delete and re-create it");
        }
        if (current.port().equals(port)) {
            return null;
        }
        return new PortRecord(port, current.state(), current.revision() + 1, now(), actor, current.enlistedAt(),
                current.reason());
    }

    /**
     * Writes many definitions as batches of control records (a bindings import): every port's record sent at once
     * and read back once, then every group's (a group may name a port of the same batch). A port or group that does
     * not exist is created unenlisted; one that exists gets the new definition and keeps its state; one whose
     * definition is the same is not written. Every write lock of this instance is held meanwhile, so no other change
     * made here interleaves; a change made on another instance at the same time makes its entity's record stale,
     * which is refused as a single change's would be (409), after the records before it were written.
     *
     * @param ports  definitions checked by the caller, each name once
     * @param groups definitions checked by the caller; members are checked again here, against the ports written
     */
    public void writeAll(List<SendPort> ports, List<SendPortGroup> groups, String actor) {
        if (!ready()) {
            throw new NotReadyException("Sendports is still reading the control topic; try again shortly");
        }
        for (ReentrantLock lock : writeLocks) {
            lock.lock();
        }
        try {
            underGroupLock(() -> {
                List<PortRecord> portRecords = writePorts(ports, actor);
                List<GroupRecord> groupRecords = writeGroups(groups, actor);
                portRecords.forEach(record -> awaitRealized(record.name(), record.revision()));
                groupRecords.forEach(record -> awaitGroupRealized(record.name(), record.revision()));
                return null;
            });
        } finally {
            for (int i = writeLocks.length - 1; i >= 0; i--) {
                writeLocks[i].unlock();
            }
        }
    }

    /** Applies a lifecycle action per the state table; a no-op writes nothing. */
    public PortRecord lifecycle(String name, LifecycleAction action, String actor) {
        return lifecycle(name, action, actor, null, OptionalLong.empty(), true);
    }

    /** Applies a lifecycle action if the port is still at revision {@code ifMatch} (when given). */
    public PortRecord lifecycle(String name, LifecycleAction action, String actor, OptionalLong ifMatch) {
        return lifecycle(name, action, actor, null, ifMatch, true);
    }

    /**
     * The same for a caller that may or may not enlist (DESIGN.md §7: an operator starts and stops, but starting an
     * unenlisted port would enlist it).
     *
     * @throws NotPermittedException when the action would enlist the port and {@code mayEnlist} is false
     */
    public PortRecord lifecycle(String name, LifecycleAction action, String actor, OptionalLong ifMatch,
            boolean mayEnlist) {
        return lifecycle(name, action, actor, null, ifMatch, mayEnlist);
    }

    /**
     * Applies a lifecycle action with the reason Sendports itself took it (shown in the port's status). A
     * concurrent change that wins the race does not cancel it: it is applied again to the new revision.
     */
    public PortRecord lifecycle(String name, LifecycleAction action, String actor, String reason) {
        return write(name, () -> {
            for (int attempt = 1;; attempt++) {
                try {
                    return lifecycle(name, action, actor, reason, OptionalLong.empty(), true);
                } catch (ConcurrentChangeException lost) {
                    if (attempt >= OWN_CHANGE_ATTEMPTS) {
                        throw lost;
                    }
                }
            }
        });
    }

    private PortRecord lifecycle(String name, LifecycleAction action, String actor, String reason,
            OptionalLong ifMatch, boolean mayEnlist) {
        return write(name, () -> {
            PortRecord current = port(name);
            checkMatch(current, ifMatch);
            PortState next = action.apply(current.state());
            refuseEnlisting("send port '" + current.name() + "'", current.state(), next, mayEnlist);
            if (next == current.state()) {
                return current;
            }
            if (next == PortState.UNENLISTED) {
                return underGroupLock(() -> {
                    refuseLastEnlistedMember(current.name());
                    return commitLifecycle(current, next, action, actor, reason, ifMatch);
                });
            }
            return commitLifecycle(current, next, action, actor, reason, ifMatch);
        });
    }

    private PortRecord commitLifecycle(PortRecord current, PortState next, LifecycleAction action, String actor,
            String reason, OptionalLong ifMatch) {
        Instant now = now();
        Instant enlistedAt = !next.isEnlisted() ? null : current.state().isEnlisted() ? current.enlistedAt() : now;
        PortRecord record = new PortRecord(current.port(), next, current.revision() + 1, now, actor, enlistedAt,
                reason);
        return commit(record, "port." + pastTense(action), ifMatch);
    }

    /** DESIGN.md §7: starting an unenlisted entity enlists it, which only a caller that may enlist can do. */
    private static void refuseEnlisting(String entity, PortState from, PortState to, boolean mayEnlist) {
        if (!mayEnlist && !from.isEnlisted() && to.isEnlisted()) {
            throw new NotPermittedException(entity + " is unenlisted, and starting it would enlist it: only an admin "
                    + "may enlist; ask one to enlist it, then start it");
        }
    }

    /** DESIGN.md §3a: the last enlisted member of an enlisted or started group stays enlisted. */
    private void refuseLastEnlistedMember(String port) {
        Map<String, PortState> groupStates = new LinkedHashMap<>();
        Map<String, List<PortState>> others = new HashMap<>();
        for (GroupRecord group : groups()) {
            if (!group.group().hasMember(port)) {
                continue;
            }
            groupStates.put(group.name(), group.state());
            others.put(group.name(), group.group().sendPorts().stream()
                    .filter(member -> !Names.key(member).equals(Names.key(port)))
                    .map(member -> view.port(member).map(PortRecord::state).orElse(PortState.UNENLISTED))
                    .toList());
        }
        GroupRules.unenlistMember(port, groupStates, others);
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
            return underGroupLock(() -> {
                GroupRules.deletePort(current.name(), groupsOf(current.name()));
                if (!force) {
                    leftovers.refuseDelete(current.name());
                }
                deleteChecked(current, actor, ifMatch);
                return null;
            });
        });
    }

    private void deleteChecked(PortRecord current, String actor, OptionalLong ifMatch) {
        String name = current.name();
        deleteRecord(ControlRecords.portKey(name), ControlRecords.writeDeletion(current, actor, now()),
                offset -> checkApplied(offset, name, ifMatch),
                () -> view.port(name).map(Herder::rewritten),
                () -> awaitRealized(name, -1));
    }

    /**
     * Appends a deletion event and, once it is applied, a tombstone only so that compaction drops the key. Should
     * another instance have created the entity again between the two, compaction would drop its record: it is
     * written once more after the tombstone (if that loses a race, a later record exists anyway).
     *
     * @param recreatedCopy the record that keeps the entity created again, when there is one
     */
    private void deleteRecord(String key, byte[] deletion, java.util.function.LongConsumer checkApplied,
            java.util.function.Supplier<Optional<byte[]>> recreatedCopy, Runnable awaitGone) {
        long offset = append(key, deletion);
        checkApplied.accept(offset);
        try {
            store.appendCompactionTombstone(key, applyTimeout);
        } catch (TimeoutException e) {
            throw new NotReadyException(e.getMessage());
        }
        Optional<byte[]> copy = recreatedCopy.get();
        if (copy.isPresent()) {
            append(key, copy.get());
        } else {
            awaitGone.run();
        }
    }

    // ---- send port groups (DESIGN.md §3a) ----

    public List<GroupRecord> groups() {
        return view.groups().stream().sorted(Comparator.comparing(GroupRecord::name, String.CASE_INSENSITIVE_ORDER))
                .toList();
    }

    public GroupRecord group(String name) {
        return view.group(name).orElseThrow(() -> new NoSuchEntityException("no send port group named '" + name + "'"));
    }

    /** The group, if it is at revision {@code ifMatch} (when given). */
    public GroupRecord group(String name, OptionalLong ifMatch) {
        GroupRecord current = group(name);
        checkGroupMatch(current, ifMatch);
        return current;
    }

    /** The groups of every port that belongs to any, by {@link Names#key} of the port: names sorted. */
    public Map<String, List<String>> memberships() {
        Map<String, List<String>> memberships = new HashMap<>();
        for (GroupRecord group : groups()) {
            for (String member : group.group().sendPorts()) {
                memberships.computeIfAbsent(Names.key(member), key -> new ArrayList<>()).add(group.name());
            }
        }
        return memberships;
    }

    /** The names of the groups {@code port} belongs to, sorted. */
    public List<String> groupsOf(String port) {
        return view.groupsOf(port).stream().map(GroupRecord::name).sorted(String.CASE_INSENSITIVE_ORDER).toList();
    }

    /**
     * Creates a group in the given initial state; every member must be an existing one-way port (400 on
     * {@code sendPorts[i]}), and a group created started needs an enlisted member (409).
     */
    public GroupRecord createGroup(SendPortGroup group, PortState initial, String actor) {
        return underGroupLock(() -> {
            view.group(group.name()).ifPresent(existing -> {
                throw new ConflictException("a send port group named '" + existing.name() + "' already exists");
            });
            SendPortGroup checked = withMembersChecked(group);
            if (initial == PortState.STARTED) {
                GroupRules.act(checked.name(), LifecycleAction.START, PortState.UNENLISTED, memberStates(checked));
            }
            return commitGroup(newGroup(checked, initial, actor), "group.created", OptionalLong.empty());
        });
    }

    /**
     * Replaces a group's definition if it is still at revision {@code ifMatch} (when given); its state is kept.
     * A member leaves only while it is stopped or unenlisted (409); a new member joins from now on.
     */
    public GroupRecord updateGroup(SendPortGroup group, String actor, OptionalLong ifMatch) {
        return underGroupLock(() -> {
            GroupRecord current = group(group.name());
            checkGroupMatch(current, ifMatch);
            if (!current.name().equals(group.name())) {
                throw new InvalidDefinitionException(List.of(new FieldError("name",
                        "must be spelt as the group's name: '" + current.name() + "'")));
            }
            GroupRecord record = updatedGroup(current, withMembersChecked(group), actor);
            return record == null ? current : commitGroup(record, "group.updated", ifMatch);
        });
    }

    /** A new group's first record: every member joins now. */
    private GroupRecord newGroup(SendPortGroup checked, PortState initial, String actor) {
        Instant now = now();
        Map<String, Instant> since = new HashMap<>();
        checked.sendPorts().forEach(member -> since.put(Names.key(member), now));
        return new GroupRecord(checked, initial, 1, now, actor, initial.isEnlisted() ? now : null, since);
    }

    /**
     * A group's next record with a new definition (its state kept), or null when the definition is the same. A
     * member leaves only while it is stopped or unenlisted (409); a new member joins from now on.
     */
    private GroupRecord updatedGroup(GroupRecord current, SendPortGroup checked, String actor) {
        for (String member : current.group().sendPorts()) {
            if (!checked.hasMember(member)) {
                view.port(member).ifPresent(port -> GroupRules.removeMember(current.name(), port.name(),
                        port.state()));
            }
        }
        if (current.group().equals(checked)) {
            return null;
        }
        Instant now = now();
        Map<String, Instant> since = new HashMap<>();
        for (String member : checked.sendPorts()) {
            Instant joined = current.group().hasMember(member) ? current.memberSince().get(Names.key(member)) : null;
            since.put(Names.key(member), joined != null ? joined : now);
        }
        return new GroupRecord(checked, current.state(), current.revision() + 1, now, actor, current.enlistedAt(),
                since);
    }

    /** Applies a lifecycle action to a group per DESIGN.md §3a; its members' states never change. */
    public GroupRecord groupLifecycle(String name, LifecycleAction action, String actor, OptionalLong ifMatch) {
        return groupLifecycle(name, action, actor, ifMatch, true);
    }

    /**
     * The same for a caller that may or may not enlist.
     *
     * @throws NotPermittedException when the action would enlist the group and {@code mayEnlist} is false
     */
    public GroupRecord groupLifecycle(String name, LifecycleAction action, String actor, OptionalLong ifMatch,
            boolean mayEnlist) {
        return underGroupLock(() -> {
            GroupRecord current = group(name);
            checkGroupMatch(current, ifMatch);
            PortState next = GroupRules.act(current.name(), action, current.state(), memberStates(current.group()));
            refuseEnlisting("send port group '" + current.name() + "'", current.state(), next, mayEnlist);
            if (next == current.state()) {
                return current;
            }
            Instant now = now();
            Instant enlistedAt = !next.isEnlisted() ? null : current.state().isEnlisted() ? current.enlistedAt() : now;
            GroupRecord record = new GroupRecord(current.group(), next, current.revision() + 1, now, actor, enlistedAt,
                    current.memberSince());
            return commitGroup(record, "group." + pastTense(action), ifMatch);
        });
    }

    /** Deletes an unenlisted group; its ports stay as they are. */
    public void deleteGroup(String name, String actor, OptionalLong ifMatch) {
        underGroupLock(() -> {
            GroupRecord current = group(name);
            checkGroupMatch(current, ifMatch);
            GroupRules.deleteGroup(current.name(), current.state());
            String groupName = current.name();
            deleteRecord(ControlRecords.groupKey(groupName), ControlRecords.writeGroupDeletion(current, actor, now()),
                    offset -> checkGroupApplied(offset, groupName, ifMatch),
                    () -> view.group(groupName).map(Herder::rewritten),
                    () -> awaitGroupRealized(groupName, -1));
            return null;
        });
    }

    /**
     * The group with each member checked (an existing one-way port, else 400 on {@code sendPorts[i]}) and spelt as
     * the port is.
     */
    private SendPortGroup withMembersChecked(SendPortGroup group) {
        List<FieldError> errors = memberErrors(group.sendPorts());
        if (!errors.isEmpty()) {
            throw new InvalidDefinitionException(errors);
        }
        List<String> members = group.sendPorts().stream().map(member -> port(member).name()).toList();
        return new SendPortGroup(group.name(), group.description(), members, group.subscription());
    }

    /**
     * Why each named port cannot be a member ({@code sendPorts[i]}): only existing one-way ports can. Names that
     * are null are left to the definition's own check.
     */
    public List<FieldError> memberErrors(List<String> names) {
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; names != null && i < names.size(); i++) {
            String member = names.get(i);
            if (member == null) {
                continue;
            }
            String error = SendPortGroups.memberError(view.port(member).map(PortRecord::port).orElse(null));
            if (error != null) {
                errors.add(new FieldError("sendPorts[" + i + "]", "'" + member + "' " + error));
            }
        }
        return errors;
    }

    /** The states of a group's members; a member that names no port (deleted meanwhile) counts as unenlisted. */
    private List<PortState> memberStates(SendPortGroup group) {
        return group.sendPorts().stream()
                .map(member -> view.port(member).map(PortRecord::state).orElse(PortState.UNENLISTED)).toList();
    }

    private GroupRecord commitGroup(GroupRecord record, String type, OptionalLong ifMatch) {
        long offset = append(ControlRecords.groupKey(record.name()),
                ControlRecords.writeGroup(record, type, record.revision() - 1));
        checkGroupApplied(offset, record.name(), ifMatch);
        awaitGroupRealized(record.name(), record.revision());
        return view.group(record.name()).orElse(record);
    }

    private static void checkGroupMatch(GroupRecord current, OptionalLong ifMatch) {
        checkMatch("send port group '" + current.name() + "'", current.revision(), ifMatch);
    }

    private void checkGroupApplied(long offset, String name, OptionalLong ifMatch) {
        checkApplied(offset, "send port group '" + name + "'",
                () -> view.group(name).map(r -> "it is at revision " + r.revision()).orElse("it was deleted"), ifMatch,
                ControlRecords.groupKey(name), () -> view.group(name).map(Herder::rewritten));
    }

    private void awaitGroupRealized(String name, long revision) {
        if (realizer.isResolvable()) {
            realizer.get().awaitGroupRealized(name, revision, applyTimeout);
        }
    }

    /**
     * Runs a change that a group rule may refuse: group writes, and port writes the rules look at (unenlist,
     * delete). On one instance they are serialized, so that two racing changes cannot both pass a rule that each
     * alone keeps (see docs/GROUPS.md for changes racing on two instances). Taken after a port's own lock.
     */
    private <T> T underGroupLock(java.util.function.Supplier<T> change) {
        return locked(groupLock, change);
    }

    private PortRecord commit(PortRecord record, String type, OptionalLong ifMatch) {
        long offset = append(ControlRecords.portKey(record.name()),
                ControlRecords.writePort(record, type, record.revision() - 1));
        checkApplied(offset, record.name(), ifMatch);
        awaitRealized(record.name(), record.revision());
        return view.port(record.name()).orElse(record);
    }

    private static void checkMatch(PortRecord current, OptionalLong ifMatch) {
        checkMatch("send port '" + current.name() + "'", current.revision(), ifMatch);
    }

    private static void checkMatch(String entity, long revision, OptionalLong ifMatch) {
        if (ifMatch.isPresent() && ifMatch.getAsLong() != revision) {
            throw new PreconditionFailedException(entity + " is at revision " + revision + ", not "
                    + ifMatch.getAsLong() + "; read it again");
        }
    }

    /** The record at {@code offset}, read back, was skipped if another change of the port was applied first. */
    private void checkApplied(long offset, String name, OptionalLong ifMatch) {
        checkApplied(offset, "send port '" + name + "'",
                () -> view.port(name).map(r -> "it is at revision " + r.revision()).orElse("it was deleted"), ifMatch,
                ControlRecords.portKey(name), () -> view.port(name).map(Herder::rewritten));
    }

    /**
     * Refuses a change whose record was skipped (another change of the entity was applied first), after making
     * sure that compaction keeps the winner: the skipped record is now the key's last, and compaction keeps only a
     * key's last record (a reader that finds it alone applies it to its base, ControlRecords#base), so the current
     * one is written once more behind it, or a compaction-only tombstone when the winner deleted the entity ({@code *.rewritten}: the same record,
     * which the view applies without raising the revision). Should that copy lose a race in turn, a later record
     * exists, and it is written again.
     *
     * @param current the record that keeps the entity as it is now; empty when it was deleted
     */
    private void checkApplied(long offset, String entity, java.util.function.Supplier<String> now,
            OptionalLong ifMatch, String key, java.util.function.Supplier<Optional<byte[]>> current) {
        if (view.outcome(offset).orElse(ControlView.Outcome.APPLIED) != ControlView.Outcome.STALE) {
            return;
        }
        String message = entity + " was changed by another writer at the same time (" + now.get()
                + "); this change was not applied: read it again and retry";
        for (int attempt = 1; attempt <= OWN_CHANGE_ATTEMPTS; attempt++) {
            Optional<byte[]> copy = current.get();
            if (copy.isEmpty()) {
                // the winner deleted it: the skipped record must not outlive the deletion's tombstone
                try {
                    store.appendCompactionTombstone(key, applyTimeout);
                } catch (TimeoutException e) {
                    throw new NotReadyException(e.getMessage());
                }
                break;
            }
            if (view.outcome(append(key, copy.get())).orElse(ControlView.Outcome.APPLIED) != ControlView.Outcome.STALE) {
                break;
            }
        }
        if (ifMatch.isPresent()) {
            throw new PreconditionFailedException(message);
        }
        throw new ConcurrentChangeException(message);
    }

    /** A port's current record written once more, so that it stays the key's last one. */
    private static byte[] rewritten(PortRecord again) {
        return ControlRecords.writePort(again, ControlRecords.PORT_REWRITTEN, again.revision());
    }

    /** A group's current record written once more, so that it stays the key's last one. */
    private static byte[] rewritten(GroupRecord again) {
        return ControlRecords.writeGroup(again, ControlRecords.GROUP_REWRITTEN, again.revision());
    }

    private long append(String key, byte[] value) {
        try {
            return store.append(key, value, applyTimeout);
        } catch (TimeoutException e) {
            throw new NotReadyException(e.getMessage());
        }
    }

    /** {@link #writeAll}'s ports: one batch of records, each then checked to have been applied. */
    private List<PortRecord> writePorts(List<SendPort> ports, String actor) {
        List<PortRecord> records = new ArrayList<>();
        List<ControlTopicStore.Entry> entries = new ArrayList<>();
        for (SendPort port : ports) {
            Optional<PortRecord> current = view.port(port.name());
            PortRecord record = current.isEmpty()
                    ? new PortRecord(port, PortState.UNENLISTED, 1, now(), actor, null, null)
                    : updatedPort(current.get(), port, actor);
            if (record != null) {
                records.add(record);
                String type = current.isEmpty() ? "port.created" : "port.updated";
                entries.add(new ControlTopicStore.Entry(ControlRecords.portKey(record.name()),
                        ControlRecords.writePort(record, type, record.revision() - 1)));
            }
        }
        List<Long> offsets = appendAll(entries);
        for (int i = 0; i < records.size(); i++) {
            checkApplied(offsets.get(i), records.get(i).name(), OptionalLong.empty());
        }
        return records;
    }

    /** {@link #writeAll}'s groups, once its ports are written: members are checked against them. */
    private List<GroupRecord> writeGroups(List<SendPortGroup> groups, String actor) {
        List<GroupRecord> records = new ArrayList<>();
        List<ControlTopicStore.Entry> entries = new ArrayList<>();
        for (SendPortGroup group : groups) {
            SendPortGroup checked = withMembersChecked(group);
            Optional<GroupRecord> current = view.group(group.name());
            GroupRecord record = current.isEmpty() ? newGroup(checked, PortState.UNENLISTED, actor)
                    : updatedGroup(current.get(), checked, actor);
            if (record != null) {
                records.add(record);
                String type = current.isEmpty() ? "group.created" : "group.updated";
                entries.add(new ControlTopicStore.Entry(ControlRecords.groupKey(record.name()),
                        ControlRecords.writeGroup(record, type, record.revision() - 1)));
            }
        }
        List<Long> offsets = appendAll(entries);
        for (int i = 0; i < records.size(); i++) {
            checkGroupApplied(offsets.get(i), records.get(i).name(), OptionalLong.empty());
        }
        return records;
    }

    private List<Long> appendAll(List<ControlTopicStore.Entry> entries) {
        try {
            return store.appendAll(entries, applyTimeout);
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
        return locked(writeLocks[Math.floorMod(Names.key(name).hashCode(), writeLocks.length)], change);
    }

    /** Runs a change under a lock, once the view is complete. */
    private <T> T locked(ReentrantLock lock, java.util.function.Supplier<T> change) {
        if (!ready()) {
            throw new NotReadyException("Sendports is still reading the control topic; try again shortly");
        }
        lock.lock();
        try {
            return change.get();
        } finally {
            lock.unlock();
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
