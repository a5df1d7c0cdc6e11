package io.sendports.control;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A send port group as JSON (API.md, "Group JSON"): the shape of request bodies, responses and the
 * {@code definition} inside {@code group/<name>} control-topic events. {@link GroupDocuments} checks it.
 *
 * @param sendPorts the members: names of existing one-way ports; may be empty
 * @param state     the initial state on create; the target state in responses
 * @param status    read-only: each member with its state and the messages waiting for it through the group
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GroupDocument(
        @Schema(required = true, maxLength = 100, pattern = "^[A-Za-z0-9][A-Za-z0-9._-]*$",
                description = "Unique among groups, ignoring case") String name,
        @Schema(maxLength = 256) String description,
        @Schema(description = "Names of one-way send ports; may be empty") List<String> sendPorts,
        @Schema(required = true) PortDocument.SubscriptionDocument subscription,
        @Schema(enumeration = {"unenlisted", "stopped", "started"},
                description = "The initial state on create (default unenlisted); read-only after") String state,
        @Schema(readOnly = true) Long revision,
        @Schema(readOnly = true) String lastChangedBy,
        @Schema(readOnly = true, format = "date-time") String lastChangedAt,
        @Schema(readOnly = true, ref = "GroupStatus") Object status) {

    /** The same document under another name. */
    public GroupDocument withName(String newName) {
        return new GroupDocument(newName, description, sendPorts, subscription, state, revision, lastChangedBy,
                lastChangedAt, status);
    }

    /** The same document with another state and status. */
    public GroupDocument withRuntime(String newState, Object newStatus) {
        return new GroupDocument(name, description, sendPorts, subscription, newState, revision, lastChangedBy,
                lastChangedAt, newStatus);
    }
}
