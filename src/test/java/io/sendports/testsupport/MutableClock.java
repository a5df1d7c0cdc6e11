package io.sendports.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The application's clock in tests: real time shifted by an offset the test sets, so that retry intervals
 * and service windows pass in seconds. Tests that shift it put it back with {@link #reset()}.
 */
public final class MutableClock extends Clock {
    private static final MutableClock INSTANCE = new MutableClock();
    private volatile Duration offset = Duration.ZERO;

    /** Replaces the application's {@code Clock} in every {@code @QuarkusTest}. */
    public static class Producer {
        @Produces
        @Singleton
        @Alternative
        @Priority(1)
        Clock clock() {
            return INSTANCE;
        }
    }

    public static MutableClock get() {
        return INSTANCE;
    }

    public void advance(Duration by) {
        offset = offset.plus(by);
    }

    /** Sets the clock so that it reads {@code target} now. */
    public void setTo(Instant target) {
        offset = Duration.between(Instant.now(), target);
    }

    public void reset() {
        offset = Duration.ZERO;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }
}
