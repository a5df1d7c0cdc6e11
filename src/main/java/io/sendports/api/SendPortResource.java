package io.sendports.api;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.security.identity.SecurityIdentity;
import io.sendports.control.ConflictException;
import io.sendports.control.Herder;
import io.sendports.control.PortDocument;
import io.sendports.control.PortDocuments;
import io.sendports.control.PortRecord;
import io.sendports.domain.FieldError;
import io.sendports.domain.InvalidDefinitionException;
import io.sendports.domain.LifecycleAction;
import io.sendports.domain.Names;
import io.sendports.domain.PortState;
import io.sendports.domain.ReservedTopics;
import io.sendports.domain.SecretPaths;
import io.sendports.domain.SendPort;
import io.sendports.security.Role;
import io.sendports.suspended.SuspendedStore;
import io.sendports.transport.DeliveryContext;

/** Send ports: a thin wrapper that checks input, calls the {@link Herder} and shapes the answer. */
@Path("/api/send-ports")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Send ports")
@RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME, Role.VIEWER_NAME})
public class SendPortResource {
    private final Herder herder;
    private final EntityViews views;
    private final SuspendedStore suspended;
    private final ReservedTopics reserved;
    private final SecretPaths secretPaths;
    private final DeliveryContext delivery;
    private final ObjectMapper json;
    private final SecurityIdentity caller;
    /** The last list's answer; lists on several threads may each replace it, all with a correct one. */
    private volatile Listed lastList;

    public SendPortResource(Herder herder, EntityViews views,
            SuspendedStore suspended, ReservedTopics reserved, SecretPaths secretPaths, DeliveryContext delivery,
            ObjectMapper json, SecurityIdentity caller) {
        this.delivery = delivery;
        this.caller = caller;
        this.secretPaths = secretPaths;
        this.herder = herder;
        this.views = views;
        this.suspended = suspended;
        this.reserved = reserved;
        this.json = json;
    }

