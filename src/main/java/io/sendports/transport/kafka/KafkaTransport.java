package io.sendports.transport.kafka;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.kafka.common.errors.AuthenticationException;

import io.sendports.domain.Destination;
import io.sendports.domain.DestinationPattern;
import io.sendports.domain.DestinationRefused;
import io.sendports.domain.Names;
import io.sendports.domain.Options;
import io.sendports.domain.Problems;
import io.sendports.domain.SecretReference;
import io.sendports.secret.SecretUnavailable;
import io.sendports.transport.DeliveryContext;
import io.sendports.transport.DeliveryShape;
import io.sendports.transport.OutboundPreparer;
import io.sendports.transport.Transport;

/**
 * The kafka transport: records to a topic of the cluster Sendports uses, key and headers kept, value as it came,
 * acknowledged by all in-sync replicas. A static port sends a partition's polled messages as one batch.
 *
 * <p>A static destination may name another cluster instead ({@code bootstrapServers} and {@code properties},
 * {@link KafkaCluster}): its client properties come from an allow-list ({@link KafkaClientProperties}), credentials
 * are secret references, and its producer is Camel's through {@link KafkaClusterComponent}, with the secrets resolved
 * only into the producer's configuration. A dynamic port's destinations are always on Sendports' own cluster.
 * A failed authentication is not retried (the credentials will not change by themselves), nor is a refused cluster
 * configuration.
 */
public final class KafkaTransport implements Transport {
    static final String BYTES_OUT = "org.apache.kafka.common.serialization.ByteArraySerializer";
    /**
     * Kafka producer options: bytes as they came, each record with its own headers as they came
     * ({@link ConsumedRecord}), acknowledged by all in-sync replicas.
     */
    static final String PRODUCER = "keySerializer=" + BYTES_OUT + "&valueSerializer="
            + ConsumedRecord.Writer.class.getName() + "&requestRequiredAcks=all&batchWithIndividualHeaders=true";
    /** The Kafka producer's own limit, {@code max.request.size}. */
    static final int PRODUCER_MAX_REQUEST = 1024 * 1024;
    /**
     * The producer's {@code batch.size} unless a destination says otherwise: 64 KiB, not Kafka's 16 KiB. A static
     * port sends each partition's poll (up to 500 records) as one batch and waits for all of it; larger batches take
     * fewer requests for it, as fast or up to 18 % faster round for round in the kafka-to-kafka benchmark
     * (docs/PERFORMANCE.md, "The kafka producer's defaults"), where a linger of 5 ms gained nothing.
     */
    static final int PRODUCER_BATCH = 64 * 1024;
    /** The nominal topic of the shared dynamic Kafka endpoint; every message names its own. */
    static final String DYNAMIC_TOPIC = "sendports.dynamic";

    @Override
    public String type() {
        return KafkaDestination.TYPE;
    }

    @Override
    public Set<String> schemes() {
        return Set.of("kafka");
    }

    @Override
    public String patternForm() {
        return "kafka:topic";
    }

    private static final Set<String> OPTIONS = Set.of("bootstrapServers", "properties", "lingerMs", "batchSize",
            "compression");

    @Override
    public Set<String> options() {
        return OPTIONS;
    }

    @Override
    public KafkaDestination parse(String address, Map<String, Object> options, String field, Problems problems) {
        if (!Options.strings(options, Set.of("bootstrapServers"), Set.of(), field, problems)) {
            return null;
        }
        String trimmed = address.trim();
        if (!trimmed.regionMatches(true, 0, KafkaPattern.SCHEME, 0, KafkaPattern.SCHEME.length())) {
            problems.add(field + ".address", "must be kafka:<topic> for the kafka transport");
            return null;
        }
        String topic = trimmed.substring(KafkaPattern.SCHEME.length());
        String error = Names.topicNameError(topic);
        if (error != null) {
            problems.add(field + ".address", "topic " + error);
        }
        ProducerTuning tuning = ProducerTuning.parse(options, field, problems);
        if (options.get("bootstrapServers") == null) {
            if (options.get("properties") != null) {
                problems.add(field + ".options.properties", "apply only to another cluster, named by bootstrapServers;"
                        + " Sendports' own cluster is reached with its own client settings (the producer's batching and"
                        + " compression are options.lingerMs, batchSize and compression)");
                return null;
            }
            return error == null && tuning != null ? new KafkaDestination(topic, null, tuning) : null;
        }
        KafkaCluster cluster = KafkaCluster.parse(options.get("bootstrapServers"), options.get("properties"),
                field + ".options", problems);
        if (cluster == null || tuning == null || !tuning.checkNotAlsoIn(cluster.settings(), field, problems)) {
            return null;
        }
        return error == null ? new KafkaDestination(topic, cluster, tuning) : null;
    }

