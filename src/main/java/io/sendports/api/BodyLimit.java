package io.sendports.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The HTTP layer's own {@code 413}: a request whose {@code Content-Length} is above
 * {@code quarkus.http.limits.max-body-size} is answered here, before any resource reads it, with a
 * problem+json body naming the limit (Quarkus would answer with an empty body). The body is read and
 * discarded so that the client, still sending, receives the answer instead of a reset connection; a body
 * without a length (chunked) is cut off by Quarkus itself, without a problem body.
 */
@ApplicationScoped
public class BodyLimit {
    /** How much of a refused body is read and discarded before the connection is closed instead. */
    private static final long DRAIN_AT_MOST = 256L * 1024 * 1024;

    private final long maxBodySize;
    private final ObjectMapper json;

    public BodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K")
            MemorySize maxBodySize, ObjectMapper json) {
        this.maxBodySize = maxBodySize.asLongValue();
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::check);
    }

    private void check(RoutingContext context) {
        String length = context.request().getHeader("Content-Length");
        long declared;
        try {
            declared = length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            declared = -1;
        }
        if (declared <= maxBodySize) {
            context.next();
            return;
        }
        Problem problem = new Problem("about:blank", "Content Too Large", 413, "the request body of " + declared
                + " bytes is larger than the " + maxBodySize
                + " bytes this service reads (quarkus.http.limits.max-body-size)",
                null);
        byte[] body;
        try {
            body = json.writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        long[] drained = {0};
        context.request().handler(chunk -> {
            drained[0] += chunk.length();
            if (drained[0] > DRAIN_AT_MOST) {
                context.request().connection().close();
            }
        });
        context.request().endHandler(done -> context.response().setStatusCode(413)
                .putHeader("Content-Type", Problem.MEDIA_TYPE).end(Buffer.buffer(body)));
    }
}
