package io.sendports.camel;

import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * One port's delivery figures: Prometheus meters tagged {@code port=<name>}, and the last error, which
 * the port's status shows until a later delivery succeeds.
 */
public final class PortMetrics {
    private final MeterRegistry registry;
    private final Counter delivered;
    private final Counter failed;
    private final Counter filteredOut;
    private final Timer latency;
    private final Counter retried;
    private final Tags tags;
    /** Registered only for solicit-response ports ({@link #expectResponses}): a one-way port has no responses. */
    private volatile Counter responses;
    private final Counter timeouts;
    private final Counter suspended;
    private final java.util.concurrent.atomic.AtomicLong lag = new java.util.concurrent.atomic.AtomicLong();
    private final io.micrometer.core.instrument.Gauge lagGauge;
    private final io.micrometer.core.instrument.Gauge oldestWaitingGauge;
    private volatile boolean stoppedOnFailure;
    private final io.micrometer.core.instrument.Gauge stoppedOnFailureGauge;
    private volatile String lastError;
    private volatile java.time.Instant oldestWaiting;

    PortMetrics(MeterRegistry registry, String port) {
        this.registry = registry;
        this.tags = Tags.of("port", port);
        delivered = Counter.builder("sendports.messages.delivered").tags(tags)
                .description("Messages delivered to the port's destination").register(registry);
        failed = Counter.builder("sendports.delivery.failures").tags(tags)
                .description("Failed delivery attempts").register(registry);
        filteredOut = Counter.builder("sendports.messages.filtered").tags(tags)
                .description("Messages of the subscribed topics that the port's filter did not take").register(registry);
        latency = Timer.builder("sendports.delivery.latency").tags(tags)
                .description("Time from a message's Kafka timestamp to its delivery")
                .publishPercentiles(0.5, 0.99).register(registry);
        retried = Counter.builder("sendports.messages.retried").tags(tags)
                .description("Messages scheduled for another attempt (parked or retried in place)").register(registry);
        timeouts = Counter.builder("sendports.requests.timeouts").tags(tags)
                .description("Attempts that timed out waiting for the destination").register(registry);
        suspended = Counter.builder("sendports.messages.suspended").tags(tags)
                .description("Messages suspended after their last attempt failed").register(registry);
        lagGauge = io.micrometer.core.instrument.Gauge.builder("sendports.port.lag", lag, java.util.concurrent.atomic.AtomicLong::get)
                .tags(tags).description("Messages of the subscription waiting in Kafka").register(registry);
        // Compared with the subscribed topics' retention by an alert (deploy/monitoring): a message waiting longer
        // than the retention is deleted by Kafka before the port delivers it.
        oldestWaitingGauge = io.micrometer.core.instrument.Gauge.builder("sendports.port.oldest.waiting.age", this,
                        PortMetrics::oldestWaitingSeconds)
                .tags(tags).baseUnit("seconds")
                .description("Age of the oldest message waiting in Kafka for the port; 0 when none waits").register(registry);
        stoppedOnFailureGauge = io.micrometer.core.instrument.Gauge.builder("sendports.port.stopped.on.failure", this,
                        metrics -> metrics.stoppedOnFailure ? 1 : 0)
                .tags(tags).description("1 while the port is stopped because a message failed (stop on failure), else 0")
                .register(registry);
    }

    private double oldestWaitingSeconds() {
        java.time.Instant at = oldestWaiting;
        return at == null ? 0 : Math.max(0, System.currentTimeMillis() - at.toEpochMilli()) / 1000.0;
    }

    /** Whether Sendports stopped the port because a message failed (its state record carries the reason). */
    public void stoppedOnFailure(boolean stopped) {
        stoppedOnFailure = stopped;
    }

    /** A delivery attempt failed and the message will be tried again. */
    public void retried() {
        retried.increment();
    }

    /** The port is a solicit-response port: its responses are counted from now on, starting at zero. */
    public synchronized void expectResponses() {
        if (responses == null) {
            responses = Counter.builder("sendports.responses.published").tags(tags)
                    .description("Responses of a solicit-response port published to its response topic")
                    .register(registry);
        }
    }

    /** A solicit-response port published a response. */
    public void responsePublished() {
        expectResponses();
        responses.increment();
    }

    public long responsesCount() {
        Counter counted = responses;
        return counted == null ? 0 : (long) counted.count();
    }

    public long timeoutsCount() {
        return (long) timeouts.count();
    }

    /** A message was suspended. */
    public void suspended(String error) {
        suspended.increment();
        lastError = error;
    }

    public void lag(long waiting) {
        lag.set(waiting);
    }

    /** When the oldest message waiting for the port was published, or null when none waits. */
    public void oldestWaiting(java.time.Instant publishedAt) {
        oldestWaiting = publishedAt;
    }

    public java.time.Instant oldestWaiting() {
        return oldestWaiting;
    }

    public long retriedCount() {
        return (long) retried.count();
    }

    public long suspendedCount() {
        return (long) suspended.count();
    }

    public void delivered(long recordTimestamp) {
        delivered.increment();
        lastError = null;
        long age = System.currentTimeMillis() - recordTimestamp;
        if (age >= 0) {
            latency.record(Duration.ofMillis(age));
        }
    }

    /**
     * A delivery attempt failed, for the given reason.
     *
     * @param timedOut whether the destination did not answer in time
     */
    public void failed(String error, boolean timedOut) {
        failed.increment();
        lastError = error;
        if (timedOut) {
            timeouts.increment();
        }
    }

    public void filteredOut() {
        filteredOut.increment();
    }

    public long deliveredCount() {
        return (long) delivered.count();
    }

    public long failedCount() {
        return (long) failed.count();
    }

    public String lastError() {
        return lastError;
    }

    void remove() {
        for (Meter meter : List.of(delivered, failed, filteredOut, latency, retried, suspended, lagGauge, timeouts,
                oldestWaitingGauge, stoppedOnFailureGauge)) {
            registry.remove(meter);
        }
        Counter counted = responses;
        if (counted != null) {
            registry.remove(counted);
        }
    }

}