    /**
     * The OAuth URLs against {@code sendports.transport.kafka.oauth-allowed-urls}, and the JAAS text's login modules
     * when its reference resolves now (the refusal never repeats the text); the producer's build checks both again.
     */
    @Override
    public void checkWritten(Destination destination, String field, DeliveryContext context, Problems problems) {
        KafkaCluster cluster = ((KafkaDestination) destination).cluster();
        if (cluster == null) {
            return;
        }
        String prefix = field + ".options.properties.";
        List<String> allowed = context.settings().transport().kafka().oauthAllowedUrls().orElse(List.of());
        cluster.settingsOf(KafkaClientProperties.Kind.OAUTH_URL).forEach((name, url) -> {
            String refusal = KafkaClientProperties.oauthRefusal(url, allowed);
            if (refusal != null) {
                problems.add(prefix + name, refusal);
            }
        });
        SecretReference jaas = cluster.credentials().get(KafkaClientProperties.SASL_JAAS_CONFIG);
        if (jaas == null) {
            return;
        }
        String text;
        try {
            text = context.secrets().resolve(jaas);
        } catch (SecretUnavailable notYet) {
            // a file not yet mounted: checked when the producer is built
            return;
        }
        String refusal = JaasModules.refusal(text, cluster.mechanism());
        if (refusal != null) {
            problems.add(prefix + KafkaClientProperties.SASL_JAAS_CONFIG, "(" + jaas + ") " + refusal);
        }
    }

    /**
     * A bare topic name, when the message says {@code sendports.transport: kafka}. A message's destination is on
     * Sendports' own cluster: nothing in a message can name another one.
     */
    @Override
    public String qualify(String address) {
        return address.indexOf(':') < 0 ? KafkaPattern.SCHEME + address : address;
    }

    @Override
    public KafkaDestination resolve(String address) {
        URI uri;
        try {
            uri = new URI(address);
        } catch (URISyntaxException e) {
            throw new DestinationRefused("is not a valid URI: " + e.getReason());
        }
        if (uri.getRawFragment() != null) {
            throw new DestinationRefused("must not have a #fragment");
        }
        String topic = address.substring(KafkaPattern.SCHEME.length());
        String error = Names.topicNameError(topic);
        if (error != null) {
            throw new DestinationRefused("names a topic that " + error);
        }
        return new KafkaDestination(topic);
    }

    @Override
    public DestinationPattern pattern(String text) {
        return KafkaPattern.parse(text);
    }

    /** Topic names are case-sensitive in Kafka, so the match is too. */
    @Override
    public String refusal(Destination destination, List<DestinationPattern> patterns) {
        String topic = ((KafkaDestination) destination).topic();
        String shown = DestinationRefused.shown(topic);
        if (patterns.isEmpty()) {
            return "topic " + shown + " is refused: the port allows no kafka destinations";
        }
        if (patterns.stream().anyMatch(pattern -> ((KafkaPattern) pattern).matches(topic))) {
            return null;
        }
        return "topic " + shown + " matches no allowed destination";
    }

    /**
     * A static port's producer URI has its producer settings ({@link ProducerTuning}) and is held to what its
     * destination topic takes ({@code maxMessageBytes}, its
     * {@code max.message.bytes}; -1 when not known). Under the producer's own limits, a record too large for the
     * topic is refused at once by the producer, and no batch grows beyond the limit. Otherwise the broker would
     * refuse a batch holding such a record, and the producer would split it into batches as large and send them
     * again until its delivery timeout (2 minutes). A dynamic port has one endpoint for every topic: the topic
     * travels in the message ({@code kafka.OVERRIDE_TOPIC}). A topic on another cluster has an endpoint of
     * {@link KafkaClusterComponent}, its options as written in the URI, never a secret.
     */
    @Override
    public String endpointUri(Destination destination, EndpointUse use) {
        if (use.dynamic()) {
            return "kafka:" + DYNAMIC_TOPIC + "?" + PRODUCER + ProducerTuning.DEFAULTS.uriOptions(-1);
        }
        KafkaDestination kafka = (KafkaDestination) destination;
        if (kafka.cluster() != null) {
            return KafkaClusterComponent.uri(kafka.topic(), kafka.cluster()) + "&" + PRODUCER
                    + kafka.tuning().uriOptions(-1);
        }
        return "kafka:" + kafka.topic() + "?" + PRODUCER + kafka.tuning().uriOptions(use.maxMessageBytes());
    }

    @Override
    public OutboundPreparer preparer(Destination destination, DeliveryContext context, boolean dynamic) {
        return new KafkaPreparer(dynamic ? ((KafkaDestination) destination).topic() : null);
    }

    /**
     * A partition's polled messages go as one batch: the producer sends them all, and the records keep their
     * order on the way.
     */
    @Override
    public DeliveryShape shape(Destination destination, boolean ordered) {
        return new DeliveryShape(DeliveryShape.Batching.RECORDS, false);
    }

    /** A failed authentication and a refused cluster configuration are not retried. */
    @Override
    public Optional<Boolean> retryable(Throwable error) {
        return describe(error).map(reason -> false);
    }

    @Override
    public Optional<String> describe(Throwable error) {
        KafkaClusterRefused refused = find(error, KafkaClusterRefused.class);
        if (refused != null) {
            return Optional.of(refused.getMessage());
        }
        AuthenticationException authentication = find(error, AuthenticationException.class);
        if (authentication != null) {
            return Optional.of("kafka authentication failed (" + authentication.getMessage()
                    + "): check the credentials of sasl.jaas.config");
        }
        return Optional.empty();
    }

    private static <T extends Throwable> T find(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
