package io.sendports.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Tests start brokers and services on ports from {@link KafkaBroker#freePort}: two calls never share one. */
class FreePortTest {
    @Test
    void noPortIsHandedOutTwice() {
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            ports.add(KafkaBroker.freePort());
        }
        assertEquals(2_000, ports.size(), "distinct ports of 2,000 calls");
    }
}
