package io.sendports.testsupport;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.sendports.broker.KafkaBroker;

/** The packaged service ({@code target/quarkus-app}) run as a separate process against a given broker. */
public final class ServiceProcess implements AutoCloseable {
    private final String bootstrapServers;
    private final Path logDir;
    private final java.util.List<String> properties = new java.util.ArrayList<>();
    private Process process;
    private int port;

    public ServiceProcess(String bootstrapServers, Path logDir) {
        this.bootstrapServers = bootstrapServers;
        this.logDir = logDir;
    }

    /** A configuration property the service gets as a system property. */
    public ServiceProcess with(String name, String value) {
        properties.add("-D" + name + "=" + value);
        return this;
    }

    /** Starts the service and waits until it is ready. */
    public ServiceProcess start() throws IOException {
        port = KafkaBroker.freePort();
        Path log = logDir.resolve("service-" + System.nanoTime() + ".log");
        java.util.List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Dkafka.bootstrap.servers=" + bootstrapServers);
        command.add("-Dquarkus.http.port=" + port);
        command.addAll(properties);
        command.add("-jar");
        command.add(Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath().toString());
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("service exited: " + Files.readString(log));
            }
            try {
                return call("GET", "/q/health/ready", null).statusCode() == 200;
            } catch (IOException notYet) {
                return false;
            }
        });
        return this;
    }

    /** SIGTERM, and waits for a graceful stop. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the service did not stop on SIGTERM");
        }
    }

    /** SIGKILL: no shutdown hook, no graceful anything. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    public HttpResponse<String> call(String method, String path, String json) throws IOException, InterruptedException {
        return LocalHttp.call(port, method, path, json);
    }

    /** A call with request headers (e.g. {@code If-Match}). */
    public HttpResponse<String> call(String method, String path, String json, java.util.Map<String, String> headers)
            throws IOException, InterruptedException {
        return LocalHttp.call(port, method, path, json, headers);
    }

    /** Calls and checks the status code; returns the body. */
    public String expect(int status, String method, String path, String json) throws IOException, InterruptedException {
        HttpResponse<String> response = call(method, path, json);
        if (response.statusCode() != status) {
            throw new AssertionError(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
