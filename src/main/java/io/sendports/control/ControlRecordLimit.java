package io.sendports.control;

import java.util.List;

import io.sendports.domain.FieldError;
import io.sendports.domain.InvalidDefinitionException;

/**
 * Refuses a control record that the control topic would not take ({@code max.message.bytes}), before it is
 * written: a definition within every field's limit can still be too large in all (API.md "Limits"), and
 * the broker's refusal would come back as a failed write, not as an error the user can act on.
 */
final class ControlRecordLimit {
    /** Room for what Kafka adds around key and value: the batch header and the record's own fields. */
    static final int OVERHEAD = 512;

    private ControlRecordLimit() {
    }

    /**
     * @throws InvalidDefinitionException on field {@code body} when key, value and overhead exceed the limit
     */
    static void check(String topic, byte[] key, byte[] value, int maxMessageBytes) {
        if (value == null) {
            return;
        }
        long size = (long) key.length + value.length + OVERHEAD;
        if (size > maxMessageBytes) {
            throw new InvalidDefinitionException(List.of(new FieldError("body", "the definition takes " + size
                    + " bytes as a control record, but the control topic " + topic + " takes at most " + maxMessageBytes
                    + " bytes (max.message.bytes): shorten it, for example fewer or shorter filter statements")));
        }
    }
}
