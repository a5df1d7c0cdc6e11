package io.sendports.api;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.FormAuthenticationMechanism;
import io.vertx.ext.web.RoutingContext;
import io.sendports.control.ConflictException;
import io.sendports.control.NoSuchEntityException;
import io.sendports.domain.FieldError;
import io.sendports.domain.InvalidDefinitionException;
import io.sendports.domain.Names;
import io.sendports.security.Role;
import io.sendports.security.SessionCsrf;
import io.sendports.security.Users;

/**
 * The embedded users (DESIGN.md §7), managed by admins; passwords are write-only. And {@code GET /api/me}: who the
 * caller is.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Users")
public class UserResource {
    /** The shortest password accepted. */
    static final int MIN_PASSWORD = 12;
    static final int MAX_PASSWORD = 256;

    private final Users users;
    private final SecurityIdentity caller;
    private final SessionCsrf csrf;

    public UserResource(Users users, SecurityIdentity caller, SessionCsrf csrf) {
        this.users = users;
        this.caller = caller;
        this.csrf = csrf;
    }

    /**
     * A user as the API shows it: never the password or its hash. {@code roles} is API.md's form (a user has one
     * role, so it holds one); {@code role} is the same role on its own.
     */
    public record UserDocument(String name, List<String> roles, String role) {
        UserDocument(String name, Role role) {
            this(name, List.of(role.json()), role.json());
        }
    }

    /** A user as written: the role as {@code roles} (one entry) or {@code role}; {@code password} is write-only. */
    public record UserRequest(String name, List<String> roles, String role, String password) {
    }

    /**
     * Who the caller is; {@code csrfToken} only for the session of the form login, whose changes must send it in the
     * header {@code X-CSRF-Token}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Me(String user, List<String> roles, String csrfToken) {
    }

    @GET
    @Path("me")
    @Authenticated
    @Operation(summary = "The authenticated user and their roles")
    @APIResponse(responseCode = "200", description = "The user's name and roles")
    public Me me() {
        String name = caller.getPrincipal().getName();
        return new Me(name, caller.getRoles().stream().sorted().toList(),
                SessionCsrf.isSession(caller) ? csrf.token(name) : null);
    }

    /**
     * Ends the form login's session: the session cookie is removed from the browser. (A copy of the cookie taken
     * before stays valid until its idle timeout: the session is the cookie, kept nowhere on the server.) With Basic
     * credentials or a token there is no session, and nothing to do.
     */
    @POST
    @Path("logout")
    @Authenticated
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "End the session of the form login")
    @APIResponse(responseCode = "204", description = "The session cookie is removed")
    public Response logout(@Context RoutingContext request) {
        if (SessionCsrf.isSession(caller)) {
            FormAuthenticationMechanism.logout(request);
        }
        return Response.noContent().build();
    }

    @GET
    @Path("users")
    @RolesAllowed(Role.ADMIN_NAME)
    @Operation(summary = "Every user with their role (never a password)")
    @APIResponse(responseCode = "200", description = "Every user, sorted by name")
    public List<UserDocument> list() {
        return users.list().stream().map(u -> new UserDocument(u.name(), u.role())).toList();
    }

    @POST
    @Path("users")
    @RolesAllowed(Role.ADMIN_NAME)
    @Operation(summary = "Create a user with a role and a password")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "400", ref = ApiDocumentation.INVALID)
    @APIResponse(responseCode = "409", ref = ApiDocumentation.CONFLICT)
    public Response create(UserRequest body) {
        UserRequest request = body == null ? new UserRequest(null, null, null, null) : body;
        List<FieldError> errors = new ArrayList<>();
        String nameError = Names.entityNameError(request.name());
        if (nameError != null) {
            errors.add(new FieldError("name", nameError));
        }
        Role role = role(request, true, errors);
        password(request.password(), true, errors);
        if (!errors.isEmpty()) {
            throw new InvalidDefinitionException(errors);
        }
        synchronized (users) {
            if (users.find(request.name()).isPresent()) {
                throw new ConflictException("a user named '" + users.find(request.name()).get().name()
                        + "' already exists");
            }
            write(() -> users.put(new Users.User(request.name(), role, Users.hash(request.password()))));
        }
        URI location = UriBuilder.fromResource(UserResource.class).path("users").path(request.name()).build();
        return Response.created(location).entity(new UserDocument(request.name(), role)).build();
    }

    @PUT
    @Path("users/{name}")
    @RolesAllowed(Role.ADMIN_NAME)
    @Operation(summary = "Change a user's role or password (each optional)")
    @APIResponse(responseCode = "200", description = "The user as changed")
    @APIResponse(responseCode = "400", ref = ApiDocumentation.INVALID)
    @APIResponse(responseCode = "404", ref = ApiDocumentation.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ApiDocumentation.CONFLICT)
    public UserDocument update(@PathParam("name") String name, UserRequest body) {
        UserRequest request = body == null ? new UserRequest(null, null, null, null) : body;
        List<FieldError> errors = new ArrayList<>();
        if (request.name() != null && !request.name().equalsIgnoreCase(name)) {
            errors.add(new FieldError("name", "must match the name in the path ('" + name + "'); a user cannot be "
                    + "renamed"));
        }
        Role role = role(request, false, errors);
        password(request.password(), false, errors);
        if (!errors.isEmpty()) {
            throw new InvalidDefinitionException(errors);
        }
        synchronized (users) {
            Users.User current = find(name);
            Role next = role == null ? current.role() : role;
            if (current.role() == Role.ADMIN && next != Role.ADMIN) {
                keepAnAdmin(current);
            }
            write(() -> users.put(new Users.User(current.name(), next,
                    request.password() == null ? current.hash() : Users.hash(request.password()))));
            return new UserDocument(current.name(), next);
        }
    }

    @DELETE
    @Path("users/{name}")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Role.ADMIN_NAME)
    @Operation(summary = "Delete a user (not the last admin)")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", ref = ApiDocumentation.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ApiDocumentation.CONFLICT)
    public Response delete(@PathParam("name") String name) {
        synchronized (users) {
            Users.User current = find(name);
            if (current.role() == Role.ADMIN) {
                keepAnAdmin(current);
            }
            write(() -> users.remove(current.name()));
        }
        return Response.noContent().build();
    }

    /**
     * A change of the users file, which may be read-only: on Kubernetes it is the Secret {@code sendports-users},
     * mounted read-only (docs/DEPLOYMENT.md), where users are managed in the Secret. A {@code 409} then, not a 5xx.
     */
    private void write(Runnable change) {
        try {
            change.run();
        } catch (java.io.UncheckedIOException e) {
            throw new ConflictException("the users file " + users.file() + " cannot be written (on Kubernetes it is "
                    + "the read-only Secret sendports-users: change the users there): " + e.getCause());
        }
    }

    private Users.User find(String name) {
        return users.find(name).orElseThrow(() -> new NoSuchEntityException("no user named '" + name + "'"));
    }

    private void keepAnAdmin(Users.User leaving) {
        if (users.withRole(Role.ADMIN).size() <= 1) {
            throw new ConflictException("'" + leaving.name() + "' is the last admin; make another user admin first");
        }
    }

    /** The one role a request gives, as {@code roles: [r]} or {@code role: r} (both: the same). */
    private static Role role(UserRequest request, boolean required, List<FieldError> errors) {
        String field = request.roles() != null ? "roles" : "role";
        String text = request.role();
        if (request.roles() != null) {
            if (request.roles().size() != 1) {
                errors.add(new FieldError("roles", "must hold exactly one role (admin, operator or viewer): a user has "
                        + "one role, and each includes the rights of those below it"));
                return null;
            }
            text = request.roles().get(0);
            if (request.role() != null && !request.role().equals(text)) {
                errors.add(new FieldError("role", "differs from roles[0]; give one of them"));
                return null;
            }
        }
        if (text == null) {
            if (required) {
                errors.add(new FieldError(field, "is required: admin, operator or viewer"));
            }
            return null;
        }
        return Role.parse(text).orElseGet(() -> {
            errors.add(new FieldError(field.equals("roles") ? "roles[0]" : field, "must be admin, operator or viewer"));
            return null;
        });
    }

    private static void password(String password, boolean required, List<FieldError> errors) {
        if (password == null) {
            if (required) {
                errors.add(new FieldError("password", "is required"));
            }
        } else if (password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
            errors.add(new FieldError("password", "must be " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters"));
        }
    }
}
