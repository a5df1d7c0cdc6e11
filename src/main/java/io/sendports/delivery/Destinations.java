package io.sendports.delivery;

import io.sendports.domain.Destination;
import io.sendports.domain.DynamicDestinations;
import io.sendports.domain.SendPort;
import io.sendports.message.InboundMessage;
import io.sendports.message.SendportsHeaders;
import io.sendports.transport.TransportRegistry;

/**
 * Where one message of a port goes: a static port's fixed destination, or the destination a dynamic port
 * resolves from the message's {@code sendports.address} and {@code sendports.transport} headers, checked
 * against its allow-list, and checked again by its transport just before the delivery. A refused destination is
 * a {@link Failures.PermanentFailure}: no retry can cure it.
 */
public final class Destinations {
    private Destinations() {
    }

    public static Destination of(SendPort port, InboundMessage message) {
        if (!port.isDynamic()) {
            return sending(port, port.destination());
        }
        String address = message.header(SendportsHeaders.ADDRESS);
        DynamicDestinations.Resolution resolution = DynamicDestinations.resolve(address,
                message.header(SendportsHeaders.TRANSPORT), port.allowedDestinations());
        if (resolution.isRefused()) {
            throw new Failures.PermanentFailure(resolution.refusal());
        }
        Destination destination = resolution.destination();
        if (port.isSolicitResponse() && !destination.responds()) {
            throw new Failures.PermanentFailure("sendports.address names a " + destination.type()
                    + " destination, which gives no response: a solicit-response port delivers only where a"
                    + " response comes back (http(s))");
        }
        // For example a file directory's real path: a symbolic link inside an allowed directory must not lead out.
        String refusal = TransportRegistry.of(destination).refusalAtDelivery(destination,
                port.allowedDestinations().patterns(destination.type()));
        if (refusal != null) {
            throw new Failures.PermanentFailure("sendports.address is refused: " + refusal);
        }
        return sending(port, destination);
    }

    /** A solicit-response port waits for its response as long as the port says, whatever the destination's timeout. */
    public static Destination sending(SendPort port, Destination destination) {
        return port.isSolicitResponse() ? destination.withTimeout(port.responseTimeout()) : destination;
    }
}
