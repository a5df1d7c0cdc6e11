package io.sendports.transport.kafka;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Kafka client properties a kafka destination on another cluster may set (docs/TRANSPORTS.md has the same list
 * as a table), and why any other is refused. The threat is the client's own configuration: a property that names a
 * class makes the client load and run it ({@code *.class}, {@code *.classes}, {@code interceptor.classes},
 * {@code metric.reporters}, {@code security.providers}), a config provider reads files or calls code of its own
 * ({@code config.providers}), {@code sasl.kerberos.kinit.cmd} runs a command, a JAAS login module other than Kafka's
 * three runs code of the text's choosing (CVE-2023-25194, CVE-2025-27818: {@link JaasModules}), and an OAuth URL is
 * fetched by the client, a {@code file:} one read (CVE-2025-27817). So the list names what may be set, and everything
 * else is refused when a port is written; the same rules run again when the producer is built.
 *
 * <p>Invariants: every name is an exact Kafka producer property; {@link Kind#CREDENTIAL} values are secret
 * references, {@link Kind#FILE} values absolute paths checked against {@code sendports.secrets.allowed-paths},
 * {@link Kind#OAUTH_URL} values http(s) URLs that must be on {@code sendports.transport.kafka.oauth-allowed-urls}.
 * Producer settings that Sendports' delivery promises rest on ({@code acks}, serializers, idempotence, retries,
 * transactions) are not on the list.
 */
final class KafkaClientProperties {
    /** Properties one destination may set, at most. */
    static final int MAX = 32;
    static final String SECURITY_PROTOCOL = "security.protocol";
    static final String SASL_MECHANISM = "sasl.mechanism";
    static final String SASL_JAAS_CONFIG = "sasl.jaas.config";
    static final List<String> MECHANISMS = List.of("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512", "OAUTHBEARER");
    static final List<String> PROTOCOLS = List.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,18}");
    private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,4}(\\.[0-9]{1,6})?");

    /** How a property's value is written and checked. */
    enum Kind {
        /** One of a few words. */
        CHOICE,
        /** A whole number of milliseconds, bytes or seconds. */
        NUMBER,
        /** A decimal fraction (a refresh window factor). */
        DECIMAL,
        /** Plain text that names no class, file or URL (a client id, a TLS protocol name). */
        TEXT,
        /** A secret: only a secret reference, resolved when the producer is built. */
        CREDENTIAL,
        /** A file the client reads: an absolute path under {@code sendports.secrets.allowed-paths}. */
        FILE,
        /** A URL the client fetches: http(s) only, and on the operator's allow-list. */
        OAUTH_URL
    }

    /** A property's kind and, for {@link Kind#CHOICE}, its values. */
    record Rule(Kind kind, List<String> choices) {
        static Rule of(Kind kind) {
            return new Rule(kind, List.of());
        }

        static Rule choice(String... values) {
            return new Rule(Kind.CHOICE, List.of(values));
        }
    }

    /** The allow-list, in the order of the documentation's table. */
    static final Map<String, Rule> ALLOWED = allowed();

    private KafkaClientProperties() {
    }

    private static Map<String, Rule> allowed() {
        Map<String, Rule> rules = new LinkedHashMap<>();
        rules.put(SECURITY_PROTOCOL, new Rule(Kind.CHOICE, PROTOCOLS));
        rules.put(SASL_MECHANISM, new Rule(Kind.CHOICE, MECHANISMS));
        rules.put(SASL_JAAS_CONFIG, Rule.of(Kind.CREDENTIAL));
        for (String name : List.of("sasl.login.connect.timeout.ms", "sasl.login.read.timeout.ms",
                "sasl.login.retry.backoff.ms", "sasl.login.retry.backoff.max.ms", "sasl.login.refresh.buffer.seconds",
                "sasl.login.refresh.min.period.seconds")) {
            rules.put(name, Rule.of(Kind.NUMBER));
        }
        rules.put("sasl.login.refresh.window.factor", Rule.of(Kind.DECIMAL));
        rules.put("sasl.login.refresh.window.jitter", Rule.of(Kind.DECIMAL));
        rules.put("sasl.oauthbearer.token.endpoint.url", Rule.of(Kind.OAUTH_URL));
        rules.put("sasl.oauthbearer.jwks.endpoint.url", Rule.of(Kind.OAUTH_URL));
        rules.put("sasl.oauthbearer.scope.claim.name", Rule.of(Kind.TEXT));
        rules.put("sasl.oauthbearer.sub.claim.name", Rule.of(Kind.TEXT));
        rules.put("sasl.oauthbearer.clock.skew.seconds", Rule.of(Kind.NUMBER));
        rules.put("ssl.protocol", Rule.of(Kind.TEXT));
        rules.put("ssl.enabled.protocols", Rule.of(Kind.TEXT));
        rules.put("ssl.cipher.suites", Rule.of(Kind.TEXT));
        rules.put("ssl.endpoint.identification.algorithm", Rule.choice("https", ""));
        rules.put("ssl.truststore.type", Rule.choice("JKS", "PKCS12", "PEM"));
        rules.put("ssl.truststore.location", Rule.of(Kind.FILE));
        rules.put("ssl.truststore.password", Rule.of(Kind.CREDENTIAL));
        rules.put("ssl.truststore.certificates", Rule.of(Kind.CREDENTIAL));
        rules.put("ssl.keystore.type", Rule.choice("JKS", "PKCS12", "PEM"));
        rules.put("ssl.keystore.location", Rule.of(Kind.FILE));
        rules.put("ssl.keystore.password", Rule.of(Kind.CREDENTIAL));
        rules.put("ssl.key.password", Rule.of(Kind.CREDENTIAL));
        rules.put("ssl.keystore.key", Rule.of(Kind.CREDENTIAL));
        rules.put("ssl.keystore.certificate.chain", Rule.of(Kind.CREDENTIAL));
        rules.put("client.id", Rule.of(Kind.TEXT));
        rules.put("client.dns.lookup", Rule.choice("use_all_dns_ips", "resolve_canonical_bootstrap_servers_only"));
        rules.put("compression.type", Rule.choice("none", "gzip", "snappy", "lz4", "zstd"));
        for (String name : List.of("linger.ms", "batch.size", "buffer.memory", "request.timeout.ms",
                "delivery.timeout.ms", "max.block.ms", "retry.backoff.ms", "retry.backoff.max.ms",
                "reconnect.backoff.ms", "reconnect.backoff.max.ms", "socket.connection.setup.timeout.ms",
                "socket.connection.setup.timeout.max.ms", "connections.max.idle.ms", "metadata.max.age.ms",
                "send.buffer.bytes", "receive.buffer.bytes")) {
            rules.put(name, Rule.of(Kind.NUMBER));
        }
        return Collections.unmodifiableMap(rules);
    }

    /** Whether a name can stand in a field path and a message: allowed or not, it is a plain property name. */
    static boolean plainName(String name) {
        return name.length() <= 100 && NAME.matcher(name).matches();
    }

    /** Why a property name is refused, in words for an operator; null when it is on the allow-list. */
    static String nameRefusal(String name) {
        if (ALLOWED.containsKey(name)) {
            return null;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("config.providers") || lower.startsWith("config.providers.")) {
            return "is refused: a config provider reads files or runs code of its own; credentials are secret"
                    + " references (${env:NAME}, ${file:/path}, ${file:/path:key}) instead";
        }
        if (lower.endsWith(".class") || lower.endsWith(".classes")) {
            return "is refused: it names a class for the Kafka client to load and run";
        }
        if (lower.equals("metric.reporters") || lower.equals("security.providers")) {
            return "is refused: it names classes for the Kafka client to load and run";
        }
        if (lower.endsWith(".url") || lower.endsWith(".urls")) {
            return "is refused: it names a URL the Kafka client would fetch or read on its own";
        }
        if (lower.startsWith("sasl.kerberos.")) {
            return "is refused: Kerberos (GSSAPI) is not offered; sasl.mechanism is one of "
                    + String.join(", ", MECHANISMS);
        }
        if (!lower.equals(name) && ALLOWED.containsKey(lower)) {
            return "must be written in lower case, as Kafka names it: " + lower;
        }
        return "is not on the allow-list of Kafka client properties (docs/TRANSPORTS.md, \"kafka\")";
    }

    /**
     * Why a value is refused for an allowed property, in words that never repeat a credential; null when it is
     * accepted. Credentials are parsed as references elsewhere; this checks the other kinds.
     */
    static String valueRefusal(Rule rule, String value) {
        if (value.contains("${")) {
            // Kafka would read it as a config provider's placeholder
            return "must not contain ${: only credential properties take secret references";
        }
        return switch (rule.kind()) {
            case CHOICE -> rule.choices().contains(value) ? null
                    : "must be one of " + String.join(", ", rule.choices().stream()
                            .map(choice -> choice.isEmpty() ? "\"\"" : choice).toList());
            case NUMBER -> NUMBER.matcher(value).matches() ? null : "must be a whole number";
            case DECIMAL -> DECIMAL.matcher(value).matches() ? null : "must be a decimal number such as 0.8";
            case TEXT -> value.isBlank() || value.chars().anyMatch(Character::isISOControl)
                    ? "must be text without control characters" : null;
            case FILE -> null;
            case OAUTH_URL -> urlRefusal(value);
            case CREDENTIAL -> throw new IllegalArgumentException("credentials are references");
        };
    }

    /** An OAuth URL must be http(s) with a host: a {@code file:} URL would make the client read a local file. */
    private static String urlRefusal(String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null
                    && uri.getRawUserInfo() == null) {
                return null;
            }
        } catch (URISyntaxException e) {
            // refused below
        }
        return "must be an http(s) URL with a host and no user info (a file: URL would be read from this machine)";
    }

    /**
     * Why an OAuth URL is not on the operator's allow-list ({@code sendports.transport.kafka.oauth-allowed-urls},
     * exact matches, as Kafka's own {@code org.apache.kafka.sasl.oauthbearer.allowed.urls}); null when it is.
     */
    static String oauthRefusal(String url, List<String> allowed) {
        if (allowed.contains(url)) {
            return null;
        }
        return allowed.isEmpty()
                ? "is refused: no OAuth URL is allowed (sendports.transport.kafka.oauth-allowed-urls is not set)"
                : "is not one of sendports.transport.kafka.oauth-allowed-urls";
    }

    /** The names of the credential properties, for documentation and tests. */
    static Set<String> credentials() {
        Set<String> names = new java.util.TreeSet<>();
        ALLOWED.forEach((name, rule) -> {
            if (rule.kind() == Kind.CREDENTIAL) {
                names.add(name);
            }
        });
        return names;
    }
}
