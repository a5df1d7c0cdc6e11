package io.sendports.broker;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.camel.quarkus.main.events.AfterStop;
import org.apache.camel.quarkus.main.events.BeforeConfigure;
import org.jboss.logging.Logger;

import io.sendports.SendportsConfig;

/**
 * Runs the embedded broker when no external cluster is configured. It starts inside Camel's boot, before
 * anything can consume from Kafka, and stops after Camel has stopped, so that every consumer leaves its
 * group cleanly first (a consumer whose broker vanished leaves a stale member that delays the next start).
 */
@ApplicationScoped
public class EmbeddedBrokerLifecycle {
    private static final Logger LOG = Logger.getLogger(EmbeddedBrokerLifecycle.class);

    private final KafkaClients clients;
    private final SendportsConfig config;
    private KafkaBroker broker;

    public EmbeddedBrokerLifecycle(KafkaClients clients, SendportsConfig config) {
        this.clients = clients;
        this.config = config;
    }

    void start(@Observes BeforeConfigure event) {
        if (!clients.embedded()) {
            LOG.infof("Using the Kafka cluster at %s", clients.bootstrapServers());
            return;
        }
        SendportsConfig.EmbeddedBroker settings = config.embeddedBroker();
        LOG.infof("No kafka.bootstrap.servers set: starting the embedded Kafka broker on port %d", settings.port());
        broker = KafkaBroker.start(settings.dataDir(), settings.port(), settings.controllerPort());
    }

    void stop(@Observes AfterStop event) {
        if (broker != null) {
            clients.close();
            broker.close();
            broker = null;
        }
    }
}
