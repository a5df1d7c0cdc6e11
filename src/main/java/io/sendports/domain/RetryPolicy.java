package io.sendports.domain;

import java.time.Duration;

/**
 * How often and how far apart a failed delivery is tried again (BizTalk: 3 retries, 5 minutes apart).
 * {@code count} retries follow the first attempt, so a message gets at most {@code count + 1} attempts.
 */
public record RetryPolicy(int count, Duration interval) {
    static final int MAX_COUNT = 1000;
    static final Duration MAX_INTERVAL = Duration.ofDays(1);
    public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofMinutes(5));
    public static final RetryPolicy NONE = new RetryPolicy(0, Duration.ZERO);

    public RetryPolicy {
        if (count < 0 || count > MAX_COUNT) {
            throw new IllegalArgumentException("retry count must be 0 to " + MAX_COUNT);
        }
        if (interval.isNegative() || interval.compareTo(MAX_INTERVAL) > 0) {
            throw new IllegalArgumentException("retry interval must be PT0S to P1D");
        }
    }

    /** Whether a message that has failed {@code failures} times gets another attempt. */
    public boolean allowsAnotherAttempt(int failures) {
        return failures <= count;
    }

    /** Checks {@code {"count": n, "interval": "PT5M"}} as written; null gives {@code fallback}. */
    static RetryPolicy parse(Object count, Object interval, RetryPolicy fallback, String field, Problems problems) {
        int parsedCount = fallback.count();
        if (count != null) {
            if (count instanceof Number number && number.doubleValue() == number.intValue()
                    && number.intValue() >= 0 && number.intValue() <= MAX_COUNT) {
                parsedCount = number.intValue();
            } else {
                problems.add(field + ".count", "must be a whole number from 0 to " + MAX_COUNT);
                return null;
            }
        }
        Duration parsedInterval = fallback.interval();
        if (interval != null) {
            try {
                parsedInterval = Duration.parse(String.valueOf(interval));
            } catch (java.time.format.DateTimeParseException e) {
                problems.add(field + ".interval", "must be an ISO-8601 duration such as PT5M");
                return null;
            }
            if (parsedInterval.isNegative() || parsedInterval.compareTo(MAX_INTERVAL) > 0) {
                problems.add(field + ".interval", "must be from PT0S to P1D");
                return null;
            }
        }
        return new RetryPolicy(parsedCount, parsedInterval);
    }
}
