package io.sendports.domain;

import java.util.List;
import java.util.Map;

/**
 * A port definition as a user wrote it, before any check: every field may be missing or wrong.
 * {@link SendPorts#define} turns a draft into a {@link SendPort} or explains what is wrong.
 *
 * @param topics  null when the subscription or its topics are missing
 * @param filter  null when absent (no filter)
 * @param transport null when absent
 */
public record PortDraft(String name, String description, String kind, String pattern, List<String> topics,
        List<List<StatementDraft>> filter, TransportDraft transport, RetryDraft retry, BackupDraft backupTransport,
        Boolean orderedDelivery, Boolean stopOnFailure, WindowDraft serviceWindow, List<String> allowedDestinations,
        String responseTopic, Object responseTimeout) {

    /** A draft with no delivery options: every one takes its default. */
    public PortDraft(String name, String description, String kind, String pattern, List<String> topics,
            List<List<StatementDraft>> filter, TransportDraft transport) {
        this(name, description, kind, pattern, topics, filter, transport, null, null, null, null, null, null, null,
                null);
    }

    /** Retry settings as written; {@code count} a number, {@code interval} an ISO-8601 duration. */
    public record RetryDraft(Object count, Object interval) {
    }

    /** A backup transport as written. */
    public record BackupDraft(TransportDraft transport, RetryDraft retry) {
    }

    /** A service window as written: {@code HH:mm} times and a zone id (default UTC). */
    public record WindowDraft(String from, String to, String zone) {
    }

    /** One filter statement as written. */
    public record StatementDraft(String property, String operator, String value) {
    }

    /** A transport as written; {@code options} values are strings, numbers, booleans or lists. */
    public record TransportDraft(String type, String address, Map<String, Object> options) {
        public TransportDraft {
            options = options == null ? Map.of() : options;
        }
    }
}
