package io.sendports.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The benchmark's baseline without authentication is off unless asked for, and only ever on loopback. */
class BenchmarkAuthorizationTest {

    @Test
    void offUnlessAskedFor() {
        assertFalse(BenchmarkAuthorization.switchedOff(false, "0.0.0.0"));
        assertFalse(BenchmarkAuthorization.switchedOff(false, "127.0.0.1"));
    }

    @Test
    void onlyOnALoopbackAddress() {
        assertTrue(BenchmarkAuthorization.switchedOff(true, "127.0.0.1"));
        assertTrue(BenchmarkAuthorization.switchedOff(true, "localhost"));
        for (String host : new String[] {"0.0.0.0", "::", "192.0.2.10", "no-such-host.invalid"}) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> BenchmarkAuthorization.switchedOff(true, host), host);
            assertTrue(e.getMessage().contains("loopback"), e.getMessage());
        }
    }
}
