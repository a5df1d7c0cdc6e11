package io.sendports.domain;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * A daily window in which a port delivers, {@code from} inclusive to {@code to} exclusive, in a time zone.
 * When {@code from} is after {@code to} the window crosses midnight (22:00 to 06:00).
 */
public record ServiceWindow(LocalTime from, LocalTime to, ZoneId zone) {

    public ServiceWindow {
        if (from.equals(to)) {
            throw new IllegalArgumentException("a service window's from and to must differ");
        }
    }

    public boolean isOpen(Instant instant) {
        LocalTime time = instant.atZone(zone).toLocalTime();
        if (from.isBefore(to)) {
            return !time.isBefore(from) && time.isBefore(to);
        }
        return !time.isBefore(from) || time.isBefore(to);
    }
}
