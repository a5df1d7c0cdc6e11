package io.sendports.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

import io.sendports.camel.PortMetrics;
import io.sendports.camel.PortSteps;
import io.sendports.domain.Destination;
import io.sendports.domain.SendPort;
import io.sendports.message.InboundMessage;
import io.sendports.transport.AppendPreparer;
import io.sendports.transport.DeliveryContext;
import io.sendports.transport.DeliveryShape;
import io.sendports.transport.DeliveryShape.Batching;
import io.sendports.transport.FilesNotWritten;
import io.sendports.transport.OutboundPreparer;
import io.sendports.transport.Transport;
import io.sendports.transport.TransportRegistry;

/**
 * The steps of one port: read a record and apply the filter ({@link PortConsumer} calls these); cut a
 * partition's accepted messages into {@link DeliveryUnit}s and prepare each unit's exchange; count a delivery;
 * hand a failure to the {@link FailurePolicy} (the route calls these). An ordered port that stops on failure
 * asks for its own stop and, until it is stopped, takes nothing more.
 *
 * <p>Units of several messages, as the static destination's transport shapes them ({@link DeliveryShape}): a
 * partition's polled messages as one batch of records (Kafka: the producer sends them all, the exchange completes
 * when every one is acknowledged), consecutive messages bound for the same target in one append (a file in
 * {@code append} mode), or up to {@link #MAX_FILES_UNIT} consecutive messages of a partition, each to its own
 * file, in one exchange. Dynamic and solicit-response ports deliver message by message.
 */
public final class PortPipeline implements PortSteps, PortConsumer.Intake {
    /** Exchange property: the {@link DeliveryUnit}. */
    public static final String UNIT = "sendports.unit";
    /** The most messages in one unit. */
    static final int MAX_UNIT = 500;

    /** The most messages in one unit of files, one per message: a poll of a partition makes several units. */
    static final int MAX_FILES_UNIT = 64;

    private final SendPort port;
    private final OutboundPreparer preparer;
    private final DeliveryShape shape;
    private final Batching batching;
    private final DeliveryContext context;
    private final PortMetrics metrics;
    private final FailurePolicy failures;
    private final Responses responses;
    private final Consumer<String> stopRequest;
    private volatile boolean stopping;
    private volatile String stopReason;

    /**
     * @param stopRequest asks, asynchronously, for the port to be stopped with the given reason
     */
    public PortPipeline(SendPort port, PortMetrics metrics, FailurePolicy failures, Responses responses,
            DeliveryContext context,
            Consumer<String> stopRequest) {
        this.responses = responses;
        this.port = port;
        this.metrics = metrics;
        this.failures = failures;
        this.stopRequest = stopRequest;
        this.context = context;
        Destination destination = port.isDynamic() ? null : Destinations.sending(port, port.destination());
        Transport transport = destination == null ? null : TransportRegistry.of(destination);
        this.preparer = destination == null ? null : transport.preparer(destination, context, false);
        DeliveryShape shaped = destination == null ? DeliveryShape.SINGLE
                : transport.shape(destination, port.orderedDelivery());
        // a solicit-response port publishes one response per request
        this.batching = port.isSolicitResponse() ? Batching.NONE : shaped.batching();
        this.shape = shaped;
    }

    /**
     * Deliveries of this port that may run at once on one instance. Appends are written one after the other, so
     * that each keeps its bytes together. Other file writes run at most {@code fileWriters} at once: creating and
     * renaming files in one directory is serialized by the file system, and more writers only queue for it
     * (measured in docs/PERFORMANCE.md). Other ports take the instance's limit.
     */
    public int maxInFlight(int limit, int fileWriters) {
        if (batching == Batching.APPEND) {
            return 1;
        }
        if (shape.writesFiles()) {
            return Math.max(1, Math.min(limit, fileWriters));
        }
        return limit;
    }

    /**
     * Whether a partition's units go one after the other. Ordered ports need it; a port whose units are batches
     * of records gets it for free (each unit is a whole poll of the partition, and the records keep their order on
     * the way).
     */
    public boolean oneUnitPerPartition() {
        return port.orderedDelivery() || batching == Batching.RECORDS;
    }

    /** The port is being stopped: waits in place end and nothing more is attempted. */
    public void stopping() {
        stopping = true;
    }

    /** An ordered port asked to be stopped after a failure: nothing more may be taken. */
    @Override
    public boolean halted() {
        return stopReason != null;
    }

    /** The message a consumed record is for this port. */
    @Override
    public InboundMessage inbound(ConsumerRecord<byte[], byte[]> record) {
        return new InboundMessage(port.name(), record.topic(), record.partition(), record.offset(), record.timestamp(),
                record.key(), record.value(), record.headers());
    }

    /** Whether the port's filter takes the message (counted when it does not). */
    @Override
    public boolean accepts(InboundMessage message) {
        boolean accepted = port.subscription().filter().matches(message::header);
        if (!accepted) {
            metrics.filteredOut();
        }
        return accepted;
    }

    /** Cuts the accepted messages of one partition's poll, in order, into units. */
    @Override
    public List<DeliveryUnit> units(TopicPartition partition, List<InboundMessage> accepted) {
        List<DeliveryUnit> units = new ArrayList<>();
        switch (batching) {
            case NONE -> accepted.forEach(message -> units.add(DeliveryUnit.of(partition, message)));
            case RECORDS -> chunks(partition, accepted, MAX_UNIT, units);
            case FILES -> chunks(partition, accepted, MAX_FILES_UNIT, units);
            case APPEND -> {
                AppendPreparer files = (AppendPreparer) preparer;
                List<InboundMessage> run = new ArrayList<>();
                String runFile = null;
                for (InboundMessage message : accepted) {
                    String file = files.target(message);
                    if (!run.isEmpty() && (!file.equals(runFile) || run.size() == MAX_UNIT)) {
                        units.add(new DeliveryUnit(partition, run, runFile));
                        run = new ArrayList<>();
                    }
                    run.add(message);
                    runFile = file;
                }
                if (!run.isEmpty()) {
                    units.add(new DeliveryUnit(partition, run, runFile));
                }
            }
        }
        return units;
    }

