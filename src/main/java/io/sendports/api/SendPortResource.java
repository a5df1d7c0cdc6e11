package io.sendports.api;

import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.sendports.camel.DeliveryMetrics;
import io.sendports.camel.PortMetrics;
import io.sendports.control.ConflictException;
import io.sendports.control.Herder;
import io.sendports.control.PortDocument;
import io.sendports.control.PortDocuments;
import io.sendports.control.PortRecord;
import io.sendports.domain.FieldError;
import io.sendports.domain.InvalidDefinitionException;
import io.sendports.domain.LifecycleAction;
import io.sendports.domain.PortState;
import io.sendports.domain.SendPort;
import io.sendports.reconcile.Reconciler;
import io.sendports.suspended.SuspendedStore;

/** Send ports: a thin wrapper that checks input, calls the {@link Herder} and shapes the answer. */
@Path("/api/send-ports")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Send ports")
public class SendPortResource {
    private static final String ACTOR = "api";

    private final Herder herder;
    private final Reconciler reconciler;
    private final DeliveryMetrics metrics;
    private final SuspendedStore suspended;

    public SendPortResource(Herder herder, Reconciler reconciler, DeliveryMetrics metrics, SuspendedStore suspended) {
        this.herder = herder;
        this.reconciler = reconciler;
        this.metrics = metrics;
        this.suspended = suspended;
    }

    @GET
    @Operation(summary = "List all send ports with their state and status")
    public List<PortDocument> list() {
        List<PortRecord> ports = herder.ports();
        Map<String, Long> lag = reconciler.lag(ports.stream().filter(r -> r.state().isEnlisted())
                .map(PortRecord::port).toList());
        return ports.stream().map(record -> response(record, lag)).toList();
    }

    @GET
    @Path("{name}")
    @Operation(summary = "One send port with its runtime status")
    public PortDocument get(@PathParam("name") String name) {
        return response(herder.port(name));
    }

    @POST
    @Operation(summary = "Create a send port; it is unenlisted unless the body has a state")
    public Response create(PortDocument body) {
        PortDocument document = required(body);
        PortState initial = PortState.UNENLISTED;
        SendPort port;
        try {
            port = PortDocuments.define(document);
        } catch (InvalidDefinitionException e) {
            throw withStateError(e, document.state());
        }
        if (document.state() != null) {
            initial = PortState.parse(document.state()).orElseThrow(() -> invalidState(List.of()));
        }
        PortRecord record = herder.create(port, initial, ACTOR);
        URI location = UriBuilder.fromResource(SendPortResource.class).path(record.name()).build();
        return Response.created(location).entity(response(record)).build();
    }

    @PUT
    @Path("{name}")
    @Operation(summary = "Replace a send port's definition; kind and pattern cannot change")
    public PortDocument update(@PathParam("name") String name, PortDocument body) {
        PortDocument document = required(body);
        if (document.name() != null && !document.name().equalsIgnoreCase(name)) {
            throw new InvalidDefinitionException(List.of(new FieldError("name",
                    "must match the name in the path ('" + name + "'); a port cannot be renamed")));
        }
        PortRecord current = herder.port(name);
        if ((document.kind() != null && !document.kind().equals(current.port().kind().json()))
                || (document.pattern() != null && !document.pattern().equals(current.port().pattern().json()))) {
            throw new ConflictException("kind and pattern of a send port cannot change; delete and re-create it");
        }
        SendPort port = PortDocuments.define(document.withName(current.name()));
        return response(herder.update(port, ACTOR));
    }

    @DELETE
    @Path("{name}")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Delete an unenlisted send port (409 while it has parked or suspended messages,"
            + " unless force=true: its parked messages are then suspended)")
    public Response delete(@PathParam("name") String name, @QueryParam("force") String force) {
        herder.delete(name, ACTOR, flag("force", force));
        return Response.noContent().build();
    }

    /** A boolean query parameter: absent is false; anything but true or false is refused. */
    private static boolean flag(String field, String value) {
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw new InvalidDefinitionException(List.of(new FieldError(field, "must be true or false")));
    }

    @POST
    @Path("{name}/enlist")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Enlist: create the port's subscription; messages from now on are kept for it")
    public PortDocument enlist(@PathParam("name") String name) {
        return lifecycle(name, LifecycleAction.ENLIST);
    }

    @POST
    @Path("{name}/start")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Start delivering (enlists first when unenlisted)")
    public PortDocument start(@PathParam("name") String name) {
        return lifecycle(name, LifecycleAction.START);
    }

    @POST
    @Path("{name}/stop")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Stop delivering; new messages wait in Kafka (409 when unenlisted)")
    public PortDocument stop(@PathParam("name") String name) {
        return lifecycle(name, LifecycleAction.STOP);
    }

    @POST
    @Path("{name}/unenlist")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Unenlist: stop and remove the subscription; messages published meanwhile are never delivered")
    public PortDocument unenlist(@PathParam("name") String name) {
        return lifecycle(name, LifecycleAction.UNENLIST);
    }

    private PortDocument lifecycle(String name, LifecycleAction action) {
        return response(herder.lifecycle(name, action, ACTOR));
    }

    private PortDocument response(PortRecord record) {
        return response(record, record.state().isEnlisted() ? reconciler.lag(List.of(record.port())) : Map.of());
    }

    private PortDocument response(PortRecord record, Map<String, Long> lag) {
        Reconciler.RuntimeStatus runtime = reconciler.status(record.name());
        PortMetrics port = metrics.find(record.name()).orElse(null);
        String lastError = record.reason() != null ? record.reason()
                : port != null && port.lastError() != null ? port.lastError() : runtime.reconcileError();
        Long waiting = record.state().isEnlisted() ? lag.get(record.name()) : Long.valueOf(0);
        PortStatus status = new PortStatus(runtime.running(), waiting,
                port == null ? 0 : port.deliveredCount(), port == null ? 0 : port.failedCount(),
                port == null ? 0 : port.retriedCount(), suspended.count(record.name()), lastError,
                record.port().serviceWindow() == null ? null : reconciler.windowOpen(record.port()),
                oldestWaitingAge(record, port),
                !record.port().isSolicitResponse() ? null : port == null ? 0 : port.deliveredCount() + port.failedCount(),
                !record.port().isSolicitResponse() ? null : port == null ? 0 : port.responsesCount(),
                !record.port().isSolicitResponse() ? null : port == null ? 0 : port.timeoutsCount());
        return PortDocuments.document(record.port()).withRuntime(record.state().json(), status);
    }

    private static String oldestWaitingAge(PortRecord record, PortMetrics port) {
        if (!record.state().isEnlisted() || port == null || port.oldestWaiting() == null) {
            return null;
        }
        java.time.Duration age = java.time.Duration.between(port.oldestWaiting(), java.time.Instant.now());
        return (age.isNegative() ? java.time.Duration.ZERO : age).withNanos(0).toString();
    }

    private static PortDocument required(PortDocument body) {
        if (body == null) {
            throw new InvalidDefinitionException(List.of(new FieldError("body", "a JSON port definition is required")));
        }
        return body;
    }

    private static InvalidDefinitionException withStateError(InvalidDefinitionException e, String state) {
        if (state == null || PortState.parse(state).isPresent()) {
            return e;
        }
        return invalidState(e.errors());
    }

    private static InvalidDefinitionException invalidState(List<FieldError> others) {
        List<FieldError> errors = new java.util.ArrayList<>(others);
        errors.add(new FieldError("state", "must be one of unenlisted, stopped, started"));
        return new InvalidDefinitionException(errors);
    }

}
