package io.sendports.testsupport;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;

import io.sendports.bench.JavaProcess;
import io.sendports.broker.KafkaBroker;

/**
 * A real Kafka broker (KRaft, one combined broker and controller) in a JVM of its own, started from the Kafka jars
 * with Kafka's own entry point ({@code kafka.Kafka}, what {@code kafka-server-start.sh} runs): the external cluster
 * of the tests that start several service instances, which must not share the JVM of any one of them.
 *
 * <p>{@link #plaintext} takes anyone. {@link #secured} authenticates every client (SASL: PLAIN for the super user
 * {@value #SUPER_USER}, SCRAM-SHA-512 for the users {@link #addScramUser} creates) and authorizes every request with
 * Kafka's {@code StandardAuthorizer}: a user may do only what an ACL allows.
 */
public final class BrokerProcess implements AutoCloseable {
    public static final String SUPER_USER = "admin";
    public static final String SUPER_PASSWORD = "admin-secret";

    private final JavaProcess process;
    private final String bootstrapServers;
    private final boolean secured;

    private BrokerProcess(JavaProcess process, String bootstrapServers, boolean secured) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
        this.secured = secured;
    }

    /** A broker without authentication or authorization. */
    public static BrokerProcess plaintext(Path dir) throws IOException {
        return start(dir, false);
    }

    /** A broker that authenticates (SASL) and authorizes (ACLs) every client request. */
    public static BrokerProcess secured(Path dir) throws IOException {
        return start(dir, true);
    }

    private static BrokerProcess start(Path dir, boolean secured) throws IOException {
        Files.createDirectories(dir);
        int port = KafkaBroker.freePort();
        int controllerPort = KafkaBroker.freePort();
        String listener = secured ? "SASL_PLAINTEXT" : "PLAINTEXT";
        Properties config = KafkaBroker.singleNode(dir.resolve("data").toAbsolutePath(), controllerPort);
        config.put("listeners", listener + "://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        config.put("advertised.listeners", listener + "://localhost:" + port);
        config.put("listener.security.protocol.map", listener + ":" + listener + ",CONTROLLER:PLAINTEXT");
        config.put("inter.broker.listener.name", listener);
        // what a managed cluster has: a consumer or an admin call does not create a topic as a side effect
        config.put("auto.create.topics.enable", "false");
        if (secured) {
            config.put("sasl.enabled.mechanisms", "PLAIN,SCRAM-SHA-512");
            config.put("sasl.mechanism.inter.broker.protocol", "PLAIN");
            config.put("listener.name.sasl_plaintext.plain.sasl.jaas.config",
                    "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + SUPER_USER
                            + "\" password=\"" + SUPER_PASSWORD + "\" user_" + SUPER_USER + "=\"" + SUPER_PASSWORD + "\";");
            config.put("listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config",
                    "org.apache.kafka.common.security.scram.ScramLoginModule required;");
            config.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
            // The broker itself: the super user on its own listener, ANONYMOUS on the (plain-text) controller listener.
            config.put("super.users", "User:" + SUPER_USER + ";User:ANONYMOUS");
        }
        Path file = dir.resolve("server.properties");
        try (var out = Files.newBufferedWriter(file)) {
            config.store(out, "BrokerProcess");
        }
        JavaProcess process = JavaProcess.main("broker", dir, BrokerProcess.class.getName(), List.of(file.toString()),
                List.of("-Xmx512m"));
        BrokerProcess broker = new BrokerProcess(process, "localhost:" + port, secured);
        try {
            broker.awaitReady(Duration.ofSeconds(90));
        } catch (RuntimeException notReady) {
            broker.close();
            throw new IllegalStateException("the broker did not become ready:\n" + process.tail(), notReady);
        }
        return broker;
    }

    /** The broker's JVM: formats the data directory of {@code args[0]} when it is new, then runs {@code kafka.Kafka}. */
    public static void main(String[] args) throws Exception {
        Properties config = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(args[0]))) {
            config.load(in);
        }
        KafkaBroker.format(Path.of(config.getProperty("log.dirs")));
        kafka.Kafka.main(args);
    }

    private void awaitReady(Duration timeout) {
        try (Admin admin = adminClient()) {
            await("the broker on " + bootstrapServers).atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> {
                process.checkAlive();
                try {
                    admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                    return true;
                } catch (ExecutionException | TimeoutException notYet) {
                    return false;
                }
            });
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The settings of a client of the super user (or of anyone, on a plain-text broker). */
    public Map<String, Object> superUserClient() {
        Map<String, Object> config = new HashMap<>(Map.of("bootstrap.servers", bootstrapServers));
        if (secured) {
            config.putAll(sasl("PLAIN", "org.apache.kafka.common.security.plain.PlainLoginModule", SUPER_USER, SUPER_PASSWORD));
        }
        return config;
    }

    /** The settings of a client that logs in as a SCRAM user ({@link #addScramUser}). */
    public Map<String, Object> scramClient(String user, String password) {
        Map<String, Object> config = new HashMap<>(Map.of("bootstrap.servers", bootstrapServers));
        config.putAll(sasl("SCRAM-SHA-512", "org.apache.kafka.common.security.scram.ScramLoginModule", user, password));
        return config;
    }

    private static Map<String, Object> sasl(String mechanism, String loginModule, String user, String password) {
        return Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", mechanism, "sasl.jaas.config",
                loginModule + " required username=\"" + user + "\" password=\"" + password + "\";");
    }

    /** An admin client of the super user. */
    public Admin adminClient() {
        return Admin.create(superUserClient());
    }

    /** Creates (or replaces) a SCRAM-SHA-512 user, who may do nothing until ACLs allow it. */
    public void addScramUser(String user, String password) throws Exception {
        try (Admin admin = adminClient()) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), password))).all().get(30, TimeUnit.SECONDS);
        }
    }

    /** The broker's log (its JVM's output). */
    public String tail() {
        return process.tail();
    }

    @Override
    public void close() {
        process.close();
    }
}
