package io.sendports.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Test only: writes the method, path and status of every {@code /api} answer that the {@code @QuarkusTest}
 * suite provokes to a file of its test JVM in {@link #DIRECTORY}, one distinct line each, so that
 * {@code OpenApiContractIT} can check that the OpenAPI document lists every status the API really answers.
 * Surefire runs two test JVMs at once: each writes its own file, and each clears only the files of earlier runs
 * (last written before it started), never the other JVM's.
 */
public class ApiCallRecorder {
    /** One tab-separated file per test JVM: method, path as requested (decoded), status. */
    public static final Path DIRECTORY = Path.of("target", "api-calls");
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

    /** Every line recorded by the test JVMs of this run. */
    public static List<String> recorded() throws IOException {
        if (!Files.isDirectory(DIRECTORY)) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".tsv")).sorted().toList()) {
                lines.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
            }
        }
        return lines;
    }

    /** Deletes the records last written before {@code started}: an earlier run's, not another JVM's of this one. */
    static void clearEarlierRuns(Path directory, Instant started) throws IOException {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".tsv")).toList()) {
                if (Files.getLastModifiedTime(file).toInstant().isBefore(started)) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private static synchronized void append(String line) {
        try {
            // Quarkus may load this class again per application, so the marker that this JVM has cleared the
            // earlier runs lives in a system property, which is one per JVM (outside sendports.*, which Quarkus
            // checks against the configuration mapping).
            if (System.getProperty(RESET_MARKER) == null) {
                System.setProperty(RESET_MARKER, "done");
                clearEarlierRuns(DIRECTORY, Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime()));
            }
            Files.createDirectories(DIRECTORY);
            Files.writeString(DIRECTORY.resolve(ProcessHandle.current().pid() + ".tsv"), line + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
