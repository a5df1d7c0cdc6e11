package io.sendports.domain;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class ServiceWindowTest {
    private static Instant utc(String time) {
        return Instant.parse("2026-03-10T" + time + ":00Z");
    }

    @Test
    void dayWindowIncludesFromExcludesTo() {
        ServiceWindow window = new ServiceWindow(LocalTime.of(8, 0), LocalTime.of(18, 0), ZoneOffset.UTC);
        assertFalse(window.isOpen(utc("07:59")));
        assertTrue(window.isOpen(utc("08:00")));
        assertTrue(window.isOpen(utc("17:59")));
        assertFalse(window.isOpen(utc("18:00")));
    }

    @Test
    void windowAcrossMidnight() {
        ServiceWindow window = new ServiceWindow(LocalTime.of(22, 0), LocalTime.of(6, 0), ZoneOffset.UTC);
        assertTrue(window.isOpen(utc("23:30")));
        assertTrue(window.isOpen(utc("00:00")));
        assertTrue(window.isOpen(utc("05:59")));
        assertFalse(window.isOpen(utc("06:00")));
        assertFalse(window.isOpen(utc("21:59")));
    }

    @Test
    void zoneIsHonoured() {
        ServiceWindow paris = new ServiceWindow(LocalTime.of(8, 0), LocalTime.of(9, 0), ZoneId.of("Europe/Paris"));
        assertTrue(paris.isOpen(utc("07:30")));   // 08:30 in Paris (CET, UTC+1)
        assertFalse(paris.isOpen(utc("08:30")));
    }

    @Test
    void emptyWindowIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new ServiceWindow(LocalTime.NOON, LocalTime.NOON, ZoneOffset.UTC));
    }
}
