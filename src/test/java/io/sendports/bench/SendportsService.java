package io.sendports.bench;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.awaitility.core.ConditionTimeoutException;

import io.sendports.broker.KafkaBroker;
import io.sendports.testsupport.LocalHttp;

/**
 * The packaged service ({@code target/quarkus-app/quarkus-run.jar}) run as a contender against the benchmark's
 * broker, and the REST calls the benchmark makes to it. Each instance has a control topic of its own, so it
 * sees only the port of its own run.
 */
public final class SendportsService implements AutoCloseable {
    public static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final JavaProcess process;
    private final int httpPort;

    private SendportsService(JavaProcess process, int httpPort) {
        this.process = process;
        this.httpPort = httpPort;
    }

    /**
     * Starts the packaged service. At smoke size its retry workers leave their groups after 2 s with nothing to
     * do instead of 30 s ({@code sendports.delivery.retry-idle}), so that the control-plane scenario's wait for
     * idle ports is short.
     */
    public static SendportsService start(String bootstrapServers, String controlTopic, Path workDir, Scale scale)
            throws Exception {
        return start(bootstrapServers, controlTopic, workDir, scale, List.of());
    }

    /** The same, with more system properties for the service ({@code -Dname=value}). */
    public static SendportsService start(String bootstrapServers, String controlTopic, Path workDir, Scale scale,
            List<String> properties) throws Exception {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: package the service first (./mvnw package)");
        }
        int httpPort = KafkaBroker.freePort();
        List<String> jvmArgs = new ArrayList<>(List.of(
                "-Dkafka.bootstrap.servers=" + bootstrapServers,
                "-Dquarkus.http.port=" + httpPort,
                "-Dsendports.topics.control=" + controlTopic,
                // its own users, with the test admin that every call authenticates as (LocalHttp, TestUsers)
                "-Dsendports.security.users-file=" + workDir.resolve("users.properties").toAbsolutePath(),
                "-Dsendports.security.initial-password-file=" + workDir.resolve("initial-admin-password").toAbsolutePath(),
                "-Dsendports.security.admin-password=" + io.sendports.testsupport.TestUsers.ADMIN_PASSWORD));
        jvmArgs.addAll(properties);
        JavaProcess process = JavaProcess.jar("sendports", workDir, JAR, jvmArgs,
                // The baselines' window, as sendports.delivery.max-in-flight. An environment variable rather than a
                // system property: a build that does not know the setting yet ignores the variable, but refuses to
                // start with an unknown sendports.* system property (SRCFG00050).
                scale == Scale.SMOKE
                        ? Map.of("SENDPORTS_DELIVERY_MAX_IN_FLIGHT", String.valueOf(Scenarios.HTTP_IN_FLIGHT),
                                "SENDPORTS_DELIVERY_RETRY_IDLE", "PT2S")
                        : Map.of("SENDPORTS_DELIVERY_MAX_IN_FLIGHT", String.valueOf(Scenarios.HTTP_IN_FLIGHT)));
        SendportsService service = new SendportsService(process, httpPort);
        try {
            service.awaitReady();
        } catch (Exception e) {
            service.close();
            throw e;
        }
        return service;
    }

    private void awaitReady() throws Exception {
        try {
            await().atMost(READY_TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> {
                process.checkAlive();
                try {
                    return call("GET", "/q/health/ready", null).statusCode() == 200;
                } catch (IOException notYet) {
                    return false;
                }
            });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("Sendports did not become ready:\n" + process.tail(), e);
        }
    }

    /** Creates a port; answers only when the service has accepted it (201). */
    public void createPort(String json) throws Exception {
        expect(201, call("POST", "/api/send-ports", json), "create port");
    }

    /** Lists every port with its status ({@code GET /api/send-ports}); returns the answer's length in characters. */
    public int listPorts() throws Exception {
        HttpResponse<String> response = call("GET", "/api/send-ports", null);
        expect(200, response, "list ports");
        return response.body().length();
    }

    /** A call with headers of its own ({@link LocalHttp}: an empty {@code Authorization} sends none). */
    public HttpResponse<String> call(String method, String path, String json, Map<String, String> headers)
            throws IOException, InterruptedException {
        return LocalHttp.call(httpPort, method, path, json, headers);
    }

    /** A form POST without credentials ({@link LocalHttp#form}). */
    public HttpResponse<String> form(String path, String form) throws IOException, InterruptedException {
        return LocalHttp.form(httpPort, path, form);
    }

    /** The service's REST address on this machine, for clients outside this JVM. */
    public String url(String path) {
        return "http://localhost:" + httpPort + path;
    }

    /** A lifecycle action ({@code enlist}, {@code start}, ...) on a port. */
    public void action(String port, String action) throws Exception {
        expect(200, call("POST", "/api/send-ports/" + port + "/" + action, null), action + " port " + port);
    }

    /** Creates a send port group; answers only when the service has accepted it (201). */
    public void createGroup(String json) throws Exception {
        expect(201, call("POST", "/api/send-port-groups", json), "create group");
    }

    public void groupAction(String group, String action) throws Exception {
        expect(200, call("POST", "/api/send-port-groups/" + group + "/" + action, null), action + " group " + group);
    }

    public JavaProcess process() {
        return process;
    }

    /** The consumer group of a port (DESIGN.md §3). */
    public static String consumerGroup(String port) {
        return "sendports.port." + port;
    }

    private static void expect(int status, HttpResponse<String> response, String what) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(what + ": HTTP " + response.statusCode() + " " + response.body());
        }
    }

    private HttpResponse<String> call(String method, String path, String json) throws IOException, InterruptedException {
        return LocalHttp.call(httpPort, method, path, json);
    }

    @Override
    public void close() {
        process.close();
    }
}
