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
        List<List<StatementDraft>> filter, TransportDraft transport) {

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
