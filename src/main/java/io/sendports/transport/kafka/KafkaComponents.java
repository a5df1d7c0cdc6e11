package io.sendports.transport.kafka;

import java.util.HashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.camel.CamelContext;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.quarkus.main.events.AfterConfigure;

import io.sendports.broker.KafkaClients;

/** Points Camel's kafka component at the cluster Sendports uses, with the same security settings. */
@ApplicationScoped
public class KafkaComponents {

    void configure(@Observes AfterConfigure event, CamelContext context, KafkaClients clients) {
        KafkaComponent kafka = context.getComponent("kafka", KafkaComponent.class);
        kafka.getConfiguration().setBrokers(clients.bootstrapServers());
        if (!clients.passThrough().isEmpty()) {
            kafka.getConfiguration().setAdditionalProperties(new HashMap<>(clients.passThrough()));
        }
    }
}
