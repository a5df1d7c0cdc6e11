package io.sendports.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.sendports.camel.DeliveryMetrics;
import io.sendports.camel.InboundMessage;
import io.sendports.camel.PortMetrics;
import io.sendports.domain.BackupTransport;
import io.sendports.domain.Destination;
import io.sendports.domain.RetryPolicy;
import io.sendports.domain.SendPort;
import io.sendports.suspended.SuspendedStore;

/**
 * What happens after a delivery attempt fails (DESIGN.md §5), in one place: another attempt after the
 * retry interval, then the backup transport with its own retries, then suspension. A failure that no
 * retry can cure is suspended at once. Unordered ports park the message for its next attempt
 * ({@link #afterFailure}); ordered ports wait in place ({@link #inPlace}), holding back the messages behind it.
 * Whatever it decides is durable before it returns, so the caller may then commit the message's offset.
 */
@ApplicationScoped
public class FailurePolicy {
    private static final Logger LOG = Logger.getLogger(FailurePolicy.class);

    private final Deliverer deliverer;
    private final Parking parking;
    private final SuspendedStore suspended;
    private final DeliveryMetrics metrics;
    private final Clock clock;

    public FailurePolicy(Deliverer deliverer, Parking parking, SuspendedStore suspended, DeliveryMetrics metrics,
            Clock clock) {
        this.deliverer = deliverer;
        this.parking = parking;
        this.suspended = suspended;
        this.metrics = metrics;
        this.clock = clock;
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
        if (error instanceof Responses.ResponseNotPublished notPublished) {
            throw notPublished;
        }
        PortMetrics portMetrics = metrics.forPort(port.name());
        String reason = Failures.describe(error);
        portMetrics.failed(reason, Failures.timedOut(error));
        if (!Failures.retryable(error)) {
            suspend(port, message, reason, attempts);
            return;
        }
        RetryPolicy policy = phase == Phase.PRIMARY ? port.retry() : port.backup().retry();
        if (policy.allowsAnotherAttempt(phaseFailures)) {
            parking.park(port.name(), message, phase, phaseFailures, attempts, clock.instant().plus(policy.interval()),
                    reason);
            portMetrics.retried();
            return;
        }
        if (phase == Phase.PRIMARY && port.backup() != null) {
            tryBackup(port, message, attempts);
            return;
        }
        suspend(port, message, reason, attempts);
    }

    /** A retried or resumed message was delivered. */
    public void delivered(SendPort port, InboundMessage message) {
        metrics.forPort(port.name()).delivered(message.timestamp());
    }

    private void tryBackup(SendPort port, InboundMessage message, int attempts) {
        try {
            deliverer.deliver(port, Destinations.sending(port, port.backup().destination()), message, false);
            delivered(port, message);
        } catch (Exception backupError) {
            afterFailure(port, message, Phase.BACKUP, 1, attempts + 1, backupError);
        }
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
        PortMetrics portMetrics = metrics.forPort(port.name());
        Throwable error = firstError;
        portMetrics.failed(Failures.describe(error), Failures.timedOut(error));
        int attempts = 1;
        Outcome primary = retryInPlace(port, () -> Destinations.of(port, message), port.isDynamic(), port.retry(),
                message, error, 1, stopping);
        if (primary.delivered) {
            return;
        }
        attempts += primary.attempts - 1;
        error = primary.error;
        BackupTransport backup = port.backup();
        if (backup != null && Failures.retryable(error)) {
            try {
                attempts++;
                deliverer.deliver(port, Destinations.sending(port, backup.destination()), message, false);
                portMetrics.delivered(message.timestamp());
                return;
            } catch (Responses.ResponseNotPublished e) {
                throw e;
            } catch (Exception backupError) {
                portMetrics.failed(Failures.describe(backupError), Failures.timedOut(backupError));
                Outcome second = retryInPlace(port, () -> Destinations.sending(port, backup.destination()), false,
                        backup.retry(), message, backupError, 1, stopping);
                if (second.delivered) {
                    return;
                }
                attempts += second.attempts - 1;
                error = second.error;
            }
        }
        String reason = Failures.describe(error);
        if (port.stopOnFailure()) {
            throw new DeliveryFailedException(reason, attempts);
        }
        suspend(port, message, reason, attempts);
    }

    /**
     * An ordered port's message that has not been tried on its own (it was in a batch that failed): one
     * attempt now, then {@link #inPlace} if that fails.
     */
    public void tryThenInPlace(SendPort port, InboundMessage message, BooleanSupplier stopping) {
        if (stopping.getAsBoolean()) {
            throw new IllegalStateException("the port is stopping; the message stays undelivered");
        }
        try {
            deliverer.deliver(port, Destinations.of(port, message), message, port.isDynamic());
            metrics.forPort(port.name()).delivered(message.timestamp());
        } catch (Responses.ResponseNotPublished e) {
            throw e;
        } catch (Exception e) {
            inPlace(port, message, e, stopping);
        }
    }

    private record Outcome(boolean delivered, int attempts, Throwable error) {
    }

    private Outcome retryInPlace(SendPort port, Supplier<Destination> destination, boolean dynamic, RetryPolicy policy,
            InboundMessage message, Throwable error, int failures, BooleanSupplier stopping) {
        int attempts = 1;
        while (Failures.retryable(error) && policy.allowsAnotherAttempt(failures)) {
            metrics.forPort(port.name()).retried();
            waitFor(policy.interval(), stopping);
            attempts++;
            try {
                deliverer.deliver(port, destination.get(), message, dynamic);
                metrics.forPort(port.name()).delivered(message.timestamp());
                return new Outcome(true, attempts, null);
            } catch (Responses.ResponseNotPublished e) {
                throw e;
            } catch (Exception e) {
                error = e;
                failures++;
                metrics.forPort(port.name()).failed(Failures.describe(e), Failures.timedOut(e));
            }
        }
        return new Outcome(false, attempts, error);
    }

    private static void waitFor(Duration interval, BooleanSupplier stopping) {
        long deadline = System.nanoTime() + interval.toNanos();
        while (System.nanoTime() < deadline) {
            if (stopping.getAsBoolean()) {
                throw new IllegalStateException("the port is stopping; the message stays undelivered");
            }
            try {
                Thread.sleep(Math.min(200, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting to retry", e);
            }
        }
    }

    /** Suspends a message after its last attempt. */
    public void suspend(SendPort port, InboundMessage message, String reason, int attempts) {
        suspended.suspend(message, port.name(), reason, attempts);
        metrics.forPort(port.name()).suspended(reason);
        LOG.debugf("Suspended message %s of port %s after %d attempts: %s", message.messageId(), port.name(),
                attempts, reason);
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
