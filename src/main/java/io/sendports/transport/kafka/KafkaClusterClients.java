package io.sendports.transport.kafka;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.apache.camel.component.kafka.DefaultKafkaClientFactory;
import org.apache.camel.component.kafka.KafkaConfiguration;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;

import io.sendports.domain.SecretReference;
import io.sendports.secret.Secrets;

/**
 * Builds the producer of a kafka destination on another cluster: Camel's producer settings plus the cluster's
 * properties, its secrets resolved here and only here, so that they exist in the producer's configuration and
 * nowhere else (not in the endpoint, its URI or Camel's configuration objects). Each build checks the rules again,
 * on what the references hold now: the JAAS text's login modules, the OAuth allow-list as configured now, the files'
 * real paths; and that nothing in the final configuration loads a class or a config provider.
 */
final class KafkaClusterClients extends DefaultKafkaClientFactory {
    /** Properties that must not reach the producer from anywhere; the serializers are Sendports' own. */
    private static final Set<String> NEVER = Set.of("interceptor.classes", "metric.reporters", "config.providers",
            "security.providers", "sasl.login.class", "sasl.login.callback.handler.class",
            "sasl.client.callback.handler.class", "ssl.engine.factory.class", "sasl.oauthbearer.jwt.retriever.class",
            "sasl.oauthbearer.jwt.validator.class", "partitioner.class");

    private final KafkaCluster cluster;
    private final Secrets secrets;
    private final List<String> oauthAllowed;

    KafkaClusterClients(KafkaCluster cluster, Secrets secrets, List<String> oauthAllowed) {
        this.cluster = cluster;
        this.secrets = secrets;
        this.oauthAllowed = oauthAllowed;
    }

    @Override
    public Producer<byte[], byte[]> getProducer(Properties camel) {
        Properties properties = new Properties();
        properties.putAll(camel);
        properties.putAll(clientProperties(cluster, secrets, oauthAllowed));
        refuseLoaders(properties);
        return new KafkaProducer<>(properties);
    }

    /** The kafka transport only produces to another cluster. */
    @Override
    public Consumer<byte[], byte[]> getConsumer(Properties properties) {
        throw new UnsupportedOperationException("a kafka destination on another cluster is only written to");
    }

    @Override
    public String getBrokers(KafkaConfiguration configuration) {
        return cluster.bootstrapServers();
    }

    /**
     * The cluster's properties with the secrets resolved, checked again.
     *
     * @throws KafkaClusterRefused                   when a rule refuses them
     * @throws io.sendports.secret.SecretUnavailable when a reference cannot be resolved
     */
    static Map<String, Object> clientProperties(KafkaCluster cluster, Secrets secrets, List<String> oauthAllowed) {
        Map<String, Object> properties = new HashMap<>();
        cluster.settings().forEach((name, value) -> {
            String refusal = KafkaClientProperties.nameRefusal(name);
            if (refusal != null) {
                throw refused(cluster, name, refusal);
            }
            properties.put(name, value);
        });
        cluster.settingsOf(KafkaClientProperties.Kind.OAUTH_URL).forEach((name, url) -> {
            String refusal = KafkaClientProperties.oauthRefusal(url, oauthAllowed);
            if (refusal != null) {
                throw refused(cluster, name, refusal);
            }
        });
        cluster.settingsOf(KafkaClientProperties.Kind.FILE).forEach((name, path) ->
                properties.put(name, secrets.allowedFile(KafkaCluster.file(path)).toString()));
        for (Map.Entry<String, SecretReference> credential : cluster.credentials().entrySet()) {
            String name = credential.getKey();
            String value = secrets.resolve(credential.getValue());
            if (name.equals(KafkaClientProperties.SASL_JAAS_CONFIG)) {
                String refusal = JaasModules.refusal(value, cluster.mechanism());
                if (refusal != null) {
                    throw refused(cluster, name + " (" + credential.getValue() + ")", refusal);
                }
            }
            properties.put(name, value);
        }
        return properties;
    }

    /** Nothing that loads a class or reads through a config provider, whoever set it. */
    private void refuseLoaders(Properties properties) {
        for (String name : properties.stringPropertyNames()) {
            Object value = properties.get(name);
            boolean set = value != null && !String.valueOf(value).isBlank();
            if (set && (NEVER.contains(name) || name.startsWith("config.providers."))) {
                throw refused(cluster, name, "is refused: it makes the Kafka client load code of its choosing");
            }
        }
        Object mechanism = properties.get(KafkaClientProperties.SASL_MECHANISM);
        Object protocol = properties.get(KafkaClientProperties.SECURITY_PROTOCOL);
        if (protocol != null && String.valueOf(protocol).toUpperCase(java.util.Locale.ROOT).startsWith("SASL_")
                && !KafkaClientProperties.MECHANISMS.contains(String.valueOf(mechanism))) {
            throw refused(cluster, KafkaClientProperties.SASL_MECHANISM, "must be one of "
                    + String.join(", ", KafkaClientProperties.MECHANISMS));
        }
    }

    private static KafkaClusterRefused refused(KafkaCluster cluster, String property, String why) {
        return new KafkaClusterRefused("kafka destination on " + cluster.bootstrapServers() + ": property " + property
                + " " + why);
    }
}
