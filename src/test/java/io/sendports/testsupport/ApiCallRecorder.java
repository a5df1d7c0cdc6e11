package io.sendports.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Test only: writes the method, path and status of every {@code /api} answer that the {@code @QuarkusTest}
 * suite provokes to {@link #FILE}, one distinct line each, so that {@code OpenApiContractIT} can check that
 * the OpenAPI document lists every status the API really answers.
 */
public class ApiCallRecorder {
    /** Tab-separated: method, path as requested (decoded), status. */
    public static final Path FILE = Path.of("target", "api-calls.tsv");
    private static final String RESET_MARKER = "api-call-recorder.reset";
    private static final Set<String> SEEN = ConcurrentHashMap.newKeySet();

    @ServerResponseFilter
    public void record(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/api/")) {
            return;
        }
        String line = request.getMethod() + "\t" + path + "\t" + response.getStatus();
        if (SEEN.add(line)) {
            append(line);
        }
    }

    private static synchronized void append(String line) {
        try {
            // A new test JVM starts a new record; Quarkus may load this class again per application, so the
            // marker lives in a system property, which is one per JVM (outside sendports.*, which Quarkus
            // checks against the configuration mapping).
            if (System.getProperty(RESET_MARKER) == null) {
                System.setProperty(RESET_MARKER, "done");
                Files.deleteIfExists(FILE);
            }
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
