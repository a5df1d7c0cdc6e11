package io.sendports.control;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A send port as JSON (API.md, "Port JSON"): the shape of request bodies, responses and the
 * {@code definition} inside control-topic events. Fields are loose on purpose: {@link PortDocuments}
 * checks them and explains every error, instead of a parser failing on the first.
 *
 * @param state         the initial state on create; the target state in responses
 * @param revision      read-only: raised by each accepted change; on input it must be absent or the current one
 * @param groups        read-only: the groups the port is a member of; on input absent or the current ones
 * @param lastChangedBy read-only: who made the last change; on input absent or the current one
 * @param lastChangedAt read-only: when (ISO-8601); on input absent or the current one
 * @param status        read-only runtime status in responses; ignored on input
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PortDocument(
        @Schema(required = true, maxLength = 100, pattern = "^[A-Za-z0-9][A-Za-z0-9._-]*$",
                description = "Unique, ignoring case") String name,
        @Schema(maxLength = 256) String description,
        @Schema(required = true, enumeration = {"static", "dynamic"}) String kind,
        @Schema(required = true, enumeration = {"one-way", "solicit-response"}) String pattern,
        @Schema(required = true) SubscriptionDocument subscription,
        @Schema(description = "Required for static ports, refused for dynamic ones") TransportDocument transport,
        RetryDocument retry,
        @Schema(description = "Static ports: used when the primary's retries are exhausted") BackupDocument backupTransport,
        @Schema(defaultValue = "false") Boolean orderedDelivery,
        @Schema(defaultValue = "false", description = "Ordered ports: stop instead of suspending") Boolean stopOnFailure,
        WindowDocument serviceWindow,
        @Schema(description = "Solicit-response only; default <name>.responses") String responseTopic,
        @Schema(description = "Solicit-response only: ISO-8601 duration to wait for a response") String responseTimeout,
        @Schema(description = "Required (non-empty) for dynamic ports, refused for static ones")
        List<String> allowedDestinations,
        @Schema(enumeration = {"unenlisted", "stopped", "started"},
                description = "The initial state on create (default unenlisted); read-only after") String state,
        @Schema(readOnly = true) Long revision,
        @Schema(readOnly = true, description = "The send port groups the port belongs to") List<String> groups,
        @Schema(readOnly = true) String lastChangedBy,
        @Schema(readOnly = true, format = "date-time") String lastChangedAt,
        @Schema(readOnly = true, ref = "PortStatus") Object status) {

    /** Topics and the DNF filter. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SubscriptionDocument(
            @Schema(required = true, description = "Topics to subscribe to, at least one") List<String> topics,
            @Schema(description = "OR-groups of AND-statements (DNF); absent or empty takes every message")
            List<List<StatementDocument>> filter) {
    }

    /** One filter statement. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StatementDocument(
            @Schema(required = true, description = "A Kafka record header") String property,
            @Schema(required = true, enumeration = {"==", "!=", "<", "<=", ">", ">=", "exists"}) String operator,
            @Schema(description = "Compared as numbers when both sides are numbers; none with exists") String value) {
    }

    /** A transport: type, address and type-specific options. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TransportDocument(
            @Schema(required = true, description = "One of the build's transports") String type,
            @Schema(required = true, description = "A URI of the transport's scheme") String address,
            @Schema(description = "The transport's options") Map<String, Object> options) {
    }

    /** Retry settings: {@code count} (0-1000) and {@code interval} (ISO-8601). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RetryDocument(
            @Schema(type = SchemaType.INTEGER, minimum = "0", maximum = "1000", defaultValue = "3",
                    description = "Retries after the first attempt") Object count,
            @Schema(type = SchemaType.STRING, defaultValue = "PT5M", example = "PT5M",
                    description = "ISO-8601 duration between attempts") Object interval) {
    }

    /** A backup transport: a transport with its own retry settings. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BackupDocument(
            @Schema(required = true, description = "One of the build's transports") String type,
            @Schema(required = true, description = "A URI of the transport's scheme") String address,
            Map<String, Object> options,
            RetryDocument retry) {
    }

    /** A daily service window. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record WindowDocument(
            @Schema(required = true, example = "08:00") String from,
            @Schema(required = true, example = "18:00") String to,
            @Schema(defaultValue = "UTC", example = "Europe/Paris") String zone) {
    }

    /** The same document under another name. */
    public PortDocument withName(String newName) {
        return new PortDocument(newName, description, kind, pattern, subscription, transport, retry, backupTransport,
                orderedDelivery, stopOnFailure, serviceWindow, responseTopic, responseTimeout, allowedDestinations, state,
                revision, groups, lastChangedBy, lastChangedAt, status);
    }

    /** The same document with another state and status. */
    public PortDocument withRuntime(String newState, Object newStatus) {
        return new PortDocument(name, description, kind, pattern, subscription, transport, retry, backupTransport,
                orderedDelivery, stopOnFailure, serviceWindow, responseTopic, responseTimeout, allowedDestinations, newState,
                revision, groups, lastChangedBy, lastChangedAt, newStatus);
    }

    /** The same document with the bookkeeping of the last change. */
    public PortDocument withLastChange(long newRevision, String by, String at) {
        return new PortDocument(name, description, kind, pattern, subscription, transport, retry, backupTransport,
                orderedDelivery, stopOnFailure, serviceWindow, responseTopic, responseTimeout, allowedDestinations,
                state, newRevision, groups, by, at, status);
    }

    /** The same document with the groups the port belongs to. */
    public PortDocument withGroups(List<String> memberOf) {
        return new PortDocument(name, description, kind, pattern, subscription, transport, retry, backupTransport,
                orderedDelivery, stopOnFailure, serviceWindow, responseTopic, responseTimeout, allowedDestinations,
                state, revision, memberOf, lastChangedBy, lastChangedAt, status);
    }
}
