package io.sendports.control;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The value of a control-topic record (key {@code port/<name>} or {@code group/<name>}): the entity's complete
 * new definition and target state, with what happened, when, by whom, and the entity's revision. See
 * docs/CONTROL-TOPIC.md.
 *
 * @param <D>          the definition's document: {@link PortDocument} or {@link GroupDocument}
 * @param type         e.g. {@code port.created}, {@code group.started}; {@code *.deleted} has no definition
 * @param baseRevision the revision the writer read before the change (0: no entity); the record is applied
 *                   only while the entity is still at that revision. Absent in records of other tools
 * @param enlistedAt   ISO-8601; when the current enlistment began, absent while unenlisted
 * @param reason       why Sendports itself made the change (e.g. a port stopped on failure), or absent
 * @param memberSince  groups only: since when (ISO-8601) each member, by its name as written, belongs to the group
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ManagementEvent<D>(String type, String entity, String name, Long revision, Long baseRevision,
        String time, String actor, String state, String enlistedAt, String reason, Map<String, String> memberSince,
        D definition) {
}
