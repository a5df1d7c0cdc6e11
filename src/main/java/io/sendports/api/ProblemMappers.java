package io.sendports.api;

import java.util.List;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.sendports.control.ConflictException;
import io.sendports.control.NoSuchEntityException;
import io.sendports.control.NotReadyException;
import io.sendports.control.PreconditionFailedException;
import io.sendports.domain.FieldError;
import io.sendports.domain.IllegalTransitionException;
import io.sendports.domain.InvalidDefinitionException;

/** The one place that turns exceptions into {@code application/problem+json} responses. */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    static final String CHALLENGE = "Basic realm=\"Sendports\", charset=\"UTF-8\"";
    static final String UNAUTHENTICATED = "authentication is required: send HTTP Basic credentials (or a bearer token)";
    static final String REFUSED = "the credentials were refused: a wrong user name or password (or a user locked for a "
            + "while after repeated failures), a session that ended, or a bearer token that is invalid, expired or not "
            + "accepted";
    static final String FORBIDDEN = "your role does not allow this (docs/SECURITY.md lists what each role may do)";

    @ServerExceptionMapper
    public Response invalid(InvalidDefinitionException e) {
        return problem(400, "Invalid request", "the request has " + e.errors().size() + " invalid field(s)", e.errors());
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        return problem(400, "Invalid request", "the request body cannot be read", List.of(JsonErrors.fieldError(e)));
    }

    /**
     * Quarkus REST Jackson registers its own mapper for this subclass (a plain {@code application/json} body
     * without field errors); this one, being more specific than {@link #unreadable} and of user priority,
     * keeps unknown fields and wrong JSON types in the problem format.
     */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return unreadable(e);
    }

    @ServerExceptionMapper
    public Response notFound(NoSuchEntityException e) {
        return problem(404, "Not found", e.getMessage(), null);
    }

    @ServerExceptionMapper
    public Response conflict(ConflictException e) {
        return problem(409, "Conflict", e.getMessage(), null);
    }

    @ServerExceptionMapper
    public Response preconditionFailed(PreconditionFailedException e) {
        return problem(412, "Precondition failed", e.getMessage(), null);
    }

    @ServerExceptionMapper
    public Response illegalTransition(IllegalTransitionException e) {
        return problem(409, "Illegal state transition", e.getMessage(), null);
    }

    /** No credentials, or wrong ones: 401 with the challenge of HTTP Basic (DESIGN.md §7). */
    @ServerExceptionMapper
    public Response unauthorized(io.quarkus.security.UnauthorizedException e,
            jakarta.ws.rs.container.ContainerRequestContext request) {
        if (isConsoleNavigation(request)) {
            return Response.seeOther(java.net.URI.create("/console/login")).build();
        }
        return unauthenticated(UNAUTHENTICATED);
    }

    /**
     * A browser opening a console page without a session goes to the login page; everything else (htmx's fragment
     * requests, the live-update stream, curl, scripts) gets the {@code 401} problem.
     */
    private static boolean isConsoleNavigation(jakarta.ws.rs.container.ContainerRequestContext request) {
        String accept = request.getHeaderString(HttpHeaders.ACCEPT);
        return "GET".equals(request.getMethod()) && request.getUriInfo().getPath().startsWith("/console")
                && request.getHeaderString("HX-Request") == null && accept != null && accept.contains("text/html");
    }

    @ServerExceptionMapper
    public Response authenticationFailed(io.quarkus.security.AuthenticationFailedException e) {
        return unauthenticated(REFUSED);
    }

    private static Response unauthenticated(String detail) {
        return Response.fromResponse(problem(401, "Unauthorized", detail, null))
                .header("WWW-Authenticate", CHALLENGE).build();
    }

    /** Authenticated, but the role does not allow it. */
    @ServerExceptionMapper
    public Response forbidden(io.quarkus.security.ForbiddenException e) {
        String detail = e.getMessage() == null || e.getMessage().isBlank() ? FORBIDDEN : e.getMessage();
        return problem(403, "Forbidden", detail, null);
    }

    /** A BizTalk binding file that is unsafe (a DTD, an entity, too large or deep) or not one. */
    @ServerExceptionMapper
    public Response bindingFileRefused(io.sendports.bindings.biztalk.BindingFileRefused e) {
        return problem(400, "Invalid request", e.getMessage(), null);
    }

    @ServerExceptionMapper
    public Response notPermitted(io.sendports.control.NotPermittedException e) {
        return problem(403, "Forbidden", e.getMessage(), null);
    }

    @ServerExceptionMapper
    public Response notReady(NotReadyException e) {
        return Response.fromResponse(problem(503, "Not ready", e.getMessage(), null)).header("Retry-After", "2").build();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException unreadable) {
            // Quarkus REST wraps a body that is not JSON in a plain 400
            return unreadable(unreadable);
        }
        int status = e.getResponse().getStatus();
        return problem(status, e.getResponse().getStatusInfo().getReasonPhrase(), e.getMessage(), null);
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("Request failed", e);
        return problem(500, "Internal error", e.getMessage(), null);
    }

    static Response problem(int status, String title, String detail, List<FieldError> errors) {
        return Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem("about:blank", title, status, detail, errors))
                .build();
    }
}
