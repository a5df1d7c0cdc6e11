package io.sendports.delivery;

import io.sendports.message.InboundMessage;
import io.sendports.message.SendportsHeaders;
import io.sendports.domain.Destination;
import io.sendports.domain.DynamicDestinations;
import io.sendports.domain.FileDestination;
import io.sendports.domain.HttpDestination;
import io.sendports.domain.SendPort;

/**
 * Where one message of a port goes: a static port's fixed destination, or the destination a dynamic port
 * resolves from the message's {@code sendports.address} and {@code sendports.transport} headers, checked
 * against its allow-list. A refused destination is a {@link Failures.PermanentFailure}: no retry can cure it.
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
        if (port.isSolicitResponse() && !(destination instanceof HttpDestination)) {
            throw new Failures.PermanentFailure("sendports.address names a " + destination.type().json()
                    + " destination, which gives no response: a solicit-response port delivers over http(s) only");
        }
        if (destination instanceof FileDestination file) {
            // Checked again at delivery time, on the real path: a symbolic link inside an allowed directory
            // must not lead out of it.
            String refusal = port.allowedDestinations().realPathRefusal(file.directory());
            if (refusal != null) {
                throw new Failures.PermanentFailure("sendports.address is refused: " + refusal);
            }
        }
        return sending(port, destination);
    }

    /** A solicit-response port waits for its response as long as the port says, whatever the destination's timeout. */
    public static Destination sending(SendPort port, Destination destination) {
        if (port.isSolicitResponse() && destination instanceof HttpDestination http) {
            return new HttpDestination(http.uri(), http.method(), port.responseTimeout(), http.forwardHeaders(),
                    http.headerPrefix());
        }
        return destination;
    }
}
