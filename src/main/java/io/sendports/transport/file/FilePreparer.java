package io.sendports.transport.file;

import java.time.Clock;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

import io.sendports.message.InboundMessage;
import io.sendports.message.SendportsHeaders;
import io.sendports.transport.AppendPreparer;

/** Files: the name expanded from the port's pattern; the directory and write mode are in the endpoint. */
public final class FilePreparer implements AppendPreparer {
    private final FileDestination destination;
    private final Clock clock;

    public FilePreparer(FileDestination destination, Clock clock) {
        this.destination = destination;
        this.clock = clock;
    }

    @Override
    public void prepare(InboundMessage inbound, Message out) {
        prepare(target(inbound), out);
    }

    /** The name the message's file gets: the port's pattern expanded for it. */
    @Override
    public String target(InboundMessage inbound) {
        return destination.fileName().expand(inbound::messageId, clock::instant,
                inbound.header(SendportsHeaders.FILE_NAME));
    }

    /** Sets up a write to the named file (several messages appended at once share one name). */
    @Override
    public void prepare(String fileName, Message out) {
        out.getHeaders().clear();
        out.setHeader(Exchange.FILE_NAME, fileName);
    }
}
