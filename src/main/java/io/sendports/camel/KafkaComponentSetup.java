package io.sendports.camel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.camel.CamelContext;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.kafka.consumer.DefaultKafkaManualCommitFactory;
import org.apache.camel.quarkus.main.events.AfterConfigure;

import io.sendports.broker.KafkaClients;

/** Points Camel's Kafka component at the cluster Sendports uses, with the same security settings, and sets how it commits. */
@ApplicationScoped
public class KafkaComponentSetup {

    void configure(@Observes AfterConfigure event, CamelContext context, KafkaClients clients) {
        KafkaComponent kafka = context.getComponent("kafka", KafkaComponent.class);
        kafka.getConfiguration().setBrokers(clients.bootstrapServers());
        // With manual commit allowed and this factory, Camel commits (synchronously) the offsets of the records
        // whose exchanges completed, after each partition's batch; without a factory it would commit nothing.
        kafka.setKafkaManualCommitFactory(new DefaultKafkaManualCommitFactory());
        if (!clients.passThrough().isEmpty()) {
            kafka.getConfiguration().setAdditionalProperties(new java.util.HashMap<>(clients.passThrough()));
        }
    }
}
