package io.sendports.testsupport;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.sendports.broker.KafkaBroker;

/**
 * The packaged service ({@code target/quarkus-app}) run as a separate process against a given broker, or with
 * its own embedded broker ({@link #embedded}), which keeps its ports and data directory across restarts.
 */
public final class ServiceProcess implements AutoCloseable {
    private final String bootstrapServers;
    private final Path logDir;
    private final java.util.List<String> properties = new java.util.ArrayList<>();
    private final java.util.Map<String, String> environment = new java.util.HashMap<>();
    /** Whether the first start gets the test admin's password (else it generates one, as in production). */
    private boolean testAdmin = true;
    private Process process;
    private int port;
    private Path log;
    /** The embedded broker's address, when the service runs its own. */
    private String embeddedBootstrap;

    public ServiceProcess(String bootstrapServers, Path logDir) {
        this.bootstrapServers = bootstrapServers;
        this.logDir = logDir;
    }

    /** The service with its embedded broker on free ports, its data under {@code logDir/embedded-kafka}. */
    public static ServiceProcess embedded(Path logDir) {
        int brokerPort = KafkaBroker.freePort();
        return new ServiceProcess("localhost:" + brokerPort, logDir, brokerPort);
    }

    private ServiceProcess(String bootstrapServers, Path logDir, int embeddedPort) {
        this(null, logDir);
        with("sendports.embedded-broker.port", Integer.toString(embeddedPort));
        with("sendports.embedded-broker.controller-port", Integer.toString(KafkaBroker.freePort()));
        with("sendports.embedded-broker.data-dir", logDir.resolve("embedded-kafka").toString());
        embeddedBootstrap = bootstrapServers;
    }

    /** Where clients reach the broker the service uses. */
    public String bootstrapServers() {
        return bootstrapServers != null ? bootstrapServers : embeddedBootstrap;
    }

    /** The process id of the service's latest start. */
    public long pid() {
        return process.pid();
    }

    /** The log (stdout and stderr) of the service's latest start. */
    /** The HTTP port of the running service. */
    public int port() {
        return port;
    }

    public Path log() {
        return log;
    }

    /** A configuration property the service gets as a system property. */
    public ServiceProcess with(String name, String value) {
        properties.add("-D" + name + "=" + value);
        return this;
    }

    /** An environment variable of the service's process. */
    public ServiceProcess withEnvironment(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** The first start generates the admin's password, as in production, instead of taking the test admin's. */
    public ServiceProcess withGeneratedAdminPassword() {
        testAdmin = false;
        return this;
    }

    /** Where the first start writes a generated admin password. */
    public Path initialPasswordFile() {
        return logDir.resolve("initial-admin-password");
    }

    /** Starts the service and waits until it is ready. */
    public ServiceProcess start() throws IOException {
        launch();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("service exited: " + Files.readString(log));
            }
            try {
                // health is open: no credentials, which a service with a generated password would refuse
                return call("GET", "/q/health/ready", null, java.util.Map.of("Authorization", "")).statusCode() == 200;
            } catch (IOException notYet) {
                return false;
            }
        });
        return this;
    }

    /** Starts the service and returns at once. */
    private void launch() throws IOException {
        port = KafkaBroker.freePort();
        log = logDir.resolve("service-" + System.nanoTime() + ".log");
        java.util.List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // The test JVMs' options (pom.xml, test.jvm.options): a service that lives for seconds gains nothing from C2.
        command.addAll(java.util.Arrays.stream(System.getProperty("test.jvm.options", "").split("\\s+"))
                .filter(option -> !option.isEmpty()).toList());
        if (bootstrapServers != null) {
            command.add("-Dkafka.bootstrap.servers=" + bootstrapServers);
        }
        command.add("-Dquarkus.http.port=" + port);
        // Shorter waits, with the behaviour unchanged: a killed instance's partitions move after the broker's
        // shortest session (6 s, not 10 s), and the status (the lag) is measured every second (as in %test).
        command.add("-Dkafka.session.timeout.ms=6000");
        command.add("-Dkafka.heartbeat.interval.ms=2000");
        command.add("-Dsendports.status-refresh=PT1S");
        // its own users, kept across its restarts, with the test admin (TestUsers) created on the first start
        command.add("-Dsendports.security.users-file=" + logDir.resolve("users.properties").toAbsolutePath());
        command.add("-Dsendports.security.initial-password-file=" + initialPasswordFile().toAbsolutePath());
        if (testAdmin) {
            command.add("-Dsendports.security.admin-password=" + TestUsers.ADMIN_PASSWORD);
        }
        command.addAll(properties);
        command.add("-jar");
        command.add(Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath().toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        process = builder.start();
    }

    /**
     * Starts a service that is expected to refuse to start: returns its exit code once it exited, or throws when
     * it became ready or still ran after the timeout.
     */
    public int startExpectingExit(Duration timeout) throws IOException, InterruptedException {
        launch();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!process.waitFor(250, TimeUnit.MILLISECONDS)) {
            boolean ready;
            try {
                ready = call("GET", "/q/health/ready", null).statusCode() == 200;
            } catch (IOException notYet) {
                ready = false;
            }
            if (ready || System.nanoTime() - deadline > 0) {
                throw new IllegalStateException((ready ? "the service became ready" : "the service still runs")
                        + ": " + Files.readString(log));
            }
        }
        return process.exitValue();
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
