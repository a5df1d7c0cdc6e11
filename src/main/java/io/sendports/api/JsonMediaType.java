package io.sendports.api;

import java.util.Arrays;
import java.util.Set;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A JSON body must say it is JSON: a request to an endpoint that reads JSON without a {@code Content-Type}
 * is {@code 415 Unsupported Media Type} (RFC 9110 §15.5.16), like one of another type, instead of being
 * guessed to be JSON. Endpoints that take no body ({@code @Consumes("*&#47;*")}: lifecycle actions, deletes)
 * need no type.
 */
public class JsonMediaType {
    private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH");

    @ServerRequestFilter
    public Response requireContentType(ContainerRequestContext request, ResourceInfo resource) {
        if (!WITH_BODY.contains(request.getMethod()) || request.getMediaType() != null || !readsJson(resource)) {
            return null;
        }
        return ProblemMappers.problem(415, "Unsupported Media Type",
                "send the body as JSON with the header Content-Type: application/json", null);
    }

    private static boolean readsJson(ResourceInfo resource) {
        if (resource == null || resource.getResourceMethod() == null) {
            return false;
        }
        Consumes consumes = resource.getResourceMethod().getAnnotation(Consumes.class);
        if (consumes == null) {
            consumes = resource.getResourceClass().getAnnotation(Consumes.class);
        }
        return consumes != null && Arrays.asList(consumes.value()).contains(MediaType.APPLICATION_JSON);
    }
}
