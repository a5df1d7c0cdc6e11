package io.sendports.api;

import java.util.Set;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.sendports.security.SessionCsrf;
import io.smallrye.mutiny.Uni;

/** Refuses a session's write without its CSRF token ({@link SessionCsrf}): {@code 403} problem+json. */
public class SessionWrites {
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    private final CurrentIdentityAssociation identities;
    private final SessionCsrf csrf;

    public SessionWrites(CurrentIdentityAssociation identities, SessionCsrf csrf) {
        this.identities = identities;
        this.csrf = csrf;
    }

    @ServerRequestFilter
    public Uni<Response> check(ContainerRequestContext request) {
        if (SAFE.contains(request.getMethod())) {
            return Uni.createFrom().nullItem();
        }
        return identities.getDeferredIdentity().map(identity -> csrf.allowsWrite(identity,
                request.getHeaderString(SessionCsrf.HEADER)) ? null
                        : ProblemMappers.problem(403, "Forbidden", "a change made with the session of the form login "
                                + "needs the header " + SessionCsrf.HEADER + " with the session's csrfToken (GET "
                                + "/api/me gives it)", null));
    }
}
