package io.sendports.broker;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

import io.sendports.SendportsConfig;

/**
 * Creates the service's own topics when they are missing (API.md, "Topics"), idempotently, and reads what
 * the control topic takes ({@code max.message.bytes}) once, at start.
 */
@ApplicationScoped
public class TopicSetup {
    private static final Logger LOG = Logger.getLogger(TopicSetup.class);

    private final KafkaClients clients;
    private final SendportsConfig.Topics topics;
    /** Kafka's default {@code max.message.bytes}, assumed when the broker does not say. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 1024 * 1024;

    private volatile boolean done;
    private volatile int controlMaxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES;

    public TopicSetup(KafkaClients clients, SendportsConfig config) {
        this.clients = clients;
        this.topics = config.topics();
    }

    /** Creates a topic with the broker's default partitions and replication when it is missing. */
    public void ensureTopic(String name) {
        try {
            clients.admin().createTopics(List.of(new NewTopic(name, java.util.Optional.empty(), java.util.Optional.empty())))
                    .all().get(30, TimeUnit.SECONDS);
            LOG.infof("Created topic %s", name);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + name + ": " + e.getCause(), e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer: " + e, e);
        }
    }

    /**
     * The largest record batch the control topic takes ({@code max.message.bytes}), as read when the topics
     * were set up; 1 MiB when the broker did not say. A change of the topic's setting is seen at the next start.
     */
    public int controlMaxMessageBytes() {
        return controlMaxMessageBytes;
    }

    /**
     * The largest record batch a topic takes ({@code max.message.bytes}), or -1 when Kafka does not say within
     * ten seconds (a topic that does not exist yet gets the broker's default when it is created).
     */
    public int maxMessageBytes(String topic) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try {
            ConfigEntry entry = clients.admin().describeConfigs(List.of(resource)).all().get(10, TimeUnit.SECONDS)
                    .get(resource).get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
            return entry == null || entry.value() == null ? -1 : Integer.parseInt(entry.value());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.debugf("max.message.bytes of topic %s not known: %s", topic, e.toString());
            return -1;
        }
    }

    /** What the topics of stored messages take in one batch: the largest message and room for its batch's header. */
    private static final String STORED_BATCH_BYTES =
            Integer.toString(KafkaClients.MAX_STORED_MESSAGE_BYTES + 64 * 1024);

    /**
     * The service's own topics as they are created when missing: deploy/strimzi/kafka-topics.yaml declares the same
     * partitions and settings (checked by DeploymentManifestsTest).
     */
    public static List<NewTopic> ownTopics(String control, String suspended, String retry, short replication) {
        return List.of(
                new NewTopic(control, 1, replication).configs(Map.of("cleanup.policy", "compact")),
                new NewTopic(suspended, 3, replication).configs(Map.of("cleanup.policy", "compact",
                        "max.message.bytes", STORED_BATCH_BYTES)),
                new NewTopic(retry, 3, replication).configs(Map.of("cleanup.policy", "delete",
                        "max.message.bytes", STORED_BATCH_BYTES)));
    }

    /** Creates missing topics; throws when Kafka does not answer, so that the caller retries. */
    public synchronized void ensureTopics() {
        if (done) {
            return;
        }
        Admin admin = clients.admin();
        try {
            int brokers = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size();
            short replication = (short) Math.min(3, Math.max(1, brokers));
            List<NewTopic> wanted = ownTopics(topics.control(), topics.suspended(), topics.retry(), replication);
            for (var entry : admin.createTopics(wanted).values().entrySet()) {
                try {
                    entry.getValue().get(30, TimeUnit.SECONDS);
                    LOG.infof("Created topic %s", entry.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + entry.getKey() + ": " + e.getCause(), e);
                    }
                }
            }
            int limit = maxMessageBytes(topics.control());
            controlMaxMessageBytes = limit > 0 ? limit : DEFAULT_MAX_MESSAGE_BYTES;
            done = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer: " + e, e);
        }
    }
}
