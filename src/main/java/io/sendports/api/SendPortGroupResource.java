package io.sendports.api;

import java.net.URI;
import java.util.List;
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
import io.sendports.camel.DeliveryMetrics;
import io.sendports.camel.PathMetrics;
import io.sendports.control.GroupDocument;
import io.sendports.control.GroupDocuments;
import io.sendports.control.GroupRecord;
import io.sendports.control.Herder;
import io.sendports.control.PortRecord;
import io.sendports.domain.FieldError;
import io.sendports.domain.InvalidDefinitionException;
import io.sendports.domain.LifecycleAction;
import io.sendports.domain.PortState;
import io.sendports.domain.ReservedTopics;
import io.sendports.domain.SendPortGroup;
import io.sendports.reconcile.PortStatuses;
import io.sendports.security.Role;

/** Send port groups (DESIGN.md §3a): a thin wrapper that checks input, calls the {@link Herder} and shapes the answer. */
@Path("/api/send-port-groups")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Send port groups")
@RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME, Role.VIEWER_NAME})
public class SendPortGroupResource {
    private final Herder herder;
    private final EntityViews views;
    private final ReservedTopics reserved;
    private final ObjectMapper json;
    private final SecurityIdentity caller;

    public SendPortGroupResource(Herder herder, EntityViews views, ReservedTopics reserved,
            ObjectMapper json, SecurityIdentity caller) {
        this.caller = caller;
        this.herder = herder;
        this.views = views;
        this.reserved = reserved;
        this.json = json;
    }

