package io.sendports.transport.kafka;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.kafka.KafkaComponentConfigurer;
import org.apache.camel.component.kafka.KafkaEndpoint;
import org.apache.camel.component.kafka.KafkaEndpointConfigurer;
import org.apache.camel.spi.PropertyConfigurer;

import io.sendports.domain.Problems;
import io.sendports.secret.Secrets;
import io.sendports.transport.UriText;

/**
 * The kafka transport's Camel component for another cluster, {@code sendports-kafka:<topic>?bootstrapServers=...&
 * property.<name>=...}: Camel's Kafka producer, with the cluster's brokers and a client factory of its own
 * ({@link KafkaClusterClients}) set on the endpoint when it is made. Registered apart from Camel's {@code kafka}
 * component, which stays configured for Sendports' own cluster and untouched by any destination.
 *
 * <p>Invariants: the URI holds the options as written, secret references as references and never a secret, each
 * value written with {@link UriText}; the endpoint checks them again with the rules of a definition
 * ({@link KafkaCluster#parse}), so a URI written by anything else makes no endpoint.
 */
public final class KafkaClusterComponent extends KafkaComponent {
    public static final String SCHEME = "sendports-kafka";
    private static final String SERVERS = "bootstrapServers";
    private static final String PROPERTY = "property.";

    private final Secrets secrets;
    private final List<String> oauthAllowed;

    /** @param oauthAllowed {@code sendports.transport.kafka.oauth-allowed-urls} */
    public KafkaClusterComponent(Secrets secrets, List<String> oauthAllowed) {
        this.secrets = secrets;
        this.oauthAllowed = List.copyOf(oauthAllowed);
    }

    /**
     * Camel finds a component's configurers by the scheme its class is annotated with; this one sets the options of
     * Camel's kafka component and endpoint ({@code keySerializer}, {@code requestRequiredAcks}, ...), so it uses
     * theirs.
     */
    @Override
    public PropertyConfigurer getComponentPropertyConfigurer() {
        return new KafkaComponentConfigurer();
    }

    @Override
    public PropertyConfigurer getEndpointPropertyConfigurer() {
        return new KafkaEndpointConfigurer();
    }

    /** The endpoint URI of a topic on the cluster, without the producer's own options. */
    static String uri(String topic, KafkaCluster cluster) {
        StringBuilder uri = new StringBuilder(SCHEME).append(':').append(topic).append('?').append(SERVERS).append('=')
                .append(UriText.escape(cluster.bootstrapServers()));
        Map<String, String> written = new TreeMap<>(cluster.settings());
        cluster.credentials().forEach((name, reference) -> written.put(name, reference.toString()));
        written.forEach((name, value) -> uri.append('&').append(PROPERTY).append(name).append('=')
                .append(UriText.escape(value)));
        return uri.toString();
    }

    @Override
    protected KafkaEndpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters)
            throws Exception {
        KafkaCluster cluster = cluster(parameters, uri);
        KafkaEndpoint endpoint = super.createEndpoint(uri, remaining, parameters);
        endpoint.getConfiguration().setBrokers(cluster.bootstrapServers());
        endpoint.setKafkaClientFactory(new KafkaClusterClients(cluster, secrets, oauthAllowed));
        return endpoint;
    }

    /** Takes the cluster's parameters out of {@code parameters}, leaving Camel's own producer options. */
    private static KafkaCluster cluster(Map<String, Object> parameters, String uri) {
        Object servers = parameters.remove(SERVERS);
        Map<String, Object> properties = new TreeMap<>();
        for (String name : List.copyOf(parameters.keySet())) {
            if (name.startsWith(PROPERTY)) {
                properties.put(name.substring(PROPERTY.length()), UriText.unescape(String.valueOf(
                        parameters.remove(name))));
            }
        }
        Problems problems = new Problems();
        KafkaCluster cluster = KafkaCluster.parse(servers == null ? null : UriText.unescape(String.valueOf(servers)),
                properties, "uri", problems);
        if (cluster == null) {
            List<String> errors = problems.errors().stream().map(error -> error.field() + " " + error.message())
                    .toList();
            throw new IllegalArgumentException("not an endpoint written by KafkaClusterComponent.uri: " + uri + " ("
                    + String.join("; ", errors) + ")");
        }
        return cluster;
    }
}
