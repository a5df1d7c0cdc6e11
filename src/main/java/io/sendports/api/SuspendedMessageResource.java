package io.sendports.api;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.security.identity.SecurityIdentity;
import io.sendports.message.InboundMessage;
import io.sendports.security.Role;
import io.sendports.suspended.SuspendedMessage;
import io.sendports.suspended.SuspendedService;

/** Suspended messages: list, inspect, resume, terminate. */
@Path("/api/suspended-messages")
@RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME, Role.VIEWER_NAME})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Suspended messages")
public class SuspendedMessageResource {
    private final SuspendedService service;

    private final SecurityIdentity caller;

    public SuspendedMessageResource(SuspendedService service, SecurityIdentity caller) {
        this.caller = caller;
        this.service = service;
    }

    /** A suspended message as listed. */
    public record Summary(String id, String port, String error, int attempts, Instant suspendedAt, String source) {
        static Summary of(SuspendedMessage m) {
            return new Summary(m.id(), m.port(), m.error(), m.attempts(), m.suspendedAt(), m.source());
        }
    }

    /** One suspended message with its original headers, key and body (text, or base64 when not UTF-8). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Detail(String id, String port, String error, int attempts, Instant suspendedAt, String source,
            String key, Map<String, String> headers, String body, String bodyBase64) {
    }

    @GET
    @Operation(summary = "List suspended messages, optionally of one port")
    @APIResponse(responseCode = "200", description = "The suspended messages, without bodies",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = Summary.class)))
    public List<Summary> list(@QueryParam("port") String port) {
        return service.list(port == null || port.isBlank() ? null : port).stream().map(Summary::of).toList();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One suspended message with its headers and body")
    @APIResponse(responseCode = "200", description = "The message with its key, headers and body",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Detail.class)))
    @APIResponse(responseCode = "404", ref = ApiDocumentation.NOT_FOUND)
    public Detail get(@PathParam("id") String id) {
        SuspendedMessage message = service.get(id);
        ConsumerRecord<byte[], byte[]> record = service.record(message);
        InboundMessage original = InboundMessage.restore(record.headers(), record.value());
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : original.headers()) {
            headers.put(header.key(), header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8));
        }
        // DESIGN.md §7: the body only for admins; operators and viewers get the record without it
        boolean body = caller.hasRole(Role.ADMIN_NAME);
        String text = body ? utf8(record.value()) : null;
        return new Detail(message.id(), message.port(), message.error(), message.attempts(), message.suspendedAt(),
                message.source(), original.key() == null ? null : new String(original.key(), StandardCharsets.UTF_8),
                headers, text, body && text == null && record.value() != null
                        ? Base64.getEncoder().encodeToString(record.value()) : null);
    }

    @POST
    @Path("{id}/resume")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Send the message again now through its port's transports, even if the port is stopped")
    @APIResponse(responseCode = "200", description = "What the attempt did: `delivered` true (the message is gone), "
            + "or false with the `error` (it stays suspended)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SuspendedService.Resumed.class)))
    @APIResponse(responseCode = "404", ref = ApiDocumentation.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ApiDocumentation.CONFLICT)
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public SuspendedService.Resumed resume(@PathParam("id") String id) {
        return service.resume(id);
    }

    @DELETE
    @Path("{id}")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Terminate (discard) a suspended message")
    @APIResponse(responseCode = "204", description = "Terminated")
    @APIResponse(responseCode = "404", ref = ApiDocumentation.NOT_FOUND)
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public Response terminate(@PathParam("id") String id) {
        service.terminate(id);
        return Response.noContent().build();
    }

    private static String utf8(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException notText) {
            return null;
        }
    }
}
