package io.sendports.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** A group's own definition: name, description, member names, subscription, each error with its field. */
class SendPortGroupsTest {
    private static SendPortGroup define(GroupDraft draft) {
        return SendPortGroups.define(draft, ReservedTopics.DEFAULT, new Problems());
    }

    private static List<FieldError> errors(GroupDraft draft) {
        return assertThrows(InvalidDefinitionException.class, () -> define(draft)).errors();
    }

    @Test
    void aGroupWithMembersAndAFilter() {
        SendPortGroup group = define(new GroupDraft("erp-fanout", "to both ERPs", List.of("erp-a", "ERP-b"),
                List.of("orders"), List.of(List.of(new PortDraft.StatementDraft("status", "==", "confirmed")))));

        assertEquals(List.of("erp-a", "ERP-b"), group.sendPorts());
        assertEquals(List.of("orders"), group.subscription().topics());
        assertEquals(1, group.subscription().filter().groups().size());
        assertTrue(group.hasMember("erp-B"), "members are compared ignoring case");
    }

    @Test
    void noMembersIsAllowedAndNoFilterTakesEverything() {
        SendPortGroup group = define(new GroupDraft("empty", null, null, List.of("orders"), null));

        assertEquals(List.of(), group.sendPorts());
        assertEquals("", group.description());
        assertEquals(Filter.NONE, group.subscription().filter());
    }

    @Test
    void everyErrorNamesItsField() {
        List<FieldError> errors = errors(new GroupDraft("bad name", "x".repeat(Limits.DESCRIPTION + 1),
                Arrays.asList("a", "A", null, "not ok"), List.of(), null));

        assertEquals(List.of("name", "description", "sendPorts[1]", "sendPorts[2]", "sendPorts[3]", "subscription.topics"),
                errors.stream().map(FieldError::field).toList(), errors.toString());
        assertEquals("is listed twice", errors.get(2).message());
    }

    @Test
    void aGroupCannotSubscribeToSendportsOwnTopics() {
        List<FieldError> errors = errors(new GroupDraft("g", null, List.of(), List.of("sendports.control"), null));

        assertEquals("subscription.topics[0]", errors.get(0).field());
    }

    @Test
    void onlyExistingOneWayPortsAreMembers() {
        assertEquals("names no send port", SendPortGroups.memberError(null));
    }
}
