package io.sendports.transport.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sendports.domain.FieldError;
import io.sendports.domain.Problems;
import io.sendports.domain.SecretPaths;
import io.sendports.domain.SecretReference;
import io.sendports.secret.SecretUnavailable;
import io.sendports.secret.Secrets;
import io.sendports.testsupport.OrderedMap;

/**
 * The rules for a kafka destination on another cluster (docs/TRANSPORTS.md, "kafka"): the allow-list of client
 * properties and every refused category, credentials only by reference, the SASL mechanism, the login modules of a
 * JAAS text however it hides them, OAuth URLs against the operator's allow-list, and the same rules again when the
 * producer's properties are built from what the references hold.
 */
class KafkaClusterRulesTest {
    private static final String SCRAM_JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required"
            + " username=\"sendports\" password=\"pw-Kq7-secret\";";
    private static final String JNDI = "com.sun.security.auth.module.JndiLoginModule";
    private final KafkaTransport transport = new KafkaTransport();

    private static Map<String, Object> scram(Object... more) {
        Map<String, Object> properties = OrderedMap.of("security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "${file:/run/secrets/kafka-b.jaas}");
        properties.putAll(OrderedMap.of(more));
        return properties;
    }

    private KafkaDestination parsed(Map<String, Object> options) {
        Problems problems = new Problems();
        KafkaDestination destination = transport.parse("kafka:orders", options, "transport", problems);
        assertTrue(problems.isEmpty(), problems.errors().toString());
        assertNotNull(destination);
        return destination;
    }

    /** The field errors, field to message; the destination must not have been made. */
    private Map<String, String> refused(Map<String, Object> options) {
        Problems problems = new Problems();
        KafkaDestination destination = transport.parse("kafka:orders", options, "transport", problems);
        assertNull(destination, "accepted " + options);
        assertFalse(problems.isEmpty());
        return problems.errors().stream().collect(Collectors.toMap(FieldError::field, FieldError::message, (a, b) -> a));
    }

    private Map<String, String> refusedProperty(String name, String value) {
        return refused(OrderedMap.of("bootstrapServers", "kafka-b:9093", "properties", scram(name, value)));
    }

    @Test
    void theApiExampleIsAcceptedAndWrittenBackAsWritten() {
        KafkaDestination destination = parsed(OrderedMap.of("bootstrapServers", "kafka-b:9093, kafka-c:9093",
                "properties", scram("client.id", "sendports-b", "linger.ms", "5", "ssl.truststore.location",
                        "/run/secrets/b.p12", "ssl.truststore.type", "PKCS12", "ssl.truststore.password",
                        "${env:B_TRUST}")));
        assertEquals("kafka:orders", destination.address());
        assertEquals("kafka-b:9093,kafka-c:9093", destination.options().get("bootstrapServers"));
        Map<String, Object> properties = OrderedMap.of("client.id", "sendports-b", "linger.ms", "5", "sasl.jaas.config",
                "${file:/run/secrets/kafka-b.jaas}", "sasl.mechanism", "SCRAM-SHA-512", "security.protocol", "SASL_SSL",
                "ssl.truststore.location", "/run/secrets/b.p12", "ssl.truststore.password", "${env:B_TRUST}",
                "ssl.truststore.type", "PKCS12");
        assertEquals(List.copyOf(new java.util.TreeSet<>(properties.keySet())),
                List.copyOf(((Map<?, ?>) destination.options().get("properties")).keySet()), "sorted by name");
        assertEquals(properties, new LinkedHashMap<>((Map<?, ?>) destination.options().get("properties")));
        // a topic of another cluster is not one of Sendports' own
        assertTrue(destination.localTopic().isEmpty());
        assertEquals(Map.of("options.properties.sasl.jaas.config", "${file:/run/secrets/kafka-b.jaas}",
                "options.properties.ssl.truststore.password", "${env:B_TRUST}",
                "options.properties.ssl.truststore.location", "${file:/run/secrets/b.p12}"),
                destination.secretReferences().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                        entry -> entry.getValue().toString())));
        // written back, it parses to the same destination
        assertEquals(destination, parsed(destination.options()));
    }

    @Test
    void withoutBootstrapServersTheTopicIsOnSendportsOwnClusterAndTakesNoProperties() {
        KafkaDestination local = parsed(Map.of());
        assertNull(local.cluster());
        assertEquals(Map.of(), local.options());
        assertEquals(java.util.Optional.of("orders"), local.localTopic());
        assertEquals(Map.of("transport.options.properties", "apply only to another cluster, named by"
                + " bootstrapServers; Sendports' own cluster is reached with its own client settings (the producer's"
                + " batching and compression are options.lingerMs, batchSize and compression)"),
                refused(OrderedMap.of("properties", OrderedMap.of("client.id", "x"))));
    }

    @Test
    void bootstrapServersMustBeHostPortPairs() {
        for (Object bad : List.of("kafka-b", "kafka-b:0", "kafka-b:65536", "kafka-b:9093,,kafka-c:9093",
                "PLAINTEXT://kafka-b:9093", "kafka b:9093", "-kafka:9093", "", 9093)) {
            Map<String, String> errors = refused(OrderedMap.of("bootstrapServers", bad));
            assertTrue(errors.containsKey("transport.options.bootstrapServers"), bad + ": " + errors);
        }
        assertEquals("[::1]:9093,10.0.0.7:9093", parsed(OrderedMap.of("bootstrapServers", "[::1]:9093,10.0.0.7:9093"))
                .cluster().bootstrapServers());
        assertEquals(Map.of(), parsed(OrderedMap.of("bootstrapServers", "kafka-b:9093")).cluster().settings(), "PLAINTEXT");
    }

    @Test
    void everyPropertyThatLoadsClassesOrReadsThroughConfigProvidersIsRefusedNamingTheField() {
        Map<String, String> reasons = Map.ofEntries(
                Map.entry("interceptor.classes", "class"),
                Map.entry("metric.reporters", "classes"),
                Map.entry("config.providers", "config provider"),
                Map.entry("config.providers.file.class", "config provider"),
                Map.entry("config.providers.dir.param.allowed.paths", "config provider"),
                Map.entry("sasl.client.callback.handler.class", "class"),
                Map.entry("sasl.login.callback.handler.class", "class"),
                Map.entry("sasl.login.class", "class"),
                Map.entry("sasl.oauthbearer.jwt.retriever.class", "class"),
                Map.entry("ssl.engine.factory.class", "class"),
                Map.entry("partitioner.class", "class"),
                Map.entry("key.serializer.class", "class"),
                Map.entry("security.providers", "classes"),
                Map.entry("sasl.kerberos.kinit.cmd", "Kerberos"),
                Map.entry("sasl.oauthbearer.assertion.template.url", "URL"),
                Map.entry("acks", "allow-list"),
                Map.entry("enable.idempotence", "allow-list"),
                Map.entry("transactional.id", "allow-list"),
                Map.entry("key.serializer", "allow-list"),
                Map.entry("sasl.oauthbearer.assertion.file", "allow-list"),
                Map.entry("Security.Protocol", "lower case"));
        reasons.forEach((name, reason) -> {
            Map<String, String> errors = refusedProperty(name, "x");
            String message = errors.get("transport.options.properties." + name);
            assertNotNull(message, name + ": " + errors);
            assertTrue(message.contains(reason), name + ": " + message);
        });
        // a name that is no property name is not repeated in the field path
        assertEquals(Map.of("transport.options.properties", "has a name that is not a Kafka client property name"
                + " (letters, digits, dots, - and _)"), refusedProperty("ssl.key\npassword", "x"));
    }

    @Test
    void aLiteralInACredentialPropertyIsRefusedWithoutRepeatingIt() {
        for (String name : List.of("sasl.jaas.config", "ssl.keystore.password", "ssl.key.password",
                "ssl.truststore.password", "ssl.keystore.key", "ssl.keystore.certificate.chain",
                "ssl.truststore.certificates")) {
            String literal = name.equals("sasl.jaas.config") ? SCRAM_JAAS : "pw-Kq7-literal";
            Map<String, String> errors = refusedProperty(name, literal);
            String message = errors.get("transport.options.properties." + name);
            assertNotNull(message, name + ": " + errors);
            assertTrue(message.contains("secret reference"), message);
            assertFalse(message.contains("pw-Kq7"), message);
        }
        assertEquals(KafkaClientProperties.credentials(), java.util.Set.of("sasl.jaas.config", "ssl.keystore.password",
                "ssl.key.password", "ssl.truststore.password", "ssl.keystore.key", "ssl.keystore.certificate.chain",
                "ssl.truststore.certificates"));
        // and a reference where the value itself belongs is refused too
        assertTrue(refusedProperty("client.id", "${env:CLIENT}").get("transport.options.properties.client.id")
                .contains("not a secret reference"));
        // nor can a plain value smuggle in a config provider's placeholder
        assertTrue(refusedProperty("client.id", "a${file:/etc/passwd:x}").get("transport.options.properties.client.id")
                .contains("${"));
    }

    @Test
    void theMechanismIsOneOfTheFourAndSaslNeedsItsMechanismAndJaasText() {
        for (String bad : List.of("GSSAPI", "scram-sha-512", "SCRAM-SHA-1", "")) {
            assertTrue(refusedProperty("sasl.mechanism", bad).get("transport.options.properties.sasl.mechanism")
                    .contains("PLAIN, SCRAM-SHA-256, SCRAM-SHA-512, OAUTHBEARER"), bad);
        }
        for (String good : KafkaClientProperties.MECHANISMS) {
            parsed(OrderedMap.of("bootstrapServers", "kafka-b:9093", "properties", scram("sasl.mechanism", good)));
        }
        Map<String, String> noMechanism = refused(OrderedMap.of("bootstrapServers", "kafka-b:9093", "properties",
                OrderedMap.of("security.protocol", "SASL_PLAINTEXT", "sasl.jaas.config", "${env:JAAS}")));
        assertTrue(noMechanism.get("transport.options.properties.sasl.mechanism").contains("GSSAPI"), noMechanism
                .toString());
        Map<String, String> noJaas = refused(OrderedMap.of("bootstrapServers", "kafka-b:9093", "properties",
                OrderedMap.of("security.protocol", "SASL_SSL", "sasl.mechanism", "PLAIN")));
        assertTrue(noJaas.containsKey("transport.options.properties.sasl.jaas.config"), noJaas.toString());
        Map<String, String> noSasl = refused(OrderedMap.of("bootstrapServers", "kafka-b:9093", "properties",
                OrderedMap.of("security.protocol", "SSL", "sasl.jaas.config", "${env:JAAS}")));
        assertTrue(noSasl.get("transport.options.properties.sasl.jaas.config").contains("only with"), noSasl
                .toString());
        assertTrue(refusedProperty("security.protocol", "SASL_PLAIN")
                .get("transport.options.properties.security.protocol").contains("SASL_PLAINTEXT"));
    }

    @Test
    void filePropertiesAreAbsolutePlainPathsAndNumbersAndChoicesAreChecked() {
        for (String bad : List.of("truststore.p12", "/run/../etc/passwd", "/run/secrets/b.p12:key", "/run//b.p12")) {
            assertTrue(refusedProperty("ssl.truststore.location", bad)
                    .get("transport.options.properties.ssl.truststore.location").contains("absolute path"), bad);
        }
        assertTrue(refusedProperty("linger.ms", "5 ms").get("transport.options.properties.linger.ms")
                .contains("whole number"));
        assertTrue(refusedProperty("compression.type", "brotli").get("transport.options.properties.compression.type")
                .contains("zstd"));
        assertTrue(refusedProperty("ssl.endpoint.identification.algorithm", "none")
                .get("transport.options.properties.ssl.endpoint.identification.algorithm").contains("https"));
        assertTrue(refused(OrderedMap.of("bootstrapServers", "kafka-b:9093", "properties", scram("linger.ms", 5)))
                .get("transport.options.properties.linger.ms").contains("string"));
    }

    @Test
    void oauthUrlsAreHttpAndOnlyThoseOnTheOperatorsAllowListPass() {
        Map<String, Object> oauth = OrderedMap.of("security.protocol", "SASL_SSL", "sasl.mechanism", "OAUTHBEARER",
                "sasl.jaas.config", "${env:JAAS}", "sasl.oauthbearer.token.endpoint.url", "https://idp.example/token");
        KafkaCluster cluster = parsed(OrderedMap.of("bootstrapServers", "kafka-b:9093", "properties", oauth)).cluster();
        assertEquals(Map.of("sasl.oauthbearer.token.endpoint.url", "https://idp.example/token"),
                cluster.settingsOf(KafkaClientProperties.Kind.OAUTH_URL));
        for (String bad : List.of("file:/etc/passwd", "file:///etc/shadow", "jar:http://x/!/y", "https://u:p@idp/t",
                "idp.example/token")) {
            Map<String, Object> properties = new LinkedHashMap<>(oauth);
            properties.put("sasl.oauthbearer.jwks.endpoint.url", bad);
            assertTrue(refused(OrderedMap.of("bootstrapServers", "kafka-b:9093", "properties", properties))
                    .get("transport.options.properties.sasl.oauthbearer.jwks.endpoint.url").contains("http(s) URL"),
                    bad);
        }
        assertTrue(refusedProperty("sasl.oauthbearer.token.endpoint.url", "https://idp.example/token")
                .get("transport.options.properties.sasl.oauthbearer.token.endpoint.url").contains("OAUTHBEARER"));
        assertTrue(KafkaClientProperties.oauthRefusal("https://idp.example/token", List.of()).contains("not set"));
        assertTrue(KafkaClientProperties.oauthRefusal("https://idp.example/token",
                List.of("https://idp.example/token2")).contains("not one of"));
        assertNull(KafkaClientProperties.oauthRefusal("https://idp.example/token",
                List.of("https://other/x", "https://idp.example/token")));
    }

    @Test
    void jaasTextWithKafkasOwnModulesPassesWithItsMechanism() {
        assertNull(JaasModules.refusal(SCRAM_JAAS, "SCRAM-SHA-512"));
        assertNull(JaasModules.refusal(SCRAM_JAAS, "SCRAM-SHA-256"));
        assertNull(JaasModules.refusal(" \t\n" + SCRAM_JAAS.replace(" ", "\n\t ") + "\n", "SCRAM-SHA-512"));
        assertNull(JaasModules.refusal("org.apache.kafka.common.security.plain.PlainLoginModule required"
                + " username='u' password='p'; // a comment", "PLAIN"));
        assertNull(JaasModules.refusal("org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule"
                + " required;", "OAUTHBEARER"));
        assertTrue(JaasModules.refusal(SCRAM_JAAS, "PLAIN").contains("does not go with sasl.mechanism PLAIN"));
    }

    @Test
    void jaasTextNamingAnyOtherModuleIsRefusedHoweverItHidesIt() {
        String jndi = JNDI + " required user.provider.url=\"ldap://attacker/x\" useFirstPass=true;";
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("JndiLoginModule", jndi);
        texts.put("LdapLoginModule", "com.sun.security.auth.module.LdapLoginModule required"
                + " userProvider=\"ldap://attacker/\";");
        texts.put("Krb5LoginModule", "com.sun.security.auth.module.Krb5LoginModule required useKeyTab=true;");
        texts.put("hidden after a permitted one", SCRAM_JAAS + " " + jndi);
        texts.put("hidden after a permitted one, no space", SCRAM_JAAS + jndi);
        texts.put("a permitted one in a block comment", "/* " + SCRAM_JAAS + " */ " + jndi);
        texts.put("a permitted one in a line comment", "// org.apache.kafka.common.security.scram.ScramLoginModule\n"
                + jndi);
        texts.put("quoted", "\"" + JNDI + "\" required;");
        texts.put("mixed case", SCRAM_JAAS.replace("ScramLoginModule", "scramloginmodule"));
        texts.put("a look-alike", SCRAM_JAAS.replace("org.apache.kafka", "org.apache.kafka.evil"));
        texts.put("a permitted name as an option", "evil.Module required module="
                + "\"org.apache.kafka.common.security.scram.ScramLoginModule\";");
        texts.put("two permitted ones", SCRAM_JAAS + SCRAM_JAAS);
        texts.put("not terminated", SCRAM_JAAS.substring(0, SCRAM_JAAS.length() - 1));
        texts.put("a control flag Kafka does not know", SCRAM_JAAS.replace(" required ", " mandatory "));
        texts.put("empty", "  /* nothing */ ");
        texts.put("a password file", "pw-Kq7-secret");
        texts.forEach((trick, text) -> {
            String refusal = JaasModules.refusal(text, "SCRAM-SHA-512");
            assertNotNull(refusal, trick);
            assertFalse(refusal.contains("pw-Kq7") || refusal.contains("attacker") || refusal.contains("evil"),
                    trick + ": " + refusal);
        });
        assertTrue(JaasModules.refusal(texts.get("hidden after a permitted one"), "SCRAM-SHA-512").contains(JNDI));
        assertTrue(JaasModules.refusal(texts.get("a permitted one in a block comment"), "SCRAM-SHA-512")
                .contains(JNDI));
        assertTrue(JaasModules.refusal(texts.get("quoted"), "SCRAM-SHA-512").contains(JNDI));
        assertTrue(JaasModules.refusal(texts.get("two permitted ones"), "SCRAM-SHA-512").contains("exactly one"));
    }

    @Test
    void theProducersPropertiesAreCheckedAgainOnWhatTheReferencesHoldNow(@TempDir Path base) throws Exception {
        Path allowed = Files.createDirectories(base.resolve("secrets")).toRealPath();
        Secrets secrets = new Secrets(SecretPaths.of(List.of(allowed)), Map.of("TRUST_PW", "tp-Kq7-secret")::get);
        Path jaas = Files.writeString(allowed.resolve("b.jaas"), SCRAM_JAAS);
        Path truststore = Files.writeString(allowed.resolve("b.p12"), "not really a store");
        KafkaCluster cluster = parsed(OrderedMap.of("bootstrapServers", "kafka-b:9093", "properties", OrderedMap.of(
                "security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "${file:" + jaas + "}", "ssl.truststore.location", truststore.toString(),
                "ssl.truststore.password", "${env:TRUST_PW}"))).cluster();
        Map<String, Object> properties = KafkaClusterClients.clientProperties(cluster, secrets, List.of());
        assertEquals(SCRAM_JAAS, properties.get("sasl.jaas.config"));
        assertEquals("tp-Kq7-secret", properties.get("ssl.truststore.password"));
        assertEquals(truststore.toString(), properties.get("ssl.truststore.location"));
        assertEquals("SASL_SSL", properties.get("security.protocol"));

        // the file now names another module: the next producer is not built, and the refusal shows no content
        Files.writeString(jaas, SCRAM_JAAS + " " + JNDI + " required;");
        KafkaClusterRefused refused = assertThrows(KafkaClusterRefused.class,
                () -> KafkaClusterClients.clientProperties(cluster, secrets, List.of()));
        assertTrue(refused.getMessage().contains("sasl.jaas.config (${file:" + jaas + "})"), refused.getMessage());
        assertTrue(refused.getMessage().contains(JNDI), refused.getMessage());
        assertFalse(refused.getMessage().contains("pw-Kq7"), refused.getMessage());

        // a truststore that became a link out of the allowed directory is not handed to the client
        Files.writeString(jaas, SCRAM_JAAS);
        Path outside = Files.writeString(base.resolve("outside.p12"), "elsewhere");
        Files.delete(truststore);
        Files.createSymbolicLink(truststore, outside);
        SecretUnavailable link = assertThrows(SecretUnavailable.class,
                () -> KafkaClusterClients.clientProperties(cluster, secrets, List.of()));
        assertEquals(SecretUnavailable.Reason.NOT_ALLOWED, link.reason());
    }

    @Test
    void anOauthUrlIsCheckedAgainstTheAllowListAsConfiguredWhenTheProducerIsBuilt(@TempDir Path base) {
        Secrets secrets = new Secrets(SecretPaths.of(List.of(base)), Map.of("JAAS",
                "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required;")::get);
        KafkaCluster cluster = parsed(OrderedMap.of("bootstrapServers", "kafka-b:9093", "properties", OrderedMap.of(
                "security.protocol", "SASL_SSL", "sasl.mechanism", "OAUTHBEARER", "sasl.jaas.config", "${env:JAAS}",
                "sasl.oauthbearer.token.endpoint.url", "https://idp.example/token"))).cluster();
        KafkaClusterRefused refused = assertThrows(KafkaClusterRefused.class,
                () -> KafkaClusterClients.clientProperties(cluster, secrets, List.of()));
        assertTrue(refused.getMessage().contains("sasl.oauthbearer.token.endpoint.url"), refused.getMessage());
        assertEquals("https://idp.example/token", KafkaClusterClients.clientProperties(cluster, secrets,
                List.of("https://idp.example/token")).get("sasl.oauthbearer.token.endpoint.url"));
    }

    @Test
    void theEndpointUriHoldsReferencesAndTheProducersOptionsNeverAValue() {
        KafkaDestination destination = parsed(OrderedMap.of("bootstrapServers", "kafka-b:9093", "properties",
                scram("client.id", "a b&c=d")));
        String uri = transport.endpointUri(destination, io.sendports.transport.Transport.EndpointUse.of(false, false));
        assertTrue(uri.startsWith("sendports-kafka:orders?bootstrapServers=kafka-b~3A9093&"), uri);
        assertTrue(uri.contains("&property.sasl.jaas.config=~24~7Bfile~3A/run/secrets/kafka-b.jaas~7D"), uri);
        assertTrue(uri.contains("&property.client.id=a~20b~26c~3Dd&"), uri);
        assertTrue(uri.endsWith(KafkaTransport.PRODUCER + "&producerBatchSize=65536"), uri);
        // Sendports' own cluster keeps its endpoint as it was
        assertEquals("kafka:orders?" + KafkaTransport.PRODUCER + "&producerBatchSize=65536", transport.endpointUri(parsed(Map.of()),
                io.sendports.transport.Transport.EndpointUse.of(false, false)));
        SecretReference reference = destination.secretReferences().get("options.properties.sasl.jaas.config");
        assertEquals("${file:/run/secrets/kafka-b.jaas}", reference.toString());
    }

    @Test
    void theDocumentedAllowListIsTheOneTheCodeApplies() throws Exception {
        String doc = Files.readString(Path.of("docs", "TRANSPORTS.md"));
        String table = doc.substring(doc.indexOf("### The allow-list"), doc.indexOf("### What is refused"));
        java.util.Set<String> documented = new java.util.TreeSet<>();
        for (String line : table.split("\n")) {
            if (line.startsWith("| `")) {
                java.util.regex.Matcher names = java.util.regex.Pattern.compile("`([a-z.]+)`")
                        .matcher(line.substring(0, line.indexOf(" | ", 2)));
                while (names.find()) {
                    documented.add(names.group(1));
                }
            }
        }
        assertEquals(new java.util.TreeSet<>(KafkaClientProperties.ALLOWED.keySet()), documented);
    }
}
