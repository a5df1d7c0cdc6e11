package io.sendports.suspended;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.sendports.message.InboundMessage;
import io.sendports.control.ConflictException;
import io.sendports.control.ControlView;
import io.sendports.control.NoSuchEntityException;
import io.sendports.control.PortRecord;
import io.sendports.delivery.FailurePolicy;
import io.sendports.domain.SendPort;

/**
 * Operators' actions on suspended messages. Resume sends the message again now through its port's
 * transports (primary, then backup: {@link FailurePolicy#resume}), whatever the port's state, as BizTalk does;
 * when that fails too the message stays suspended with its attempts counted. Terminate discards it.
 */
@ApplicationScoped
public class SuspendedService {
    private final SuspendedStore store;
    private final ControlView view;
    private final FailurePolicy ladder;

    public SuspendedService(SuspendedStore store, ControlView view, FailurePolicy ladder) {
        this.store = store;
        this.view = view;
        this.ladder = ladder;
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
        FailurePolicy.Outcome outcome = ladder.resume(port, message, suspended.attempts());
        if (outcome.delivered()) {
            store.terminate(id);
        }
        return new Resumed(id, outcome.delivered(), outcome.error(), outcome.attempts());
    }

    public void terminate(String id) {
        get(id);
        store.terminate(id);
    }
}
