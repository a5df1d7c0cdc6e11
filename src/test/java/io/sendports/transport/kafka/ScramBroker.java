package io.sendports.transport.kafka;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Time;

import io.sendports.broker.KafkaBroker;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;

/**
 * A second Kafka cluster for the kafka transport's tests: a real single-node KRaft broker in the test's JVM (these
 * machines have no Docker) with a {@code SASL_PLAINTEXT} listener that takes SCRAM-SHA-512 only, and a PLAINTEXT
 * listener on another port for the controller, the tests' admin client and their reads. The SCRAM user is created
 * through the admin client once the broker runs.
 */
final class ScramBroker implements AutoCloseable {
    static final String USER = "sendports-b";

    private final KafkaRaftServer server;
    private final int plainPort;
    private final int saslPort;

    private ScramBroker(KafkaRaftServer server, int plainPort, int saslPort) {
        this.server = server;
        this.plainPort = plainPort;
        this.saslPort = saslPort;
    }

    /** Starts the broker and creates {@link #USER} with this password. */
    static ScramBroker start(String password) throws Exception {
        Path dir = Files.createTempDirectory("sendports-test-kafka-b");
        int plain = KafkaBroker.freePort();
        int sasl = KafkaBroker.freePort();
        int controller = KafkaBroker.freePort();
        Properties config = KafkaBroker.singleNode(dir, controller);
        config.put("listeners", "PLAINTEXT://localhost:" + plain + ",SASL_PLAINTEXT://localhost:" + sasl
                + ",CONTROLLER://localhost:" + controller);
        config.put("advertised.listeners", "PLAINTEXT://localhost:" + plain + ",SASL_PLAINTEXT://localhost:" + sasl);
        config.put("listener.security.protocol.map",
                "PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT");
        config.put("inter.broker.listener.name", "PLAINTEXT");
        config.put("sasl.enabled.mechanisms", "SCRAM-SHA-512");
        config.put("listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        config.put("auto.create.topics.enable", "false");
        KafkaBroker.format(dir);
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(config, false), Time.SYSTEM);
        server.startup();
        ScramBroker broker = new ScramBroker(server, plain, sasl);
        try (Admin admin = broker.admin()) {
            admin.describeCluster().nodes().get(60, TimeUnit.SECONDS);
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(USER,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), password))).all()
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            broker.close();
            throw e;
        }
        broker.awaitLogin(password);
        return broker;
    }

    /** Waits until the user's credential reached the broker's SASL listener: a producer there is acknowledged. */
    private void awaitLogin(String password) throws Exception {
        String topic = "login-check";
        createTopic(topic);
        Map<String, Object> config = Map.of("bootstrap.servers", saslServers(), "security.protocol", "SASL_PLAINTEXT",
                "sasl.mechanism", "SCRAM-SHA-512", "sasl.jaas.config", JaasModules.SCRAM + " required username=\""
                        + USER + "\" password=\"" + password + "\";", "max.block.ms", "2000");
        org.awaitility.Awaitility.await("the SCRAM user to log in on the SASL listener").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
                    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                            new ByteArraySerializer())) {
                        producer.send(new ProducerRecord<>(topic, new byte[0])).get(10, TimeUnit.SECONDS);
                        return true;
                    }
                });
    }

    /** The SASL/SCRAM listener, for the destination under test. */
    String saslServers() {
        return "localhost:" + saslPort;
    }

    Admin admin() {
        return Admin.create(Map.of("bootstrap.servers", "localhost:" + plainPort));
    }

    void createTopic(String topic) throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    /** Reads a topic from the beginning (over PLAINTEXT) until {@code count} records arrived or the time is up. */
    List<ConsumerRecord<byte[], byte[]>> read(String topic, int count, Duration timeout) {
        Map<String, Object> config = Map.of("bootstrap.servers", "localhost:" + plainPort,
                "group.id", "test-reader-" + UUID.randomUUID(), "auto.offset.reset", "earliest",
                "enable.auto.commit", "false");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (records.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
