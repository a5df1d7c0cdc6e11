package io.sendports.transport.sftp;

import java.time.Clock;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

import io.sendports.message.InboundMessage;
import io.sendports.message.SendportsHeaders;
import io.sendports.transport.AppendPreparer;

/**
 * SFTP files: the name expanded from the destination's pattern as for the file transport, with {@code *} and
 * {@code ?} replaced by {@code _} (the SFTP client would read them as wildcards and could write to another file
 * that matches); the server, directory, credentials and mode are in the endpoint.
 */
final class SftpPreparer implements AppendPreparer {
    private final SftpDestination destination;
    private final Clock clock;

    SftpPreparer(SftpDestination destination, Clock clock) {
        this.destination = destination;
        this.clock = clock;
    }

    @Override
    public void prepare(InboundMessage inbound, Message out) {
        prepare(target(inbound), out);
    }

    @Override
    public String target(InboundMessage inbound) {
        String name = destination.fileName().expand(inbound::messageId, clock::instant,
                inbound.header(SendportsHeaders.FILE_NAME));
        return name.replace('*', '_').replace('?', '_');
    }

    @Override
    public void prepare(String fileName, Message out) {
        out.getHeaders().clear();
        out.setHeader(Exchange.FILE_NAME, fileName);
    }
}