    @GET
    @Operation(summary = "List all send port groups with their state and members' status")
    @APIResponse(responseCode = "200", description = "Every group, sorted by name",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = GroupDocument.class)))
    public List<GroupDocument> list() {
        return herder.groups().stream().map(this::response).toList();
    }

    @GET
    @Path("{name}")
    @Operation(summary = "One send port group with its members' status")
    @APIResponse(responseCode = "200", description = "The group with its status",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = GroupDocument.class)),
            headers = @Header(name = HttpHeaders.ETAG, description = "The group's revision, for If-Match",
                    schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", ref = ApiDocumentation.NOT_FOUND)
    public RestResponse<GroupDocument> get(@PathParam("name") String name) {
        return tagged(herder.group(name));
    }

    @POST
    @Operation(summary = "Create a send port group; it is unenlisted unless the body has a state")
    @APIResponse(responseCode = "201", description = "Created; `Location` names the new group",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = GroupDocument.class)),
            headers = @Header(name = HttpHeaders.ETAG, description = "The group's revision, for If-Match",
                    schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", ref = ApiDocumentation.INVALID)
    @APIResponse(responseCode = "409", ref = ApiDocumentation.CONFLICT)
    @APIResponse(responseCode = "415", ref = ApiDocumentation.UNSUPPORTED_MEDIA_TYPE)
    @APIResponse(responseCode = "503", ref = ApiDocumentation.NOT_READY)
    @RolesAllowed(Role.ADMIN_NAME)
    public Response create(GroupDocument body) {
        GroupDocument document = required(body);
        List<FieldError> readOnly = GroupDocuments.readOnlyErrors(document, null);
        if (!readOnly.isEmpty()) {
            throw new InvalidDefinitionException(readOnly);
        }
        SendPortGroup group;
        try {
            group = GroupDocuments.define(document, reserved);
        } catch (InvalidDefinitionException e) {
            throw ReadOnlyFields.withStatusError(ReadOnlyFields.withStateError(withMemberErrors(e, document), document.state()),
                    document.status());
        }
        if (document.status() != null) {
            throw ReadOnlyFields.statusError(List.of());
        }
        GroupRecord record = herder.createGroup(group, ReadOnlyFields.initialState(document.state()), actor());
        URI location = UriBuilder.fromResource(SendPortGroupResource.class).path(record.name()).build();
        return Response.created(location).header(HttpHeaders.ETAG, EntityTags.of(record.revision()))
                .entity(response(record)).build();
    }

    @PUT
    @Path("{name}")
    @Operation(summary = "Replace a send port group's definition: description, members, subscription")
    @APIResponse(responseCode = "200", description = "The group as changed (unchanged when the definition was the same)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = GroupDocument.class)),
            headers = @Header(name = HttpHeaders.ETAG, description = "The group's revision, for If-Match",
                    schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", ref = ApiDocumentation.INVALID)
    @APIResponse(responseCode = "404", ref = ApiDocumentation.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ApiDocumentation.CONFLICT)
    @APIResponse(responseCode = "412", ref = ApiDocumentation.PRECONDITION_FAILED)
    @APIResponse(responseCode = "415", ref = ApiDocumentation.UNSUPPORTED_MEDIA_TYPE)
    @APIResponse(responseCode = "503", ref = ApiDocumentation.NOT_READY)
    @RolesAllowed(Role.ADMIN_NAME)
    public RestResponse<GroupDocument> update(@PathParam("name") String name,
            @HeaderParam(EntityTags.IF_MATCH) String ifMatch, GroupDocument body) {
        OptionalLong revision = EntityTags.ifMatch(ifMatch);
        GroupDocument document = required(body);
        if (document.name() != null && !document.name().equalsIgnoreCase(name)) {
            throw new InvalidDefinitionException(List.of(new FieldError("name",
                    "must match the name in the path ('" + name + "'); a group cannot be renamed")));
        }
        GroupRecord current = herder.group(name, revision);
        List<FieldError> readOnly = new java.util.ArrayList<>(GroupDocuments.readOnlyErrors(document, current));
        readOnly.addAll(ReadOnlyFields.stateError(document.state(), current.state()));
        if (document.status() != null && !ReadOnlyFields.sameJson(json, document.status(), status(current))) {
            readOnly.addAll(ReadOnlyFields.statusError(List.of()).errors());
        }
        SendPortGroup group;
        try {
            group = GroupDocuments.define(document.withName(current.name()), reserved);
        } catch (InvalidDefinitionException e) {
            List<FieldError> errors = new java.util.ArrayList<>(withMemberErrors(e, document).errors());
            errors.addAll(readOnly);
            throw new InvalidDefinitionException(errors);
        }
        if (!readOnly.isEmpty()) {
            throw new InvalidDefinitionException(readOnly);
        }
        return tagged(herder.updateGroup(group, actor(), revision));
    }

    @DELETE
    @Path("{name}")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Delete an unenlisted send port group; its ports stay as they are")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", ref = ApiDocumentation.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ApiDocumentation.CONFLICT)
    @APIResponse(responseCode = "412", ref = ApiDocumentation.PRECONDITION_FAILED)
    @APIResponse(responseCode = "503", ref = ApiDocumentation.NOT_READY)
    @RolesAllowed(Role.ADMIN_NAME)
    public Response delete(@PathParam("name") String name, @HeaderParam(EntityTags.IF_MATCH) String ifMatch) {
        herder.deleteGroup(name, actor(), EntityTags.ifMatch(ifMatch));
        return Response.noContent().build();
    }

    @POST
    @Path("{name}/{action: enlist|start|stop|unenlist}")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Enlist, start, stop or unenlist the group; its members' states never change")
    @APIResponse(responseCode = "200", description = "The group in its new state (the same state for a no-op)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = GroupDocument.class)),
            headers = @Header(name = HttpHeaders.ETAG, description = "The group's revision, for If-Match",
                    schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", ref = ApiDocumentation.INVALID)
    @APIResponse(responseCode = "404", ref = ApiDocumentation.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ApiDocumentation.CONFLICT)
    @APIResponse(responseCode = "412", ref = ApiDocumentation.PRECONDITION_FAILED)
    @APIResponse(responseCode = "503", ref = ApiDocumentation.NOT_READY)
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public RestResponse<GroupDocument> lifecycle(@PathParam("name") String name, @PathParam("action") String action,
            @HeaderParam(EntityTags.IF_MATCH) String ifMatch) {
        LifecycleAction verb = LifecycleAction.valueOf(action.toUpperCase(java.util.Locale.ROOT));
        boolean admin = caller.hasRole(Role.ADMIN_NAME);
        if (!admin && (verb == LifecycleAction.ENLIST || verb == LifecycleAction.UNENLIST)) {
            // DESIGN.md §7: operators start and stop; enlisting and unenlisting change subscriptions
            throw new io.quarkus.security.ForbiddenException("only an admin may " + verb.verb() + " a send port group");
        }
        return tagged(herder.groupLifecycle(name, verb, actor(), EntityTags.ifMatch(ifMatch), admin));
    }

    /** The authenticated user: the actor of every change (DESIGN.md §7). */
    private String actor() {
        return caller.getPrincipal().getName();
    }

    private RestResponse<GroupDocument> tagged(GroupRecord record) {
        return RestResponse.ResponseBuilder.ok(response(record))
                .header(HttpHeaders.ETAG, EntityTags.of(record.revision())).build();
    }

    private GroupDocument response(GroupRecord record) {
        return views.group(record);
    }

    private GroupStatus status(GroupRecord record) {
        return views.groupStatus(record);
    }

    /**
     * The definition's errors with those of members that name no one-way port, so that one answer lists every
     * error; a member the definition already refused (an invalid name, listed twice) is not checked again.
     */
    private InvalidDefinitionException withMemberErrors(InvalidDefinitionException e, GroupDocument document) {
        List<FieldError> errors = new java.util.ArrayList<>(e.errors());
        java.util.Set<String> reported = new java.util.HashSet<>();
        errors.forEach(error -> reported.add(error.field()));
        herder.memberErrors(document.sendPorts()).stream().filter(error -> !reported.contains(error.field()))
                .forEach(errors::add);
        return new InvalidDefinitionException(errors);
    }

    private static GroupDocument required(GroupDocument body) {
        if (body == null) {
            throw new InvalidDefinitionException(List.of(new FieldError("body", "a JSON group definition is required")));
        }
        return body;
    }
}
