package io.sendports.control;

import java.util.List;

import io.sendports.domain.FieldError;
import io.sendports.domain.GroupDraft;
import io.sendports.domain.Problems;
import io.sendports.domain.ReservedTopics;
import io.sendports.domain.SendPortGroup;
import io.sendports.domain.SendPortGroups;

/**
 * Converts between the JSON document of a send port group and the domain {@link SendPortGroup}; the rules are
 * the domain's ({@link SendPortGroups}).
 */
public final class GroupDocuments {
    private GroupDocuments() {
    }

    /** Checks a document and builds the group; throws with every field error found. */
    public static SendPortGroup define(GroupDocument document, ReservedTopics reserved) {
        PortDocument.SubscriptionDocument subscription = document.subscription();
        GroupDraft draft = new GroupDraft(document.name(), document.description(), document.sendPorts(),
                subscription == null ? null : subscription.topics(), PortDocuments.filterDraft(subscription));
        return SendPortGroups.define(draft, reserved, new Problems());
    }

    /** The document of a valid group, with every default written out; no state, bookkeeping or status. */
    public static GroupDocument document(SendPortGroup group) {
        return new GroupDocument(group.name(), group.description(), group.sendPorts(),
                PortDocuments.subscription(group.subscription()), null, null, null, null, null);
    }

    /** The response document of a group: its definition, target state and last change; no status. */
    public static GroupDocument document(GroupRecord record) {
        SendPortGroup group = record.group();
        return new GroupDocument(group.name(), group.description(), group.sendPorts(),
                PortDocuments.subscription(group.subscription()), record.state().json(), record.revision(),
                record.actor(), record.updatedAt().toString(), null);
    }

    /** Read-only bookkeeping sent with another value than the current one ({@code current} null on create). */
    public static List<FieldError> readOnlyErrors(GroupDocument document, GroupRecord current) {
        return PortDocuments.readOnlyErrors("group", document.revision(), document.lastChangedBy(),
                document.lastChangedAt(), current == null ? null : current.revision(),
                current == null ? null : current.actor(), current == null ? null : current.updatedAt());
    }
}
