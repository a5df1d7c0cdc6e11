package io.sendports.control;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.sendports.domain.Names;
import io.sendports.domain.PortState;
import io.sendports.domain.ReservedTopics;
import io.sendports.domain.SendPort;
import io.sendports.domain.SendPortGroup;

/**
 * Reads and writes control-topic records of ports and groups. Reading is lenient about the envelope so that other
 * tools can write records: the value may be a full {@link ManagementEvent} or a bare port or group document with a
 * {@code state}; unknown fields are ignored (a newer version may have written them). The definition
 * itself is checked exactly as a REST request is.
 */
public final class ControlRecords {
    static final String PORT_PREFIX = "port/";
    static final String GROUP_PREFIX = "group/";
    /** The type of the event that deletes a port; a tombstone follows it only for compaction. */
    static final String PORT_DELETED = "port.deleted";
    /** The type of the event that deletes a group; a tombstone follows it only for compaction. */
    static final String GROUP_DELETED = "group.deleted";
    /**
     * The type of a record that writes an entity's current record once more, only so that compaction keeps it (it is
     * based on the current revision and keeps it).
     */
    static final String PORT_REWRITTEN = "port.rewritten";
    static final String GROUP_REWRITTEN = "group.rewritten";
    private static final TypeReference<ManagementEvent<PortDocument>> PORT_EVENT = new TypeReference<>() {
    };
    private static final TypeReference<ManagementEvent<GroupDocument>> GROUP_EVENT = new TypeReference<>() {
    };
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .findAndAddModules()
            .build();

    private ControlRecords() {
    }

    public static String portKey(String name) {
        return PORT_PREFIX + name;
    }

    public static String groupKey(String name) {
        return GROUP_PREFIX + name;
    }

    /** A record that cannot be applied, with the reason to log. */
    public static final class RejectedRecord extends RuntimeException {
        RejectedRecord(String message) {
            super(message);
        }
    }

    /** A record based on a revision the port is no longer at: another change won. */
    public static final class StaleRecord extends RuntimeException {
        StaleRecord(String message) {
            super(message);
        }
    }

    /**
     * The port a record describes, or null for a {@code port.deleted} event that removes it.
     *
     * @param previous the port's record before this one, or null
     * @param deletedBefore whether the reader read the deletion of this key (so that, with no previous record, a
     *                  base revision above 0 cannot refer to records compaction removed)
     * @param timestamp the Kafka record's timestamp, the enlist time when the record names none
     * @throws StaleRecord when the record names a base revision other than the port's current one (0 when
     *                     there is no port); checked before the definition, so a lost race reads as one
     */
    static PortRecord readPort(String name, byte[] value, PortRecord previous, boolean deletedBefore, long timestamp) {
        ManagementEvent<PortDocument> event = event(value, "port", name, PORT_DELETED, PORT_EVENT, PortDocument.class,
                PortDocument::state);
        long current = base(event, previous == null ? null : previous.revision(), deletedBefore, "port");
        if (PORT_DELETED.equals(event.type())) {
            return null;
        }
        PortDocument definition = event.definition();
        if (definition == null) {
            throw new RejectedRecord("no definition");
        }
        checkName(definition.name(), name, "port");
        if (definition.name() == null) {
            definition = definition.withName(name);
        }
        SendPort port = PortDocuments.define(definition);
        if (previous != null && !previous.port().canBecome(port)) {
            throw new RejectedRecord("kind and pattern of a port cannot change");
        }
        PortState state = state(event.state() != null ? event.state() : definition.state());
        long revision = revision(event, current);
        Instant time = instant(event.time(), Instant.ofEpochMilli(timestamp));
        Instant enlistedAt = enlistedAt(event, state, previous == null ? null : previous.enlistedAt(), time);
        return new PortRecord(port, state, revision, time, actor(event), enlistedAt, event.reason());
    }

    /**
     * The group a record describes, or null for a {@code group.deleted} event that removes it. A member keeps
     * the time it joined while it stays a member; a new member joins at the record's {@code memberSince} or time.
     *
     * @throws StaleRecord when the record names a base revision other than the group's current one
     */
    static GroupRecord readGroup(String name, byte[] value, GroupRecord previous, boolean deletedBefore,
            long timestamp, ReservedTopics reserved) {
        ManagementEvent<GroupDocument> event = event(value, "group", name, GROUP_DELETED, GROUP_EVENT,
                GroupDocument.class, GroupDocument::state);
        long current = base(event, previous == null ? null : previous.revision(), deletedBefore, "group");
        if (GROUP_DELETED.equals(event.type())) {
            return null;
        }
        GroupDocument definition = event.definition();
        if (definition == null) {
            throw new RejectedRecord("no definition");
        }
        checkName(definition.name(), name, "group");
        if (definition.name() == null) {
            definition = definition.withName(name);
        }
        SendPortGroup group = GroupDocuments.define(definition, reserved);
        PortState state = state(event.state() != null ? event.state() : definition.state());
        Instant time = instant(event.time(), Instant.ofEpochMilli(timestamp));
        Map<String, Instant> since = new HashMap<>();
        Map<String, String> written = event.memberSince() == null ? Map.of() : event.memberSince();
        for (String member : group.sendPorts()) {
            Instant joined = previous != null && previous.group().hasMember(member)
                    ? previous.memberSince().get(Names.key(member)) : null;
            since.put(Names.key(member), instant(written.get(member), joined != null ? joined : time));
        }
        Instant enlistedAt = enlistedAt(event, state, previous == null ? null : previous.enlistedAt(), time);
        return new GroupRecord(group, state, revision(event, current), time, actor(event), enlistedAt, since);
    }

