package io.sendports.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.sendports.camel.DeliveryMetrics;
import io.sendports.message.InboundMessage;
import io.sendports.camel.PortMetrics;
import io.sendports.domain.Destination;
import io.sendports.domain.RetryPolicy;
import io.sendports.domain.SendPort;

/**
 * The failure ladder (DESIGN.md §5), written once: attempt, another attempt after the retry interval while the
 * phase's retry policy allows it, then the backup transport with its own retries, then suspension. A failure
 * that no retry can cure is suspended at once. Three callers climb it, each in its own {@link Mode}: an
 * unordered port parks the message for its next attempt ({@link #afterFailure}, and its {@link RetryWorker}
 * takes it up again with {@link #retryParked}); an ordered port waits in place, holding back the messages behind
 * it ({@link #inPlace}, {@link #tryThenInPlace}), and stops instead of suspending when it stops on failure; an
 * operator's resume makes one attempt on each transport and no retries ({@link #resume}).
 *
 * <p>Invariants: {@code attempts} counts attempts on all transports, the failed one included, and is what a
 * suspended record shows; {@code phaseFailures} counts failed attempts on the current phase's transport. Whatever
 * the ladder decides is durable before it returns, so the caller may then commit the message's offset.
 * {@link Responses.ResponseNotPublished} is never handled here: it is rethrown, so that the request stays
 * uncommitted. Waiting in place follows the injected {@link Clock}, so a test that advances the clock makes the
 * retry happen at once.
 */
@ApplicationScoped
public class FailurePolicy {
    private static final Logger LOG = Logger.getLogger(FailurePolicy.class);
    /** The longest real pause of a wait in place between two looks at the clock and at the port's stop. */
    static final long WAIT_SLICE_MS = 20;

    private final Deliverer deliverer;
    private final Parking parking;
    private final Suspensions suspended;
    private final DeliveryMetrics metrics;
    private final Clock clock;