    private static void chunks(TopicPartition partition, List<InboundMessage> accepted, int size,
            List<DeliveryUnit> units) {
        for (int from = 0; from < accepted.size(); from += size) {
            List<InboundMessage> chunk = accepted.subList(from, Math.min(accepted.size(), from + size));
            units.add(new DeliveryUnit(partition, chunk, null));
        }
    }

    @Override
    public void prepare(Exchange exchange) {
        prepare(exchange.getProperty(UNIT, DeliveryUnit.class), exchange);
    }

    /** Sets up the exchange that carries a unit into the port's route. */
    public void prepare(DeliveryUnit unit, Exchange exchange) {
        exchange.setProperty(UNIT, unit);
        Message out = exchange.getMessage();
        if (batching == Batching.RECORDS || batching == Batching.FILES) {
            List<Message> records = new ArrayList<>(unit.messages().size());
            for (InboundMessage message : unit.messages()) {
                Message record = new DefaultMessage(exchange.getContext());
                record.setBody(message.value());
                preparer.prepare(message, record);
                records.add(record);
            }
            out.setBody(records);
            return;
        }
        if (unit.appendTo() != null) {
            out.setBody(concatenated(unit.messages()));
            ((AppendPreparer) preparer).prepare(unit.appendTo(), out);
            return;
        }
        InboundMessage message = unit.message();
        out.setBody(message.value());
        if (preparer != null) {
            preparer.prepare(message, out);
        }
    }

    /** The values of the messages one after the other, each copied once (a null value adds nothing). */
    static byte[] concatenated(List<InboundMessage> messages) {
        int length = 0;
        for (InboundMessage message : messages) {
            length = Math.addExact(length, message.value() == null ? 0 : message.value().length);
        }
        byte[] bytes = new byte[length];
        int at = 0;
        for (InboundMessage message : messages) {
            byte[] value = message.value();
            if (value != null) {
                System.arraycopy(value, 0, bytes, at, value.length);
                at += value.length;
            }
        }
        return bytes;
    }

    @Override
    public void route(Exchange exchange) {
        InboundMessage message = exchange.getProperty(UNIT, DeliveryUnit.class).message();
        Destination destination = Destinations.of(port, message);
        Transport transport = TransportRegistry.of(destination);
        transport.preparer(destination, context, true).prepare(message, exchange.getMessage());
        exchange.setProperty(ENDPOINT, transport.endpointUri(destination,
                Transport.EndpointUse.of(port.isSolicitResponse(), true)));
    }

    /**
     * Counts the unit's messages as delivered; a solicit-response port's request counts once its response is in
     * Kafka, and the exchange completes then, on the producer's thread: no thread waits for the acknowledgement.
     */
    @Override
    public boolean delivered(Exchange exchange, AsyncCallback callback) {
        DeliveryUnit unit = exchange.getProperty(UNIT, DeliveryUnit.class);
        if (!port.isSolicitResponse()) {
            count(unit);
            callback.done(true);
            return true;
        }
        responses.publish(port, unit.message(), exchange.getMessage(), notPublished -> {
            if (notPublished == null) {
                metrics.responsePublished();
                count(unit);
            } else {
                exchange.setException(notPublished);
            }
            callback.done(false);
        });
        return false;
    }

    private void count(DeliveryUnit unit) {
        for (InboundMessage message : unit.messages()) {
            metrics.delivered(message.timestamp());
        }
    }

    @Override
    public void failed(Exchange exchange) {
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (error instanceof Responses.ResponseNotPublished notPublished) {
            // The request was answered but the answer is not in Kafka: leave the request uncommitted.
            throw notPublished;
        }
        DeliveryUnit unit = exchange.getProperty(UNIT, DeliveryUnit.class);
        if (error instanceof FilesNotWritten notWritten) {
            // A batch of files of an unordered port: the files not written are handled one by one, the others are done.
            for (int i = 0; i < unit.messages().size(); i++) {
                InboundMessage message = unit.messages().get(i);
                Exception failure = notWritten.failures().get(i);
                if (failure == null) {
                    metrics.delivered(message.timestamp());
                } else {
                    failures.afterFailure(port, message, Phase.PRIMARY, 1, 1, failure);
                }
            }
            return;
        }
        boolean first = true;
        for (InboundMessage message : unit.messages()) {
            if (!port.orderedDelivery()) {
                failures.afterFailure(port, message, Phase.PRIMARY, 1, 1, error);
                continue;
            }
            try {
                if (first) {
                    failures.inPlace(port, message, error, () -> stopping);
                } else {
                    // The batch failed as a whole: the messages after the first are tried on their own at once,
                    // and wait for a retry only if that fails too.
                    failures.tryThenInPlace(port, message, () -> stopping);
                }
                first = false;
            } catch (FailurePolicy.DeliveryFailedException e) {
                stopReason = "message " + message.messageId() + " (" + message.source() + ") failed after "
                        + e.attempts() + " attempts: " + e.getMessage();
                stopRequest.accept(stopReason);
                throw e;
            }
        }
    }
}
