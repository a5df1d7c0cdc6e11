package io.sendports.suspended;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.sendports.camel.DeliveryMetrics;
import io.sendports.camel.InboundMessage;
import io.sendports.control.ConflictException;
import io.sendports.control.ControlView;
import io.sendports.control.NoSuchEntityException;
import io.sendports.control.PortRecord;
import io.sendports.delivery.Deliverer;
import io.sendports.delivery.Destinations;
import io.sendports.delivery.Failures;
import io.sendports.delivery.Responses;
import io.sendports.domain.SendPort;

/**
 * Operators' actions on suspended messages. Resume sends the message again now through its port's
 * transports (primary, then backup), whatever the port's state, as BizTalk does; when that fails too the
 * message stays suspended with one more attempt counted. Terminate discards it.
 */
@ApplicationScoped
public class SuspendedService {
    private final SuspendedStore store;
    private final ControlView view;
    private final Deliverer deliverer;
    private final DeliveryMetrics metrics;

    public SuspendedService(SuspendedStore store, ControlView view, Deliverer deliverer, DeliveryMetrics metrics) {
        this.store = store;
        this.view = view;
        this.deliverer = deliverer;
        this.metrics = metrics;
    }

    /** What a resume did. */
    public record Resumed(String id, boolean delivered, String error, int attempts) {
    }

    public SuspendedMessage get(String id) {
        return store.find(id).orElseThrow(() -> new NoSuchEntityException("no suspended message with id '" + id + "'"));
    }

    public List<SuspendedMessage> list(String port) {
        return store.list(port);
    }

    /** The stored record of a suspended message. */
    public ConsumerRecord<byte[], byte[]> record(SuspendedMessage message) {
        return store.fetch(message).orElseThrow(() -> new NoSuchEntityException(
                "suspended message '" + message.id() + "' is no longer in the suspended topic"));
    }

    public Resumed resume(String id) {
        SuspendedMessage suspended = get(id);
        SendPort port = view.port(suspended.port()).map(PortRecord::port).orElseThrow(() -> new ConflictException(
                "port '" + suspended.port() + "' no longer exists; terminate the message instead"));
        ConsumerRecord<byte[], byte[]> record = record(suspended);
        InboundMessage message = InboundMessage.restore(record.headers(), record.value());
        int attempts = suspended.attempts();
        Exception error;
        try {
            attempts++;
            deliverer.deliver(port, Destinations.of(port, message), message, port.isDynamic());
            return delivered(port, message, id, attempts);
        } catch (Responses.ResponseNotPublished e) {
            throw e;
        } catch (Exception primary) {
            error = primary;
        }
        if (port.backup() != null) {
            try {
                attempts++;
                deliverer.deliver(port, Destinations.sending(port, port.backup().destination()), message, false);
                return delivered(port, message, id, attempts);
            } catch (Responses.ResponseNotPublished e) {
                throw e;
            } catch (Exception backup) {
                error = backup;
            }
        }
        String reason = Failures.describe(error);
        metrics.forPort(port.name()).failed(reason, Failures.timedOut(error));
        store.suspend(message, port.name(), reason, attempts);
        return new Resumed(id, false, reason, attempts);
    }

    private Resumed delivered(SendPort port, InboundMessage message, String id, int attempts) {
        store.terminate(id);
        metrics.forPort(port.name()).delivered(message.timestamp());
        return new Resumed(id, true, null, attempts);
    }

    public void terminate(String id) {
        get(id);
        store.terminate(id);
    }
}
