package io.sendports.control;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.sendports.domain.PortState;
import io.sendports.domain.SendPort;

/**
 * Reads and writes control-topic records. Reading is lenient about the envelope so that other tools can
 * write records: the value may be a full {@link ManagementEvent} or a bare port document with a
 * {@code state}; unknown fields are ignored (a newer version may have written them). The definition
 * itself is checked exactly as a REST request is.
 */
public final class ControlRecords {
    static final String PORT_PREFIX = "port/";
    static final String GROUP_PREFIX = "group/";
    /** The type of the event that deletes a port; a tombstone follows it only for compaction. */
    static final String DELETED = "port.deleted";
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .findAndAddModules()
            .build();

    private ControlRecords() {
    }

    public static String portKey(String name) {
        return PORT_PREFIX + name;
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
     * @param timestamp the Kafka record's timestamp, the enlist time when the record names none
     * @throws StaleRecord when the record names a base revision other than the port's current one (0 when
     *                     there is no port); checked before the definition, so a lost race reads as one
     */
    static PortRecord readPort(String name, byte[] value, PortRecord previous, long timestamp) {
        JsonNode tree;
        try {
            tree = JSON.readTree(value);
        } catch (IOException e) {
            throw new RejectedRecord("not JSON: " + e.getMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw new RejectedRecord("not a JSON object");
        }
        ManagementEvent event;
        PortDocument definition;
        try {
            if (tree.has("definition") || DELETED.equals(tree.path("type").asText(null))) {
                event = JSON.treeToValue(tree, ManagementEvent.class);
                definition = event.definition();
            } else {
                definition = JSON.treeToValue(tree, PortDocument.class);
                event = new ManagementEvent(null, "port", name, null, null, null, null, definition.state(), null, null,
                        definition);
            }
        } catch (IOException e) {
            throw new RejectedRecord("malformed: " + e.getMessage());
        }
        long current = previous == null ? 0 : previous.revision();
        if (event.baseRevision() != null && event.baseRevision() != current) {
            throw new StaleRecord("it is based on revision " + event.baseRevision() + " but the port is at revision "
                    + current + " (a concurrent change won)");
        }
        if (DELETED.equals(event.type())) {
            return null;
        }
        if (definition == null) {
            throw new RejectedRecord("no definition");
        }
        if (definition.name() != null && !definition.name().equals(name)) {
            throw new RejectedRecord("the key names port '" + name + "' but the definition names '" + definition.name() + "'");
        }
        if (definition.name() == null) {
            definition = definition.withName(name);
        }
        SendPort port = PortDocuments.define(definition);
        if (previous != null && !previous.port().canBecome(port)) {
            throw new RejectedRecord("kind and pattern of a port cannot change");
        }
        String stateText = event.state() != null ? event.state() : definition.state();
        PortState state = stateText == null ? PortState.UNENLISTED
                : PortState.parse(stateText).orElseThrow(() -> new RejectedRecord("unknown state '" + stateText + "'"));
        // With a base, the revision follows from it; records of other tools keep the rule they always had.
        long revision = event.baseRevision() != null ? current + 1
                : event.revision() != null ? event.revision() : current + 1;
        Instant time = instant(event.time(), Instant.ofEpochMilli(timestamp));
        Instant enlistedAt = null;
        if (state.isEnlisted()) {
            Instant fallback = previous != null && previous.enlistedAt() != null ? previous.enlistedAt() : time;
            enlistedAt = instant(event.enlistedAt(), fallback);
        }
        return new PortRecord(port, state, revision, time, event.actor() == null ? "unknown" : event.actor(), enlistedAt,
                event.reason());
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
        return write(new ManagementEvent(type, "port", record.name(), record.revision(), baseRevision,
                record.updatedAt().toString(), record.actor(), record.state().json(),
                record.enlistedAt() == null ? null : record.enlistedAt().toString(), record.reason(),
                PortDocuments.document(record.port())));
    }

    /** The value of the {@code port.deleted} event that removes {@code current} if it is still current. */
    static byte[] writeDeletion(PortRecord current, String actor, Instant time) {
        return write(new ManagementEvent(DELETED, "port", current.name(), null, current.revision(), time.toString(),
                actor, null, null, null, null));
    }

    private static byte[] write(ManagementEvent event) {
        try {
            return JSON.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a management event", e);
        }
    }
}
