package io.sendports.transport.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.kafka.common.header.Header;

import io.sendports.domain.SecretReference;
import io.sendports.message.InboundMessage;
import io.sendports.message.SendportsHeaders;
import io.sendports.secret.Secrets;
import io.sendports.transport.OutboundPreparer;
import io.vertx.core.http.HttpMethod;

/**
 * HTTP requests: the configured method, the address's query, the message's headers that the port forwards
 * (all by default), its content type, {@code sendports.message-id} and {@code sendports.key}, and the destination's
 * credentials: {@code Authorization} from {@code auth} and each secret header, their references resolved for this
 * very request (a rotated secret is used by the next one). A message header of a credential's name is not
 * forwarded. A reference that cannot be resolved fails the preparation with the resolver's
 * {@code SecretUnavailable}, before anything is sent.
 */
public final class HttpPreparer implements OutboundPreparer {
    private final HttpDestination destination;
    private final Secrets secrets;
    private final HttpMethod method;

    public HttpPreparer(HttpDestination destination, Secrets secrets) {
        this.destination = destination;
        this.secrets = secrets;
        this.method = HttpMethod.valueOf(destination.method());
    }

    @Override
    public void prepare(InboundMessage inbound, Message out) {
        out.getHeaders().clear();
        for (Header header : inbound.headers()) {
            String name = header.key();
            if (!destination.forwards(name) || !HttpSecretHeaders.TOKEN.matcher(name).matches()) {
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
        // the client's own type, made once per destination: no request converts a name (HttpPreparerTest)
        out.setHeader(Exchange.HTTP_METHOD, method);
        // The full address travels with the message, so that one endpoint per host serves every path.
        var uri = destination.uri();
        out.setHeader(Exchange.HTTP_URI, uri.getScheme().toLowerCase() + "://" + uri.getRawAuthority()
                + (uri.getRawPath() == null ? "" : uri.getRawPath()));
        String query = uri.getRawQuery();
        if (query != null) {
            out.setHeader(Exchange.HTTP_QUERY, query);
        }
        HttpAuth auth = destination.auth();
        if (auth != null) {
            String value = resolve(auth.secret(), HttpAuth.HEADER);
            out.setHeader(HttpAuth.HEADER, auth.header(value));
        }
        for (Map.Entry<String, SecretReference> header : destination.secretHeaders().entrySet()) {
            out.setHeader(header.getKey(), resolve(header.getValue(), header.getKey()));
        }
    }

    /** The secret's value now, one that an HTTP header can carry. */
    private String resolve(SecretReference reference, String header) {
        String value = secrets.resolve(reference);
        if (value.chars().anyMatch(c -> c != '\t' && (c < 0x20 || c == 0x7f))) {
            throw new SecretNotSendable(reference, header);
        }
        return value;
    }

    /**
     * A resolved secret that an HTTP header cannot carry: it holds a line break or another control character. Like
     * {@code SecretUnavailable} it names the reference, never the value, and has no stack trace; it is retried, as
     * the file may be rewritten.
     */
    static final class SecretNotSendable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SecretNotSendable(SecretReference reference, String header) {
            super("secret " + reference + " holds a line break or control character, which header " + header
                    + " cannot carry", null, false, false);
        }
    }
}
