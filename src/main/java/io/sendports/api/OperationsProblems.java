package io.sendports.api;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Authentication for the paths outside Quarkus REST ({@code /q/metrics}, {@code /q/openapi}, {@code /q/swagger-ui}),
 * answered as the API answers it ({@link ProblemMappers}): {@code 401} problem+json with the Basic challenge. Quarkus's
 * HTTP permission {@code operations} stands behind it; once that permission is set to {@code permit} (to open these
 * paths to a scraper without credentials) this lets every request through as well.
 */
@ApplicationScoped
public class OperationsProblems {
    /** After Quarkus's authentication (order -200) and form login (-150), before its authorization (-100). */
    private static final int ORDER = -120;
    private static final List<String> PATHS = List.of("/q/metrics", "/q/metrics/*", "/q/openapi", "/q/openapi/*",
            "/q/swagger-ui", "/q/swagger-ui/*");

    private final ObjectMapper json;
    private final boolean open;

    public OperationsProblems(ObjectMapper json,
            @ConfigProperty(name = "quarkus.http.auth.permission.operations.policy") Optional<String> policy) {
        this.json = json;
        this.open = policy.filter("permit"::equals).isPresent();
    }

    void register(@Observes Router router) {
        if (!open) {
            PATHS.forEach(path -> router.route(path).order(ORDER).handler(this::authenticate));
        }
    }

    private void authenticate(RoutingContext context) {
        Uni<SecurityIdentity> deferred = context.get(QuarkusHttpUser.DEFERRED_IDENTITY_KEY);
        if (deferred == null) {
            context.next();
            return;
        }
        // a check that needs bcrypt answers on a worker thread: carry on where the request is handled
        Context here = context.vertx().getOrCreateContext();
        deferred.subscribe().with(identity -> here.runOnContext(ignored -> {
            if (identity.isAnonymous()) {
                refuse(context, ProblemMappers.UNAUTHENTICATED);
            } else {
                context.next();
            }
        }), failure -> here.runOnContext(ignored -> refuse(context, ProblemMappers.REFUSED)));
    }

    private void refuse(RoutingContext context, String detail) {
        try {
            context.response().setStatusCode(401).putHeader("WWW-Authenticate", ProblemMappers.CHALLENGE)
                    .putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .end(json.writeValueAsString(new Problem("about:blank", "Unauthorized", 401, detail, null)));
        } catch (JsonProcessingException e) {
            context.fail(e);
        }
    }
}