    @GET
    @Operation(summary = "List all send ports with their state and status")
    @APIResponse(responseCode = "200", description = "Every port, sorted by name",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = PortDocument.class)))
    public Response list() throws java.io.IOException {
        Map<String, Long> suspendedCounts = suspended.counts();
        List<PortRecord> records = herder.ports();
        List<PortStatus> portStatuses = records.stream()
                .map(record -> views.portStatus(record, suspendedCounts.getOrDefault(Names.key(record.name()), 0L)))
                .toList();
        Map<String, List<String>> memberships = herder.memberships();
        Listed last = lastList;
        if (last == null || !last.shows(records, portStatuses, memberships)) {
            List<PortDocument> documents = new java.util.ArrayList<>(records.size());
            for (int i = 0; i < records.size(); i++) {
                documents.add(EntityViews.document(records.get(i), portStatuses.get(i),
                        memberships.getOrDefault(Names.key(records.get(i).name()), List.of())));
            }
            last = new Listed(records, portStatuses, memberships, json.writeValueAsBytes(documents));
            lastList = last;
        }
        return Response.ok(last.json(), MediaType.APPLICATION_JSON).build();
    }

    /**
     * The last list's answer, with the records and statuses it shows: with 500 ports, writing the JSON is most of
     * a list's work, and between two lists mostly nothing changed. A record is replaced on every change of its
     * port, so the same record objects, equal statuses and equal memberships mean the same answer.
     */
    private record Listed(List<PortRecord> records, List<PortStatus> statuses, Map<String, List<String>> memberships,
            byte[] json) {
        boolean shows(List<PortRecord> now, List<PortStatus> nowStatuses, Map<String, List<String>> nowMemberships) {
            if (now.size() != records.size() || !nowStatuses.equals(statuses) || !nowMemberships.equals(memberships)) {
                return false;
            }
            for (int i = 0; i < now.size(); i++) {
                if (now.get(i) != records.get(i)) {
                    return false;
                }
            }
            return true;
        }
    }

    @GET
    @Path("{name}")
    @Operation(summary = "One send port with its runtime status")
    @APIResponse(responseCode = "200", description = "The port with its status",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PortDocument.class)),
            headers = @Header(name = HttpHeaders.ETAG, description = "The port's revision, for If-Match",
                    schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", ref = ApiDocumentation.NOT_FOUND)
    public RestResponse<PortDocument> get(@PathParam("name") String name) {
        return tagged(herder.port(name));
    }

    @POST
    @Operation(summary = "Create a send port; it is unenlisted unless the body has a state")
    @APIResponse(responseCode = "201", description = "Created; `Location` names the new port",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PortDocument.class)),
            headers = @Header(name = HttpHeaders.ETAG, description = "The port's revision, for If-Match",
                    schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", ref = ApiDocumentation.INVALID)
    @APIResponse(responseCode = "409", ref = ApiDocumentation.CONFLICT)
    @APIResponse(responseCode = "415", ref = ApiDocumentation.UNSUPPORTED_MEDIA_TYPE)
    @APIResponse(responseCode = "503", ref = ApiDocumentation.NOT_READY)
    @RolesAllowed(Role.ADMIN_NAME)
    public Response create(PortDocument body) {
        PortDocument document = required(body);
        List<FieldError> readOnly = new java.util.ArrayList<>(PortDocuments.readOnlyErrors(document, null));
        if (document.groups() != null && !document.groups().isEmpty()) {
            readOnly.add(groupsError());
        }
        if (!readOnly.isEmpty()) {
            throw new InvalidDefinitionException(readOnly);
        }
        PortState initial = PortState.UNENLISTED;
        SendPort port;
        try {
            port = PortDocuments.define(document, reserved);
        } catch (InvalidDefinitionException e) {
            throw ReadOnlyFields.withStatusError(ReadOnlyFields.withStateError(e, document.state()), document.status());
        }
        List<FieldError> secrets = PortDocuments.secretErrors(port, secretPaths);
        secrets.addAll(PortDocuments.transportErrors(port, delivery));
        if (!secrets.isEmpty()) {
            throw new InvalidDefinitionException(secrets);
        }
        if (document.status() != null) {
            throw ReadOnlyFields.statusError(List.of());
        }
        initial = ReadOnlyFields.initialState(document.state());
        PortRecord record = herder.create(port, initial, actor());
        URI location = UriBuilder.fromResource(SendPortResource.class).path(record.name()).build();
        return Response.created(location).header(HttpHeaders.ETAG, EntityTags.of(record.revision()))
                .entity(response(record)).build();
    }

    @PUT
    @Path("{name}")
    @Operation(summary = "Replace a send port's definition; kind and pattern cannot change")
    @APIResponse(responseCode = "200", description = "The port as changed (unchanged when the definition was the same)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PortDocument.class)),
            headers = @Header(name = HttpHeaders.ETAG, description = "The port's revision, for If-Match",
                    schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", ref = ApiDocumentation.INVALID)
    @APIResponse(responseCode = "404", ref = ApiDocumentation.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ApiDocumentation.CONFLICT)
    @APIResponse(responseCode = "412", ref = ApiDocumentation.PRECONDITION_FAILED)
    @APIResponse(responseCode = "415", ref = ApiDocumentation.UNSUPPORTED_MEDIA_TYPE)
    @APIResponse(responseCode = "503", ref = ApiDocumentation.NOT_READY)
    @RolesAllowed(Role.ADMIN_NAME)
    public RestResponse<PortDocument> update(@PathParam("name") String name,
            @HeaderParam(EntityTags.IF_MATCH) String ifMatch, PortDocument body) {
        OptionalLong revision = EntityTags.ifMatch(ifMatch);
        PortDocument document = required(body);
        if (document.name() != null && !document.name().equalsIgnoreCase(name)) {
            throw new InvalidDefinitionException(List.of(new FieldError("name",
                    "must match the name in the path ('" + name + "'); a port cannot be renamed")));
        }
        PortRecord current = herder.port(name, revision);
        if ((document.kind() != null && !document.kind().equals(current.port().kind().json()))
                || (document.pattern() != null && !document.pattern().equals(current.port().pattern().json()))) {
            throw new ConflictException("kind and pattern of a send port cannot change; delete and re-create it");
        }
        List<FieldError> readOnly = new java.util.ArrayList<>(PortDocuments.readOnlyErrors(document, current));
        readOnly.addAll(stateAndStatusErrors(document, current));
        if (document.groups() != null && !document.groups().equals(herder.groupsOf(current.name()))) {
            readOnly.add(groupsError());
        }
        SendPort port;
        try {
            port = PortDocuments.define(document.withName(current.name()), reserved);
        } catch (InvalidDefinitionException e) {
            List<FieldError> errors = new java.util.ArrayList<>(e.errors());
            errors.addAll(readOnly);
            throw new InvalidDefinitionException(errors);
        }
        readOnly.addAll(PortDocuments.secretErrors(port, secretPaths));
        readOnly.addAll(PortDocuments.transportErrors(port, delivery));
        if (!readOnly.isEmpty()) {
            throw new InvalidDefinitionException(readOnly);
        }
        return tagged(herder.update(port, actor(), revision));
    }

    @DELETE
    @Path("{name}")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Delete an unenlisted send port (409 while it has parked or suspended messages,"
            + " unless force=true: its parked messages are then suspended)")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "400", ref = ApiDocumentation.INVALID)
    @APIResponse(responseCode = "404", ref = ApiDocumentation.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ApiDocumentation.CONFLICT)
    @APIResponse(responseCode = "412", ref = ApiDocumentation.PRECONDITION_FAILED)
    @APIResponse(responseCode = "503", ref = ApiDocumentation.NOT_READY)
    @RolesAllowed(Role.ADMIN_NAME)
    public Response delete(@PathParam("name") String name, @QueryParam("force") String force,
            @HeaderParam(EntityTags.IF_MATCH) String ifMatch) {
        herder.delete(name, actor(), QueryFlags.flag("force", force), EntityTags.ifMatch(ifMatch));
        return Response.noContent().build();
    }

    /** A boolean query parameter: absent is false; anything but true or false is refused. */
    @POST
    @Path("{name}/enlist")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Enlist: create the port's subscription; messages from now on are kept for it")
    @APIResponse(responseCode = "200", description = "The port in its new state (the same state for a no-op)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PortDocument.class)),
            headers = @Header(name = HttpHeaders.ETAG, description = "The port's revision, for If-Match",
                    schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", ref = ApiDocumentation.INVALID)
    @APIResponse(responseCode = "404", ref = ApiDocumentation.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ApiDocumentation.CONFLICT)
    @APIResponse(responseCode = "412", ref = ApiDocumentation.PRECONDITION_FAILED)
    @APIResponse(responseCode = "503", ref = ApiDocumentation.NOT_READY)
    @RolesAllowed(Role.ADMIN_NAME)
    public RestResponse<PortDocument> enlist(@PathParam("name") String name,
            @HeaderParam(EntityTags.IF_MATCH) String ifMatch) {
        return lifecycle(name, LifecycleAction.ENLIST, ifMatch);
    }

    @POST
    @Path("{name}/start")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Start delivering (enlists first when unenlisted)")
    @APIResponse(responseCode = "200", description = "The port in its new state (the same state for a no-op)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PortDocument.class)),
            headers = @Header(name = HttpHeaders.ETAG, description = "The port's revision, for If-Match",
                    schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", ref = ApiDocumentation.INVALID)
    @APIResponse(responseCode = "404", ref = ApiDocumentation.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ApiDocumentation.CONFLICT)
    @APIResponse(responseCode = "412", ref = ApiDocumentation.PRECONDITION_FAILED)
    @APIResponse(responseCode = "503", ref = ApiDocumentation.NOT_READY)
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public RestResponse<PortDocument> start(@PathParam("name") String name,
            @HeaderParam(EntityTags.IF_MATCH) String ifMatch) {
        return lifecycle(name, LifecycleAction.START, ifMatch);
    }

    @POST
    @Path("{name}/stop")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Stop delivering; new messages wait in Kafka (409 when unenlisted)")
    @APIResponse(responseCode = "200", description = "The port in its new state (the same state for a no-op)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PortDocument.class)),
            headers = @Header(name = HttpHeaders.ETAG, description = "The port's revision, for If-Match",
                    schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", ref = ApiDocumentation.INVALID)
    @APIResponse(responseCode = "404", ref = ApiDocumentation.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ApiDocumentation.CONFLICT)
    @APIResponse(responseCode = "412", ref = ApiDocumentation.PRECONDITION_FAILED)
    @APIResponse(responseCode = "503", ref = ApiDocumentation.NOT_READY)
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public RestResponse<PortDocument> stop(@PathParam("name") String name,
            @HeaderParam(EntityTags.IF_MATCH) String ifMatch) {
        return lifecycle(name, LifecycleAction.STOP, ifMatch);
    }

    @POST
    @Path("{name}/unenlist")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Unenlist: stop and remove the subscription; messages published meanwhile are never delivered")
    @APIResponse(responseCode = "200", description = "The port in its new state (the same state for a no-op)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PortDocument.class)),
            headers = @Header(name = HttpHeaders.ETAG, description = "The port's revision, for If-Match",
                    schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", ref = ApiDocumentation.INVALID)
    @APIResponse(responseCode = "404", ref = ApiDocumentation.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ApiDocumentation.CONFLICT)
    @APIResponse(responseCode = "412", ref = ApiDocumentation.PRECONDITION_FAILED)
    @APIResponse(responseCode = "503", ref = ApiDocumentation.NOT_READY)
    @RolesAllowed(Role.ADMIN_NAME)
    public RestResponse<PortDocument> unenlist(@PathParam("name") String name,
            @HeaderParam(EntityTags.IF_MATCH) String ifMatch) {
        return lifecycle(name, LifecycleAction.UNENLIST, ifMatch);
    }

    private RestResponse<PortDocument> lifecycle(String name, LifecycleAction action, String ifMatch) {
        return tagged(herder.lifecycle(name, action, actor(), EntityTags.ifMatch(ifMatch),
                caller.hasRole(Role.ADMIN_NAME)));
    }

    /** The authenticated user: the actor of every change (DESIGN.md §7). */
    private String actor() {
        return caller.getPrincipal().getName();
    }

    /** A port's answer with its revision as the entity tag, for a later If-Match. */
    private RestResponse<PortDocument> tagged(PortRecord record) {
        return RestResponse.ResponseBuilder.ok(response(record))
                .header(HttpHeaders.ETAG, EntityTags.of(record.revision())).build();
    }

    private PortDocument response(PortRecord record) {
        return views.port(record);
    }

    private static PortDocument required(PortDocument body) {
        if (body == null) {
            throw new InvalidDefinitionException(List.of(new FieldError("body", "a JSON port definition is required")));
        }
        return body;
    }

    /**
     * API.md "Limits": a read-only field sent with another value than the current one is refused, never
     * silently ignored; the same value (a GET's answer sent back) passes.
     */
    private List<FieldError> stateAndStatusErrors(PortDocument document, PortRecord current) {
        List<FieldError> errors = new java.util.ArrayList<>(ReadOnlyFields.stateError(document.state(), current.state()));
        if (document.status() != null && !ReadOnlyFields.sameJson(json, document.status(), response(current).status())) {
            errors.addAll(ReadOnlyFields.statusError(List.of()).errors());
        }
        return errors;
    }

    private static FieldError groupsError() {
        return new FieldError("groups", "is read-only: it lists the groups the port belongs to; change a group's "
                + "sendPorts through /api/send-port-groups, or leave it out");
    }
}