    public FailurePolicy(Deliverer deliverer, Parking parking, Suspensions suspended, DeliveryMetrics metrics,
            Clock clock) {
        this.deliverer = deliverer;
        this.parking = parking;
        this.suspended = suspended;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** How a caller climbs the ladder. */
    private enum Mode {
        /** Unordered port: a retry is parked on the retry topic and the ladder returns. */
        PARK,
        /** Ordered port: a retry waits in place; with stop on failure the last rung stops the port. */
        IN_PLACE,
        /**
         * An operator's resume: one attempt on the primary, one on the backup, whatever the failure; only the
         * last failure is counted, and the message stays suspended (not counted as suspended again).
         */
        RESUME
    }

    /** The next rung after a failed attempt. */
    private enum Step { RETRY, BACKUP, SUSPEND }

    /** What climbing the ladder came to. */
    public record Outcome(boolean delivered, String error, int attempts) {
    }

    /**
     * An unordered port's attempt failed: park the message for its next attempt, go on to the backup
     * transport, or suspend it.
     *
     * @param phaseFailures failed attempts on this phase's transport, this one included
     * @param attempts      attempts on all transports so far, this one included
     */
    public void afterFailure(SendPort port, InboundMessage message, Phase phase, int phaseFailures, int attempts,
            Throwable error) {
        climb(Mode.PARK, port, message, phase, phaseFailures, attempts, error, null);
    }

    /**
     * A parked message is due: its next attempt on the phase it was parked in, then on along the ladder.
     *
     * @param phaseFailures failed attempts on the phase's transport so far
     * @param attempts      attempts on all transports so far
     */
    public void retryParked(SendPort port, InboundMessage message, Phase phase, int phaseFailures, int attempts) {
        // The backup was removed from the port while the message was parked: its next attempt is on the primary.
        Phase now = phase == Phase.BACKUP && port.backup() == null ? Phase.PRIMARY : phase;
        climb(Mode.PARK, port, message, now, phaseFailures, attempts, null, null);
    }

    /**
     * An ordered port's attempt failed: retry in place, then the backup transport, each with its retries.
     *
     * @param stopping true when the port is being stopped: waiting ends and the message is left undelivered
     * @return normally when the message was delivered or suspended
     * @throws DeliveryFailedException when every attempt failed and the port stops on failure: the message
     *                                 must not be committed
     */
    public void inPlace(SendPort port, InboundMessage message, Throwable firstError, BooleanSupplier stopping) {
        climb(Mode.IN_PLACE, port, message, Phase.PRIMARY, 1, 1, firstError, stopping);
    }

    /**
     * An ordered port's message that has not been tried on its own (it was in a batch that failed): one
     * attempt now, then {@link #inPlace} if that fails.
     */
    public void tryThenInPlace(SendPort port, InboundMessage message, BooleanSupplier stopping) {
        if (stopping.getAsBoolean()) {
            throw stoppingNow();
        }
        climb(Mode.IN_PLACE, port, message, Phase.PRIMARY, 0, 0, null, stopping);
    }

    /**
     * An operator resumes a suspended message: one attempt on the primary, then one on the backup; when both
     * fail it is suspended again with the attempts counted.
     *
     * @param attempts the attempts its suspended record shows
     */
    public Outcome resume(SendPort port, InboundMessage message, int attempts) {
        return climb(Mode.RESUME, port, message, Phase.PRIMARY, 0, attempts, null, null);
    }

    /**
     * The ladder. With {@code error} null it starts with an attempt on {@code phase}; otherwise that attempt
     * has just failed with {@code error}, and the counts include it.
     */
    private Outcome climb(Mode mode, SendPort port, InboundMessage message, Phase phase, int phaseFailures,
            int attempts, Throwable error, BooleanSupplier stopping) {
        PortMetrics portMetrics = metrics.forPort(port.name());
        while (true) {
            if (error != null) {
                if (error instanceof Responses.ResponseNotPublished notPublished) {
                    // The request was answered but the answer is not in Kafka: leave the request uncommitted.
                    throw notPublished;
                }
                String reason = Failures.describe(error);
                if (mode != Mode.RESUME) {
                    portMetrics.failed(reason, Failures.timedOut(error));
                }
                switch (next(mode, port, phase, phaseFailures, error)) {
                    case RETRY -> {
                        Duration interval = policy(port, phase).interval();
                        if (mode == Mode.PARK) {
                            parking.park(port.name(), message, phase, phaseFailures, attempts,
                                    clock.instant().plus(interval), reason);
                            portMetrics.retried();
                            return new Outcome(false, reason, attempts);
                        }
                        portMetrics.retried();
                        waitFor(interval, stopping);
                    }
                    case BACKUP -> {
                        phase = Phase.BACKUP;
                        phaseFailures = 0;
                    }
                    case SUSPEND -> {
                        return suspend(mode, port, message, reason, attempts, error);
                    }
                }
            }
            attempts++;
            try {
                attempt(port, message, phase);
                portMetrics.delivered(message.timestamp());
                return new Outcome(true, null, attempts);
            } catch (Exception e) {
                error = e;
                phaseFailures++;
            }
        }
    }

    private static Step next(Mode mode, SendPort port, Phase phase, int phaseFailures, Throwable error) {
        if (mode != Mode.RESUME) {
            if (!Failures.retryable(error)) {
                return Step.SUSPEND;
            }
            if (policy(port, phase).allowsAnotherAttempt(phaseFailures)) {
                return Step.RETRY;
            }
        }
        return phase == Phase.PRIMARY && port.backup() != null ? Step.BACKUP : Step.SUSPEND;
    }

    private static RetryPolicy policy(SendPort port, Phase phase) {
        return phase == Phase.PRIMARY ? port.retry() : port.backup().retry();
    }

    /** One attempt on the phase's transport. */
    private void attempt(SendPort port, InboundMessage message, Phase phase) throws Exception {
        if (phase == Phase.BACKUP) {
            Destination backup = Destinations.sending(port, port.backup().destination());
            deliverer.deliver(port, backup, message, false);
        } else {
            deliverer.deliver(port, Destinations.of(port, message), message, port.isDynamic());
        }
    }

    private Outcome suspend(Mode mode, SendPort port, InboundMessage message, String reason, int attempts,
            Throwable error) {
        if (mode == Mode.IN_PLACE && port.stopOnFailure()) {
            throw new DeliveryFailedException(reason, attempts);
        }
        PortMetrics portMetrics = metrics.forPort(port.name());
        if (mode == Mode.RESUME) {
            portMetrics.failed(reason, Failures.timedOut(error));
        }
        suspended.suspend(message, port.name(), reason, attempts);
        if (mode != Mode.RESUME) {
            portMetrics.suspended(reason);
            LOG.debugf("Suspended message %s of port %s after %d attempts: %s", message.messageId(), port.name(),
                    attempts, reason);
        }
        return new Outcome(false, reason, attempts);
    }

    /**
     * Waits until the clock has passed the interval, in short real slices, so that a clock moved on (a test's)
     * ends the wait at once; a port being stopped ends it with an exception.
     */
    private void waitFor(Duration interval, BooleanSupplier stopping) {
        Instant due = clock.instant().plus(interval);
        for (Instant now = clock.instant(); now.isBefore(due); now = clock.instant()) {
            if (stopping.getAsBoolean()) {
                throw stoppingNow();
            }
            try {
                Thread.sleep(Math.min(WAIT_SLICE_MS, Math.max(1, Duration.between(now, due).toMillis())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting to retry", e);
            }
        }
    }

    private static IllegalStateException stoppingNow() {
        return new IllegalStateException("the port is stopping; the message stays undelivered");
    }

    /** Every attempt failed on an ordered port that stops on failure. */
    public static class DeliveryFailedException extends RuntimeException {
        private final int attempts;

        public DeliveryFailedException(String reason, int attempts) {
            super(reason);
            this.attempts = attempts;
        }

        public int attempts() {
            return attempts;
        }
    }
}
