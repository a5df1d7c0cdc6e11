package io.sendports.transport.kafka;

import java.util.HashMap;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.camel.CamelContext;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.quarkus.main.events.AfterConfigure;

import io.sendports.broker.KafkaClients;
import io.sendports.transport.DeliveryContext;

/**
 * Points Camel's kafka component at the cluster Sendports uses, with the same security settings, and registers the
 * component for destinations on other clusters ({@link KafkaClusterComponent}), which shares none of them.
 */
@ApplicationScoped
public class KafkaComponents {

    void configure(@Observes AfterConfigure event, CamelContext context, KafkaClients clients,
            DeliveryContext delivery) {
        KafkaComponent kafka = context.getComponent("kafka", KafkaComponent.class);
        kafka.getConfiguration().setBrokers(clients.bootstrapServers());
        if (!clients.passThrough().isEmpty()) {
            kafka.getConfiguration().setAdditionalProperties(new HashMap<>(clients.passThrough()));
        }
        List<String> oauthAllowed = delivery.settings().transport().kafka().oauthAllowedUrls().orElse(List.of());
        context.addComponent(KafkaClusterComponent.SCHEME, new KafkaClusterComponent(delivery.secrets(), oauthAllowed));
    }
}
