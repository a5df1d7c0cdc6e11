package io.sendports.transport.kafka;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

import io.sendports.domain.Limits;
import io.sendports.domain.Problems;
import io.sendports.domain.SecretReference;

/**
 * Another Kafka cluster that a static destination delivers to (API.md "Secret references"): its bootstrap servers and
 * the client properties of {@link KafkaClientProperties}'s allow-list, credentials as secret references only.
 *
 * <p>Invariants: {@code bootstrapServers} is {@code host:port[,host:port...]}, normalized (no spaces); every name in
 * {@code settings} and {@code credentials} is allowed, and none is in both; a value in {@code settings} passed the
 * property's own check; a {@code SASL_*} protocol comes with {@code sasl.mechanism} and {@code sasl.jaas.config},
 * neither comes without one. Both maps are sorted by name. What depends on the running instance (the OAuth
 * allow-list, the allowed directories, what a JAAS reference holds) is checked apart from this value.
 */
public record KafkaCluster(String bootstrapServers, Map<String, String> settings,
        Map<String, SecretReference> credentials) {
    /** A server: a host name, an IPv4 address or a bracketed IPv6 address, and a port. */
    private static final Pattern SERVER = Pattern.compile(
            "(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?):([0-9]{1,5})");
    /** Bootstrap servers one destination may name, at most. */
    static final int MAX_SERVERS = 16;

    public KafkaCluster {
        Objects.requireNonNull(bootstrapServers);
        settings = Collections.unmodifiableMap(new TreeMap<>(settings));
        credentials = Collections.unmodifiableMap(new TreeMap<>(credentials));
    }

    /**
     * The cluster of a destination's {@code bootstrapServers} and {@code properties} options, or null with the
     * reasons added (every property checked, so that one answer lists them all).
     *
     * @param field the options' JSON path, such as {@code transport.options}
     */
    static KafkaCluster parse(Object servers, Object properties, String field, Problems problems) {
        String normalized = bootstrapServers(servers, field + ".bootstrapServers", problems);
        Map<String, String> settings = new TreeMap<>();
        Map<String, SecretReference> credentials = new TreeMap<>();
        boolean ok = properties(properties, field + ".properties", settings, credentials, problems);
        ok = ok && combination(settings, credentials, field + ".properties", problems);
        return normalized != null && ok ? new KafkaCluster(normalized, settings, credentials) : null;
    }

    private static String bootstrapServers(Object raw, String field, Problems problems) {
        if (!(raw instanceof String text) || text.isBlank()) {
            problems.add(field, "must be host:port[,host:port...] of the other cluster's brokers");
            return null;
        }
        String tooLong = Limits.tooLong(text, Limits.OPTION_TEXT);
        if (tooLong != null) {
            problems.add(field, tooLong);
            return null;
        }
        String[] servers = text.split(",", -1);
        if (servers.length > MAX_SERVERS) {
            problems.add(field, "must name at most " + MAX_SERVERS + " servers");
            return null;
        }
        StringBuilder normalized = new StringBuilder();
        for (String server : servers) {
            var matcher = SERVER.matcher(server.strip());
            int port = matcher.matches() ? Integer.parseInt(matcher.group(2)) : 0;
            if (port < 1 || port > 65_535) {
                problems.add(field, "must be host:port[,host:port...]: each a host name, an IPv4 address or an [IPv6]"
                        + " address and a port from 1 to 65535");
                return null;
            }
            normalized.append(normalized.length() == 0 ? "" : ",").append(server.strip());
        }
        return normalized.toString();
    }

    private static boolean properties(Object raw, String field, Map<String, String> settings,
            Map<String, SecretReference> credentials, Problems problems) {
        if (raw == null) {
            return true;
        }
        if (!(raw instanceof Map<?, ?> properties)) {
            problems.add(field, "must be an object of Kafka client property names to string values");
            return false;
        }
        if (properties.size() > KafkaClientProperties.MAX) {
            problems.add(field, "must have at most " + KafkaClientProperties.MAX + " properties");
            return false;
        }
        boolean ok = true;
        for (Map.Entry<?, ?> property : properties.entrySet()) {
            ok &= property(String.valueOf(property.getKey()), property.getValue(), field, settings, credentials,
                    problems);
        }
        return ok;
    }

    private static boolean property(String name, Object value, String field, Map<String, String> settings,
            Map<String, SecretReference> credentials, Problems problems) {
        if (!KafkaClientProperties.plainName(name)) {
            // not repeated in the field path: it is no property name at all
            problems.add(field, "has a name that is not a Kafka client property name (letters, digits,"
                    + " dots, - and _)");
            return false;
        }
        String path = field + "." + name;
        String refusal = KafkaClientProperties.nameRefusal(name);
        if (refusal != null) {
            problems.add(path, refusal);
            return false;
        }
        KafkaClientProperties.Rule rule = KafkaClientProperties.ALLOWED.get(name);
        if (!(value instanceof String text)) {
            problems.add(path, rule.kind() == KafkaClientProperties.Kind.CREDENTIAL
                    ? "must be a secret reference: " + SecretReference.FORMS : "must be a string");
            return false;
        }
        if (rule.kind() == KafkaClientProperties.Kind.CREDENTIAL) {
            SecretReference reference = SecretReference.parse(text, path, problems);
            if (reference != null) {
                credentials.put(name, reference);
            }
            return reference != null;
        }
        if (SecretReference.looksLikeReference(text)) {
            problems.add(path, "takes the value itself, not a secret reference; only these take one: "
                    + String.join(", ", KafkaClientProperties.credentials()));
            return false;
        }
        String tooLong = Limits.tooLong(text, Limits.OPTION_TEXT);
        String why = tooLong != null ? tooLong : KafkaClientProperties.valueRefusal(rule, text);
        if (why == null && rule.kind() == KafkaClientProperties.Kind.FILE && file(text) == null) {
            why = "must be an absolute path without empty, . or .. segments, colons or control characters";
        }
        if (why != null) {
            problems.add(path, why);
            return false;
        }
        settings.put(name, text);
        return true;
    }

    /** The checks across properties: SASL needs its mechanism and JAAS text, and they need SASL. */
    private static boolean combination(Map<String, String> settings, Map<String, SecretReference> credentials,
            String field, Problems problems) {
        String protocol = settings.getOrDefault(KafkaClientProperties.SECURITY_PROTOCOL, "PLAINTEXT");
        boolean sasl = protocol.startsWith("SASL_");
        String mechanism = settings.get(KafkaClientProperties.SASL_MECHANISM);
        boolean ok = true;
        if (sasl && mechanism == null) {
            problems.add(field + "." + KafkaClientProperties.SASL_MECHANISM, "is required with security.protocol "
                    + protocol + ": one of " + String.join(", ", KafkaClientProperties.MECHANISMS)
                    + " (Kafka's default, GSSAPI, is not offered)");
            ok = false;
        }
        if (sasl && !credentials.containsKey(KafkaClientProperties.SASL_JAAS_CONFIG)) {
            problems.add(field + "." + KafkaClientProperties.SASL_JAAS_CONFIG, "is required with security.protocol "
                    + protocol + ": a secret reference to the JAAS text (" + SecretReference.FORMS + ")");
            ok = false;
        }
        for (String name : List.of(KafkaClientProperties.SASL_MECHANISM, KafkaClientProperties.SASL_JAAS_CONFIG)) {
            if (!sasl && (settings.containsKey(name) || credentials.containsKey(name))) {
                problems.add(field + "." + name, "applies only with security.protocol SASL_PLAINTEXT or SASL_SSL");
                ok = false;
            }
        }
        for (String name : settings.keySet()) {
            if (KafkaClientProperties.ALLOWED.get(name).kind() == KafkaClientProperties.Kind.OAUTH_URL
                    && !"OAUTHBEARER".equals(mechanism)) {
                problems.add(field + "." + name, "applies only with sasl.mechanism OAUTHBEARER");
                ok = false;
            }
        }
        return ok;
    }

    /** A file property's path as a file reference, checked as one; null when the path is not absolute and plain. */
    static SecretReference file(String path) {
        SecretReference reference = SecretReference.parse("${file:" + path + "}", "file", new Problems());
        // a colon would be read as the key of a properties file
        return reference == null || reference.key() != null ? null : reference;
    }

    /** {@code sasl.mechanism}; null without SASL. */
    String mechanism() {
        return settings.get(KafkaClientProperties.SASL_MECHANISM);
    }

    /** The properties of a kind, by name, from {@code settings}. */
    Map<String, String> settingsOf(KafkaClientProperties.Kind kind) {
        Map<String, String> found = new TreeMap<>();
        settings.forEach((name, value) -> {
            if (KafkaClientProperties.ALLOWED.get(name).kind() == kind) {
                found.put(name, value);
            }
        });
        return found;
    }

    /** The options as written back: the servers, then every property by name, references as references. */
    Map<String, Object> options() {
        Map<String, Object> properties = new TreeMap<>(settings);
        credentials.forEach((name, reference) -> properties.put(name, reference.toString()));
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("bootstrapServers", bootstrapServers);
        if (!properties.isEmpty()) {
            options.put("properties", Collections.unmodifiableMap(new LinkedHashMap<>(properties)));
        }
        return options;
    }

    /**
     * What must lie under {@code sendports.secrets.allowed-paths}, by JSON path below the transport: the credential
     * references, and the files the client reads ({@code ssl.truststore.location}) as file references.
     */
    Map<String, SecretReference> references() {
        Map<String, SecretReference> references = new LinkedHashMap<>();
        Map<String, SecretReference> all = new TreeMap<>(credentials);
        settingsOf(KafkaClientProperties.Kind.FILE).forEach((name, path) -> all.put(name, file(path)));
        all.forEach((name, reference) -> references.put("options.properties." + name, reference));
        return references;
    }
}
