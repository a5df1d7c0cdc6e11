package io.sendports.api;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.sendports.broker.KafkaClients;
import io.sendports.broker.TopicSetup;
import io.sendports.domain.FieldError;
import io.sendports.domain.InvalidDefinitionException;
import io.sendports.domain.Names;
import io.sendports.domain.ReservedTopics;
import io.sendports.security.Role;

/**
 * Publishes one record, for scripts, the console and a first try without Kafka tools. Sendports' own topics
 * and Kafka's internal ones are refused (DESIGN.md §7): a record on the control topic would change ports
 * without the herder.
 */
@Path("/api/topics/{topic}/messages")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Publishing")
public class TopicResource {
    private final KafkaClients clients;
    private final TopicSetup topics;
    private final ReservedTopics reserved;

    public TopicResource(KafkaClients clients, TopicSetup topics, ReservedTopics reserved) {
        this.clients = clients;
        this.topics = topics;
        this.reserved = reserved;
    }

    /** A record to publish: {@code value} as UTF-8 text or {@code valueBase64} as bytes, not both. */
    public record Message(String key, Map<String, String> headers, String value, String valueBase64) {
    }

    /** Where the record landed. */
    public record Published(String topic, int partition, long offset) {
    }

    @POST
    @Operation(summary = "Publish one record to a topic")
    @APIResponse(responseCode = "201", description = "Published: where the record landed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Published.class)))
    @APIResponse(responseCode = "400", ref = ApiDocumentation.INVALID)
    @APIResponse(responseCode = "403", description = "Not an admin, or Kafka does not let Sendports' own Kafka user "
            + "write to the topic (its ACLs): `detail` says which",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", ref = ApiDocumentation.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = ApiDocumentation.UNSUPPORTED_MEDIA_TYPE)
    @APIResponse(responseCode = "503", ref = ApiDocumentation.NOT_READY)
    @RolesAllowed(Role.ADMIN_NAME)
    public Response publish(@PathParam("topic") String topic, Message message) {
        List<FieldError> errors = new ArrayList<>();
        String topicError = Names.topicNameError(topic);
        if (topicError == null) {
            topicError = reserved.refusal(topic);
        }
        if (topicError != null) {
            errors.add(new FieldError("topic", topicError));
        }
        byte[] value = null;
        if (message == null) {
            errors.add(new FieldError("body", "a JSON message {key, headers, value} is required"));
        } else if (message.value() != null && message.valueBase64() != null) {
            errors.add(new FieldError("valueBase64", "give either value or valueBase64, not both"));
        } else if (message.valueBase64() != null) {
            try {
                value = Base64.getDecoder().decode(message.valueBase64());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("valueBase64", "is not valid base64"));
            }
        } else if (message.value() != null) {
            value = message.value().getBytes(StandardCharsets.UTF_8);
        }
        List<Header> headers = new ArrayList<>();
        if (message != null && message.headers() != null) {
            message.headers().forEach((name, text) -> {
                if (name == null || name.isEmpty()) {
                    errors.add(new FieldError("headers", "header names must not be empty"));
                } else {
                    headers.add(new RecordHeader(name, text == null ? null : text.getBytes(StandardCharsets.UTF_8)));
                }
            });
        }
        if (!errors.isEmpty()) {
            throw new InvalidDefinitionException(errors);
        }
        byte[] key = message.key() == null ? null : message.key().getBytes(StandardCharsets.UTF_8);
        try {
            RecordMetadata metadata = clients.producer()
                    .send(new ProducerRecord<>(topic, null, key, value, headers))
                    .get(30, TimeUnit.SECONDS);
            return Response.status(201)
                    .entity(new Published(metadata.topic(), metadata.partition(), metadata.offset()))
                    .build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing", e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            if (cause instanceof RecordTooLargeException) {
                return tooLarge(topic, key, value, headers);
            }
            if (cause instanceof AuthorizationException) {
                // the cluster's ACLs, not the caller's role: waiting would not help, so this is no 503
                return ProblemMappers.problem(403, "Not authorized by Kafka", "Kafka does not allow Sendports' Kafka "
                        + "user to publish to " + topic + ": " + cause.getMessage(), null);
            }
            return ProblemMappers.problem(503, "Kafka unavailable", "cannot publish to " + topic + ": " + cause, null);
        }
    }

    /** A record the topic refused as too large: say how large it was and what the topic takes. */
    private Response tooLarge(String topic, byte[] key, byte[] value, List<Header> headers) {
        long size = (key == null ? 0 : key.length) + (value == null ? 0 : value.length)
                + headers.stream().mapToLong(h -> h.key().length() + (h.value() == null ? 0 : h.value().length)).sum();
        int topicLimit = topics.maxMessageBytes(topic);
        int limit = topicLimit > 0 ? Math.min(topicLimit, KafkaClients.MAX_STORED_MESSAGE_BYTES)
                : KafkaClients.MAX_STORED_MESSAGE_BYTES;
        return ProblemMappers.problem(413, "Record too large", "the record of about " + size + " bytes (key, value and"
                + " headers) is larger than topic " + topic + " takes: at most " + limit + " bytes for a record batch"
                + (topicLimit > 0 ? " (its max.message.bytes)" : ""), null);
    }
}
