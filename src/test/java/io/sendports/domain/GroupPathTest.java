package io.sendports.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

/** The one-copy rule of DESIGN.md §3a: a group path takes a message only if no subscription before it takes it. */
class GroupPathTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Subscription EU = new Subscription(List.of("orders"),
            new Filter(List.of(List.of(new FilterStatement("region", FilterOperator.EQ, "eu")))));
    private static final Subscription ALL_ORDERS = new Subscription(List.of("orders"), Filter.NONE);
    private static final Subscription OTHER_TOPIC = new Subscription(List.of("invoices"), Filter.NONE);

    private static Function<String, String> headers(Map<String, String> headers) {
        return headers::get;
    }

    @Test
    void aPathAloneTakesWhatItsGroupSelects() {
        GroupPath path = new GroupPath("g", "m", EU, T0, List.of());
        assertTrue(path.takes("orders", headers(Map.of("region", "eu")), T0.toEpochMilli()));
        assertFalse(path.takes("orders", headers(Map.of("region", "us")), T0.toEpochMilli()), "the group's filter");
        assertFalse(path.takes("invoices", headers(Map.of("region", "eu")), T0.toEpochMilli()), "the group's topics");
    }

    @Test
    void theMembersOwnSubscriptionComesFirst() {
        GroupPath path = new GroupPath("g", "m", EU, T0,
                List.of(new GroupPath.Before("own", ALL_ORDERS, T0)));
        assertFalse(path.takes("orders", headers(Map.of("region", "eu")), T0.toEpochMilli()),
                "the member's own subscription takes it: one copy");
    }

    @Test
    void aSubscriptionBeforeTakesOnlyWhatItSurelyKeeps() {
        GroupPath path = new GroupPath("g", "m", EU, T0, List.of(
                new GroupPath.Before("own", OTHER_TOPIC, T0),
                new GroupPath.Before("a-group", new Subscription(List.of("orders"),
                        new Filter(List.of(List.of(new FilterStatement("vip", FilterOperator.EXISTS, null))))),
                        T0.plusSeconds(60))));
        Function<String, String> vipEu = headers(Map.of("region", "eu", "vip", "yes"));
        assertTrue(path.takes("orders", headers(Map.of("region", "eu")), T0.toEpochMilli()),
                "neither the own topic nor the earlier group's filter takes it");
        assertTrue(path.takes("orders", vipEu, T0.plusSeconds(59).toEpochMilli()),
                "published before the earlier group kept messages for the member: that group never sees it");
        assertFalse(path.takes("orders", vipEu, T0.plusSeconds(60).toEpochMilli()),
                "the earlier group keeps it from its start on");
    }

    @Test
    void consumerGroupsOfPairsNeverCollide() {
        assertEquals("sendports.group.g/m", GroupPath.consumerGroup("g", "m"));
        assertNotEquals(GroupPath.consumerGroup("a.b", "c"), GroupPath.consumerGroup("a", "b.c"));
    }
}
