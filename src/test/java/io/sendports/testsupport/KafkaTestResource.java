package io.sendports.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.testcontainers.kafka.KafkaContainer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.sendports.broker.KafkaBroker;

/**
 * The one Kafka broker of the test run. By default a real single-node KRaft broker in this JVM (these
 * machines have no Docker); with {@code -Dsendports.test.kafka=testcontainers}, Testcontainers' Apache Kafka
 * container. Either way the application under test gets {@code kafka.bootstrap.servers}, so it runs no
 * embedded broker of its own, and a users file of its own.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {
    public static final String MODE = System.getProperty("sendports.test.kafka", "embedded");
    private static volatile String bootstrapServers;
    private KafkaBroker broker;
    private KafkaContainer container;

    @Override
    public Map<String, String> start() {
        if (MODE.equals("testcontainers")) {
            container = new KafkaContainer("apache/kafka:4.1.1");
            container.start();
            bootstrapServers = container.getBootstrapServers();
        } else {
            try {
                Path dir = Files.createTempDirectory("sendports-test-kafka");
                broker = KafkaBroker.start(dir, KafkaBroker.freePort(), KafkaBroker.freePort());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            bootstrapServers = broker.bootstrapServers();
        }
        try {
            // a fresh users file: the application creates the test admin in it (TestUsers), and tests add users
            Path users = Files.createTempDirectory("sendports-test-users").resolve("users.properties");
            return Map.of("kafka.bootstrap.servers", bootstrapServers,
                    "sendports.security.users-file", users.toString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.close();
        }
        if (container != null) {
            container.stop();
        }
    }

    /** Bootstrap servers of the running test broker. */
    public static String bootstrapServers() {
        if (bootstrapServers == null) {
            throw new IllegalStateException("the Kafka test resource has not started");
        }
        return bootstrapServers;
    }
}
