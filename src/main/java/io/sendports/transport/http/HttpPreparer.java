package io.sendports.transport.http;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.kafka.common.header.Header;

import io.sendports.message.InboundMessage;
import io.sendports.message.SendportsHeaders;
import io.sendports.transport.OutboundPreparer;

/**
 * HTTP requests: the configured method, the address's query, the message's headers that the port forwards
 * (all by default), its content type, and {@code sendports.message-id} and {@code sendports.key}.
 */
public final class HttpPreparer implements OutboundPreparer {
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private final HttpDestination destination;

    public HttpPreparer(HttpDestination destination) {
        this.destination = destination;
    }

    @Override
    public void prepare(InboundMessage inbound, Message out) {
        out.getHeaders().clear();
        for (Header header : inbound.headers()) {
            String name = header.key();
            if (!destination.forwards(name) || !TOKEN.matcher(name).matches()) {
                continue;
            }
            String value = header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
            if (value.indexOf('\r') < 0 && value.indexOf('\n') < 0) {
                out.setHeader(name, value);
            }
        }
        String contentType = inbound.header("content-type");
        if (contentType != null) {
            out.setHeader(Exchange.CONTENT_TYPE, contentType);
        }
        out.setHeader(SendportsHeaders.MESSAGE_ID, inbound.messageId());
        if (inbound.key() != null) {
            out.setHeader(SendportsHeaders.KEY, new String(inbound.key(), StandardCharsets.UTF_8));
        }
        out.setHeader(Exchange.HTTP_METHOD, destination.method());
        // The full address travels with the message, so that one endpoint per host serves every path.
        var uri = destination.uri();
        out.setHeader(Exchange.HTTP_URI, uri.getScheme().toLowerCase() + "://" + uri.getRawAuthority()
                + (uri.getRawPath() == null ? "" : uri.getRawPath()));
        String query = uri.getRawQuery();
        if (query != null) {
            out.setHeader(Exchange.HTTP_QUERY, query);
        }
    }
}
