package io.sendports.transport;

import java.util.List;
import java.util.Optional;

import io.sendports.domain.Destination;
import io.sendports.domain.DestinationPattern;
import io.sendports.domain.Problems;
import io.sendports.domain.TransportSyntax;

/**
 * One transport, whole: its definition syntax and allow-list matching ({@link TransportSyntax}), and how a
 * delivery over it runs in Camel: the endpoint URI, the outgoing message, how messages are cut into units, and
 * which of its failures are worth another attempt. Each transport is one package ({@code transport/<name>/})
 * holding its destination type; {@link TransportRegistry} lists them. Code outside {@code transport/} sees
 * destinations only as {@link Destination} and asks the registry for their transport.
 *
 * <p>Implementations are stateless and thread-safe; each method receives a destination this transport made.
 */
public interface Transport extends TransportSyntax {

    /** How an endpoint is used: what the producer must keep, and what Sendports knows of the destination. */
    record EndpointUse(boolean solicitResponse, boolean dynamic, int maxMessageBytes) {
        /** A use with no knowledge of the destination's message limit. */
        public static EndpointUse of(boolean solicitResponse, boolean dynamic) {
            return new EndpointUse(solicitResponse, dynamic, -1);
        }
    }

    /**
     * The Camel endpoint URI that delivers to the destination. For a destination resolved from a message
     * ({@code use.dynamic()}) endpoints are shared as widely as the transport allows, what differs per message
     * travelling in the message ({@link #preparer}), so that many destinations need few endpoints.
     *
     * @param use {@code maxMessageBytes}: the {@code max.message.bytes} of {@link Destination#localTopic()}, or -1
     */
    String endpointUri(Destination destination, EndpointUse use);

    /** Sets up each outgoing message for the destination (the endpoint of {@link #endpointUri} with {@code dynamic}). */
    OutboundPreparer preparer(Destination destination, DeliveryContext context, boolean dynamic);

    /** How a static port's messages to the destination are cut into units and how many may be in flight. */
    default DeliveryShape shape(Destination destination, boolean ordered) {
        return DeliveryShape.SINGLE;
    }

    /**
     * Whether a failure is worth another attempt, when it is one of this transport's failures (an HTTP
     * status, a file that exists in create mode); empty otherwise.
     */
    default Optional<Boolean> retryable(Throwable error) {
        return Optional.empty();
    }

    /** A one-line reason for operators, when the failure is one of this transport's; empty otherwise. */
    default Optional<String> describe(Throwable error) {
        return Optional.empty();
    }

    /** Whether the failure says the destination did not answer in time, in this transport's own terms. */
    default boolean timedOut(Throwable error) {
        return false;
    }

    /**
     * Why a dynamic port may not deliver to a destination it resolved and its allow-list allowed, checked again
     * just before the delivery (a file directory's real path); null when it may.
     *
     * @param patterns the port's allow-list patterns of this transport
     */
    default String refusalAtDelivery(Destination destination, List<DestinationPattern> patterns) {
        return null;
    }

    /**
     * What is wrong with a static destination on this instance beyond its syntax: what depends on the operator's
     * settings or on what one of its secrets holds now (the login modules of a Kafka JAAS file). Asked when a
     * definition is written through the API, as the allowed directories of its secret references are; not when the
     * control topic is read, so that changed settings make a stored port fail and say why rather than vanish. A
     * secret that cannot be resolved yet is left to the delivery, which checks again.
     *
     * @param field the JSON path of the transport, such as {@code transport} or {@code backupTransport}
     */
    default void checkWritten(Destination destination, String field, DeliveryContext context, Problems problems) {
    }

    /**
     * Called before a port that uses this transport starts, on the instance that starts it, for example to
     * remove what a crash left behind. Failures are the transport's to log; they do not keep the port from
     * starting.
     *
     * @param destinations the port's fixed destinations of this transport (primary and backup)
     * @param patterns     its allow-list patterns of this transport (a dynamic port)
     */
    default void beforeStart(String port, List<Destination> destinations, List<DestinationPattern> patterns) {
    }
}
