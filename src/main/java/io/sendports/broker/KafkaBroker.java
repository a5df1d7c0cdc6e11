package io.sendports.broker;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.jboss.logging.Logger;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;

/**
 * A real single-node Apache Kafka broker (KRaft, combined broker and controller) running in this JVM.
 * The data directory is formatted only when it holds no {@code meta.properties}, so topics, records and
 * consumer-group offsets survive a restart. Used as the service's embedded default and by the tests.
 */
public final class KafkaBroker implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(KafkaBroker.class);

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final Path dataDir;

    private KafkaBroker(KafkaRaftServer server, String bootstrapServers, Path dataDir) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.dataDir = dataDir;
    }

    /**
     * Formats the directory when needed, starts the broker and waits until it answers.
     *
     * @param port           the client (PLAINTEXT) port on localhost
     * @param controllerPort the KRaft controller port on localhost
     */
    public static KafkaBroker start(Path dataDir, int port, int controllerPort) {
        Path dir = dataDir.toAbsolutePath().normalize();
        Properties config = singleNode(dir, controllerPort);
        config.put("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        config.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
        config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        config.put("inter.broker.listener.name", "PLAINTEXT");
        config.put("auto.create.topics.enable", "true");
        KafkaConfig kafkaConfig = KafkaConfig.fromProps(config, false);
        try {
            format(dir);
        } catch (Exception e) {
            throw new IllegalStateException("cannot format the embedded Kafka data directory " + dir, e);
        }
        KafkaRaftServer server = new KafkaRaftServer(kafkaConfig, Time.SYSTEM);
        server.startup();
        KafkaBroker broker = new KafkaBroker(server, "localhost:" + port, dir);
        try {
            broker.awaitReady(Duration.ofSeconds(60));
        } catch (RuntimeException notReady) {
            broker.close();
            throw notReady;
        }
        LOG.infof("Embedded Kafka broker ready on %s, data in %s", broker.bootstrapServers, dir);
        return broker;
    }

    /**
     * The settings of a single KRaft node (id 1, broker and controller, the controller listener {@code CONTROLLER} on
     * {@code controllerPort}) with its data in {@code dir} and every internal topic on one replica, without its client
     * listeners: the caller adds {@code listeners}, {@code advertised.listeners}, {@code listener.security.protocol.map}
     * and {@code inter.broker.listener.name}.
     */
    public static Properties singleNode(Path dir, int controllerPort) {
        Properties config = new Properties();
        config.put("process.roles", "broker,controller");
        config.put("node.id", "1");
        config.put("controller.quorum.voters", "1@localhost:" + controllerPort);
        config.put("controller.listener.names", "CONTROLLER");
        config.put("log.dirs", dir.toString());
        config.put("offsets.topic.replication.factor", "1");
        config.put("offsets.topic.num.partitions", "10");
        config.put("transaction.state.log.replication.factor", "1");
        config.put("transaction.state.log.min.isr", "1");
        config.put("share.coordinator.state.topic.replication.factor", "1");
        config.put("share.coordinator.state.topic.min.isr", "1");
        config.put("group.initial.rebalance.delay.ms", "0");
        return config;
    }

    /**
     * Formats {@code dir} as the log and metadata directory of a single KRaft node (id 1, controller listener
     * {@code CONTROLLER}) unless it holds a {@code meta.properties} already.
     */
    public static void format(Path dir) throws Exception {
        if (Files.exists(dir.resolve("meta.properties"))) {
            return;
        }
        Files.createDirectories(dir);
        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(1)
                .setClusterId(Uuid.randomUuid().toString())
                .setDirectories(List.of(dir.toString()))
                .setMetadataLogDirectory(dir.toString())
                .setControllerListenerName("CONTROLLER")
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .run();
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(config)) {
            while (true) {
                try {
                    admin.describeCluster().nodes().get(5, java.util.concurrent.TimeUnit.SECONDS);
                    return;
                } catch (Exception notYet) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("embedded Kafka broker did not become ready", notYet);
                    }
                }
            }
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        LOG.info("Embedded Kafka broker stopped");
    }

    /** The ports {@link #freePort} handed out in this JVM: none is handed out twice. */
    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * A free TCP port on localhost, for tests and for a broker whose port is configured as 0, and never one this
     * JVM was given before: the system may offer a port again as soon as it was closed, and a broker's listener
     * and controller asked for two ports one after the other then got the same one.
     */
    public static int freePort() {
        while (true) {
            try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
