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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.sendports.control.ConflictException;
import io.sendports.control.NoSuchEntityException;
import io.sendports.domain.FieldError;
import io.sendports.domain.InvalidDefinitionException;
import io.sendports.domain.Names;
import io.sendports.security.Role;
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

    public UserResource(Users users, SecurityIdentity caller) {
        this.users = users;
        this.caller = caller;
    }

    /** A user as the API shows it: never the password or its hash. */
    public record UserDocument(String name, String role) {
    }

    /** A user as written: {@code password} is write-only. */
    public record UserRequest(String name, String role, String password) {
    }

    /** Who the caller is. */
    public record Me(String user, List<String> roles) {
    }

    @GET
    @Path("me")
    @Authenticated
    @Operation(summary = "The authenticated user and their roles")
    @APIResponse(responseCode = "200", description = "The user's name and roles")
    public Me me() {
        return new Me(caller.getPrincipal().getName(), caller.getRoles().stream().sorted().toList());
    }

    @GET
    @Path("users")
    @RolesAllowed(Role.ADMIN_NAME)
    @Operation(summary = "Every user with their role (never a password)")
    @APIResponse(responseCode = "200", description = "Every user, sorted by name")
    public List<UserDocument> list() {
        return users.list().stream().map(u -> new UserDocument(u.name(), u.role().json())).toList();
    }

    @POST
    @Path("users")
    @RolesAllowed(Role.ADMIN_NAME)
    @Operation(summary = "Create a user with a role and a password")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "400", ref = ApiDocumentation.INVALID)
    @APIResponse(responseCode = "409", ref = ApiDocumentation.CONFLICT)
    public Response create(UserRequest body) {
        UserRequest request = body == null ? new UserRequest(null, null, null) : body;
        List<FieldError> errors = new ArrayList<>();
        String nameError = Names.entityNameError(request.name());
        if (nameError != null) {
            errors.add(new FieldError("name", nameError));
        }
        Role role = role(request.role(), true, errors);
        password(request.password(), true, errors);
        if (!errors.isEmpty()) {
            throw new InvalidDefinitionException(errors);
        }
        synchronized (users) {
            if (users.find(request.name()).isPresent()) {
                throw new ConflictException("a user named '" + users.find(request.name()).get().name()
                        + "' already exists");
            }
            users.put(new Users.User(request.name(), role, Users.hash(request.password())));
        }
        URI location = UriBuilder.fromResource(UserResource.class).path("users").path(request.name()).build();
        return Response.created(location).entity(new UserDocument(request.name(), role.json())).build();
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
        UserRequest request = body == null ? new UserRequest(null, null, null) : body;
        List<FieldError> errors = new ArrayList<>();
        if (request.name() != null && !request.name().equalsIgnoreCase(name)) {
            errors.add(new FieldError("name", "must match the name in the path ('" + name + "'); a user cannot be "
                    + "renamed"));
        }
        Role role = role(request.role(), false, errors);
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
            users.put(new Users.User(current.name(), next,
                    request.password() == null ? current.hash() : Users.hash(request.password())));
            return new UserDocument(current.name(), next.json());
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
            users.remove(current.name());
        }
        return Response.noContent().build();
    }

    private Users.User find(String name) {
        return users.find(name).orElseThrow(() -> new NoSuchEntityException("no user named '" + name + "'"));
    }

    private void keepAnAdmin(Users.User leaving) {
        if (users.withRole(Role.ADMIN).size() <= 1) {
            throw new ConflictException("'" + leaving.name() + "' is the last admin; make another user admin first");
        }
    }

    private static Role role(String text, boolean required, List<FieldError> errors) {
        if (text == null) {
            if (required) {
                errors.add(new FieldError("role", "is required: admin, operator or viewer"));
            }
            return null;
        }
        return Role.parse(text).orElseGet(() -> {
            errors.add(new FieldError("role", "must be admin, operator or viewer"));
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