    /**
     * A record's value as an event: a full {@link ManagementEvent}, or a bare document of the entity, read as an
     * event that sets the document's state.
     */
    private static <D> ManagementEvent<D> event(byte[] value, String entity, String name, String deletedType,
            TypeReference<ManagementEvent<D>> type, Class<D> bare, java.util.function.Function<D, String> state) {
        JsonNode tree = tree(value);
        try {
            if (tree.has("definition") || deletedType.equals(tree.path("type").asText(null))) {
                return JSON.readerFor(type).readValue(tree);
            }
            D document = JSON.treeToValue(tree, bare);
            return new ManagementEvent<>(null, entity, name, null, null, null, null, state.apply(document), null, null,
                    null, document);
        } catch (IOException e) {
            throw new RejectedRecord("malformed: " + e.getMessage());
        }
    }

    private static JsonNode tree(byte[] value) {
        JsonNode tree;
        try {
            tree = JSON.readTree(value);
        } catch (IOException e) {
            throw new RejectedRecord("not JSON: " + e.getMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw new RejectedRecord("not a JSON object");
        }
        return tree;
    }

    /**
     * The revision the record is applied to: the entity's current one, which a base revision must name. A record of
     * an entity the reader knows nothing of is the first of its records that compaction left, when its base is above
     * 0 (compaction keeps only a key's last record, whose base is the revision before it): it is applied to its base.
     * After a deletion the reader saw, only a record based on 0 (a create) applies.
     *
     * @param current the entity's revision, or null when there is no entity
     * @throws StaleRecord when the base names another revision: a concurrent change won
     */
    private static long base(ManagementEvent<?> event, Long current, boolean deletedBefore, String what) {
        Long base = event.baseRevision();
        if (base == null) {
            return current == null ? 0 : current;
        }
        if (current == null && !deletedBefore && base > 0) {
            return base;
        }
        long now = current == null ? 0 : current;
        if (base != now) {
            throw new StaleRecord("it is based on revision " + base + " but the " + what
                    + (current == null ? " does not exist" : " is at revision " + now) + " (a concurrent change won)");
        }
        return now;
    }

    private static void checkName(String written, String keyName, String what) {
        if (written != null && !written.equals(keyName)) {
            throw new RejectedRecord("the key names " + what + " '" + keyName + "' but the definition names '"
                    + written + "'");
        }
    }

    private static PortState state(String text) {
        return text == null ? PortState.UNENLISTED
                : PortState.parse(text).orElseThrow(() -> new RejectedRecord("unknown state '" + text + "'"));
    }

    /**
     * With a base, the revision follows from it (a rewrite keeps it); records of other tools keep the rule they
     * always had.
     */
    private static long revision(ManagementEvent<?> event, long current) {
        if (event.baseRevision() != null) {
            boolean rewrite = PORT_REWRITTEN.equals(event.type()) || GROUP_REWRITTEN.equals(event.type());
            return rewrite ? current : current + 1;
        }
        return event.revision() != null ? event.revision() : current + 1;
    }

    private static Instant enlistedAt(ManagementEvent<?> event, PortState state, Instant previous, Instant time) {
        if (!state.isEnlisted()) {
            return null;
        }
        return instant(event.enlistedAt(), previous != null ? previous : time);
    }

    private static String actor(ManagementEvent<?> event) {
        return event.actor() == null ? "unknown" : event.actor();
    }

    private static Instant instant(String text, Instant fallback) {
        if (text == null) {
            return fallback;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new RejectedRecord("not an ISO-8601 instant: " + text);
        }
    }

    /**
     * The value of the record that sets a port to {@code record}.
     *
     * @param baseRevision the revision the change was based on ({@code record.revision() - 1}; 0 on create)
     */
    static byte[] writePort(PortRecord record, String type, long baseRevision) {
        return write(new ManagementEvent<>(type, "port", record.name(), record.revision(), baseRevision,
                record.updatedAt().toString(), record.actor(), record.state().json(), text(record.enlistedAt()),
                record.reason(), null, PortDocuments.document(record.port())));
    }

    /** The value of the {@code port.deleted} event that removes {@code current} if it is still current. */
    static byte[] writeDeletion(PortRecord current, String actor, Instant time) {
        return write(new ManagementEvent<>(PORT_DELETED, "port", current.name(), null, current.revision(),
                time.toString(), actor, null, null, null, null, null));
    }

    /** The value of the record that sets a group to {@code record}, with each member's joining time. */
    static byte[] writeGroup(GroupRecord record, String type, long baseRevision) {
        Map<String, String> since = new LinkedHashMap<>();
        for (String member : record.group().sendPorts()) {
            since.put(member, record.memberSince().get(Names.key(member)).toString());
        }
        return write(new ManagementEvent<>(type, "group", record.name(), record.revision(), baseRevision,
                record.updatedAt().toString(), record.actor(), record.state().json(), text(record.enlistedAt()),
                null, since, GroupDocuments.document(record.group())));
    }

    /** The value of the {@code group.deleted} event that removes {@code current} if it is still current. */
    static byte[] writeGroupDeletion(GroupRecord current, String actor, Instant time) {
        return write(new ManagementEvent<>(GROUP_DELETED, "group", current.name(), null, current.revision(),
                time.toString(), actor, null, null, null, null, null));
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static byte[] write(ManagementEvent<?> event) {
        try {
            return JSON.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a management event", e);
        }
    }
}
