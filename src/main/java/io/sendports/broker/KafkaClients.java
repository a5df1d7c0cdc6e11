package io.sendports.broker;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.microprofile.config.Config;

import io.sendports.SendportsConfig;

/**
 * Where Kafka is and how to talk to it. With {@code kafka.bootstrap.servers} set, that cluster is used
 * and every other {@code kafka.*} setting (SASL, SSL, ...) is passed to all clients; without it the
 * embedded broker on {@code localhost:sendports.embedded-broker.port} is. Owns the shared admin client
 * and producer.
 */
@ApplicationScoped
public class KafkaClients {
    private static final String PREFIX = "kafka.";
    private static final String BOOTSTRAP = "kafka.bootstrap.servers";
    /** Only real client settings pass: not e.g. KAFKA_PORT, which Kubernetes sets for a Service named kafka. */
    private static final java.util.Set<String> CLIENT_SETTINGS = clientSettings();
    /**
     * {@code retry.backoff.ms} of the consumers that stay in a group (a port's, a retry worker's) unless
     * {@code kafka.retry.backoff.ms} says otherwise. A classic consumer's heartbeat thread wakes this often
     * between heartbeats: Kafka's 100 ms made 500 started ports wake 5,000 times a second for nothing
     * (docs/PERFORMANCE.md "Listing 500 ports"). Failed requests are retried after this long too.
     */
    public static final int MEMBER_RETRY_BACKOFF_MS = 1_000;
    /** How long a vanished member (a killed instance) holds its partitions: 10 s instead of Kafka's 45 s. */
    public static final int MEMBER_SESSION_TIMEOUT_MS = 10_000;
    public static final int MEMBER_HEARTBEAT_INTERVAL_MS = 3_000;

    /**
     * Adds the settings of a consumer that stays in a group (a port's, a retry worker's) to {@code properties}
     * where the operator set none: {@code kafka.session.timeout.ms}, {@code kafka.heartbeat.interval.ms} and
     * {@code kafka.retry.backoff.ms} win over these defaults.
     */
    public static Map<String, Object> withMemberDefaults(Map<String, Object> properties) {
        properties.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, MEMBER_SESSION_TIMEOUT_MS);
        properties.putIfAbsent(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, MEMBER_HEARTBEAT_INTERVAL_MS);
        properties.putIfAbsent(ConsumerConfig.RETRY_BACKOFF_MS_CONFIG, MEMBER_RETRY_BACKOFF_MS);
        return properties;
    }

    private final Optional<String> external;
    private final String bootstrapServers;
    private final Map<String, Object> passThrough;
    private volatile Admin admin;
    private volatile KafkaProducer<byte[], byte[]> producer;
    private volatile boolean closed;

    public KafkaClients(Config config, SendportsConfig sendports) {
        this.external = config.getOptionalValue(BOOTSTRAP, String.class).filter(s -> !s.isBlank());
        this.bootstrapServers = external.orElse("localhost:" + sendports.embeddedBroker().port());
        this.passThrough = passThrough(config);
    }

    private static Map<String, Object> passThrough(Config config) {
        Map<String, Object> properties = new HashMap<>();
        for (String name : config.getPropertyNames()) {
            String key = name.startsWith(PREFIX) ? name
                    : name.startsWith("KAFKA_") ? name.toLowerCase(Locale.ROOT).replace('_', '.') : null;
            if (key == null || key.equals(BOOTSTRAP) || !CLIENT_SETTINGS.contains(key.substring(PREFIX.length()))) {
                continue;
            }
            config.getOptionalValue(name, String.class)
                    .ifPresent(value -> properties.put(key.substring(PREFIX.length()), value));
        }
        return Map.copyOf(properties);
    }

    private static java.util.Set<String> clientSettings() {
        java.util.Set<String> names = new java.util.HashSet<>();
        names.addAll(ConsumerConfig.configNames());
        names.addAll(ProducerConfig.configNames());
        names.addAll(org.apache.kafka.clients.admin.AdminClientConfig.configNames());
        return java.util.Set.copyOf(names);
    }

    /** True when no external cluster is configured, so the service runs its own broker. */
    public boolean embedded() {
        return external.isEmpty();
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Settings every client needs: bootstrap servers plus the passed-through security settings. */
    public Map<String, Object> common() {
        Map<String, Object> properties = new HashMap<>(passThrough);
        properties.put("bootstrap.servers", bootstrapServers);
        return properties;
    }

    /** The passed-through settings alone (without bootstrap servers), for Camel's Kafka component. */
    public Map<String, Object> passThrough() {
        return passThrough;
    }

    public Admin admin() {
        Admin current = admin;
        if (current == null) {
            synchronized (this) {
                stillOpen();
                if (admin == null) {
                    admin = Admin.create(common());
                }
                current = admin;
            }
        }
        return current;
    }

    /**
     * The largest message Sendports stores on its own topics (parked for a retry, suspended), with its key and
     * headers: 16 MiB. A record larger than Kafka's default of 1 MiB can be on a subscribed topic; if parking or
     * suspending it failed, nothing could ever take it off its partition (DECISIONS.md (u)).
     */
    public static final int MAX_STORED_MESSAGE_BYTES = 16 * 1024 * 1024;

    /** A shared idempotent producer of raw bytes (acks=all), for records up to {@link #MAX_STORED_MESSAGE_BYTES}. */
    public KafkaProducer<byte[], byte[]> producer() {
        KafkaProducer<byte[], byte[]> current = producer;
        if (current == null) {
            synchronized (this) {
                stillOpen();
                if (producer == null) {
                    Map<String, Object> properties = common();
                    properties.put(ProducerConfig.ACKS_CONFIG, "all");
                    properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
                    properties.put(ProducerConfig.LINGER_MS_CONFIG, 1);
                    properties.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_STORED_MESSAGE_BYTES);
                    properties.put(ProducerConfig.CLIENT_ID_CONFIG, "sendports-api");
                    producer = new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
                }
                current = producer;
            }
        }
        return current;
    }

    /**
     * After {@link #close} no client is made again: one made while the service stops would poll a broker that
     * is gone (the embedded one stops right after).
     */
    private void stillOpen() {
        if (closed) {
            throw new IllegalStateException("Sendports is stopping: no new Kafka clients");
        }
    }

    @PreDestroy
    synchronized void close() {
        closed = true;
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(5));
            producer = null;
        }
        if (admin != null) {
            admin.close(java.time.Duration.ofSeconds(5));
            admin = null;
        }
    }
}
