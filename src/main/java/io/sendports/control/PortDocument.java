package io.sendports.control;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A send port as JSON (API.md, "Port JSON"): the shape of request bodies, responses and the
 * {@code definition} inside control-topic events. Fields are loose on purpose: {@link PortDocuments}
 * checks them and explains every error, instead of a parser failing on the first.
 *
 * @param state         the initial state on create; the target state in responses
 * @param revision      read-only: raised by each accepted change; on input it must be absent or the current one
 * @param lastChangedBy read-only: who made the last change; on input absent or the current one
 * @param lastChangedAt read-only: when (ISO-8601); on input absent or the current one
 * @param status        read-only runtime status in responses; ignored on input
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PortDocument(
        String name,
        String description,
        String kind,
        String pattern,
        SubscriptionDocument subscription,
        TransportDocument transport,
        RetryDocument retry,
        BackupDocument backupTransport,
        Boolean orderedDelivery,
        Boolean stopOnFailure,
        WindowDocument serviceWindow,
        String responseTopic,
        String responseTimeout,
        List<String> allowedDestinations,
        String state,
        Long revision,
        String lastChangedBy,
        String lastChangedAt,
        Object status) {

    /** Topics and the DNF filter. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SubscriptionDocument(List<String> topics, List<List<StatementDocument>> filter) {
    }

    /** One filter statement. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StatementDocument(String property, String operator, String value) {
    }

    /** A transport: type, address and type-specific options. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TransportDocument(String type, String address, Map<String, Object> options) {
    }

    /** Retry settings: {@code count} (0-1000) and {@code interval} (ISO-8601). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RetryDocument(Object count, Object interval) {
    }

    /** A backup transport: a transport with its own retry settings. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BackupDocument(String type, String address, Map<String, Object> options, RetryDocument retry) {
    }

    /** A daily service window. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record WindowDocument(String from, String to, String zone) {
    }

    /** The same document under another name. */
    public PortDocument withName(String newName) {
        return new PortDocument(newName, description, kind, pattern, subscription, transport, retry, backupTransport,
                orderedDelivery, stopOnFailure, serviceWindow, responseTopic, responseTimeout, allowedDestinations, state,
                revision, lastChangedBy, lastChangedAt, status);
    }

    /** The same document with another state and status. */
    public PortDocument withRuntime(String newState, Object newStatus) {
        return new PortDocument(name, description, kind, pattern, subscription, transport, retry, backupTransport,
                orderedDelivery, stopOnFailure, serviceWindow, responseTopic, responseTimeout, allowedDestinations, newState,
                revision, lastChangedBy, lastChangedAt, newStatus);
    }

    /** The same document with the bookkeeping of the last change. */
    public PortDocument withLastChange(long newRevision, String by, String at) {
        return new PortDocument(name, description, kind, pattern, subscription, transport, retry, backupTransport,
                orderedDelivery, stopOnFailure, serviceWindow, responseTopic, responseTimeout, allowedDestinations,
                state, newRevision, by, at, status);
    }
}
