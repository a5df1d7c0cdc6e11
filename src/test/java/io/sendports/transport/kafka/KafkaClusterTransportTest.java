package io.sendports.transport.kafka;

import static io.restassured.RestAssured.given;
import static io.sendports.testsupport.Api.action;
import static io.sendports.testsupport.Api.create;
import static io.sendports.testsupport.Api.get;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.sendports.domain.SecretPaths;
import io.sendports.testsupport.CapturedLog;
import io.sendports.testsupport.KafkaTestResource;
import io.sendports.testsupport.TestKafka;

/**
 * The kafka transport to another cluster (API.md "Secret references"): a second real broker in the test's JVM whose
 * listener takes SASL/SCRAM-SHA-512 only ({@link ScramBroker}), a static port defined through the REST API whose
 * destination names it by {@code bootstrapServers} and client properties, the JAAS text by a {@code ${file:...}}
 * reference under {@code target/test-secrets/kafka}. Records published to Sendports' own cluster arrive on the other
 * one with their key, value and headers, through a primary or a backup transport; a wrong password delivers nothing;
 * what the rules refuse is 400 over HTTP; a JAAS file rewritten to a forbidden login module keeps the port from
 * starting; and the password is in no answer, control record, suspended record, log line, endpoint URI or route.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaClusterTransportTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Path SECRETS = Path.of("target", "test-secrets", "kafka").toAbsolutePath();
    private static final String PASSWORD = "pw-Kb4-" + Long.toHexString(Double.doubleToLongBits(Math.random()));
    private static final String WRONG = "pw-Kb4-wrong-one";
    private static final CapturedLog LOG = new CapturedLog();
    private static ScramBroker broker;

    @Inject
    CamelContext camel;

    @BeforeAll
    static void startTheOtherCluster() throws Exception {
        Files.createDirectories(SECRETS);
        LOG.start();
        broker = ScramBroker.start(PASSWORD);
    }

    @AfterAll
    static void stopTheOtherCluster() {
        LOG.stop();
        if (broker != null) {
            broker.close();
        }
    }

    /** The API answers 503 until the application has read its topics (when this class is the first to run). */
    @BeforeEach
    void ready() {
        await().atMost(Duration.ofSeconds(60)).until(() -> given().get("/q/health/ready").statusCode() == 200);
    }

    private static Path jaas(String name, String module, String password) throws IOException {
        return Files.writeString(SECRETS.resolve(name), module + " required username=\"" + ScramBroker.USER
                + "\" password=\"" + password + "\";\n", StandardCharsets.UTF_8);
    }

    /** A kafka transport to a topic of the other cluster over SASL/SCRAM-SHA-512 with this JAAS reference. */
    private static String kafkaB(String topic, String jaasReference) {
        return "{\"type\":\"kafka\",\"address\":\"kafka:" + topic + "\",\"options\":{\"bootstrapServers\":\""
                + broker.saslServers() + "\",\"properties\":{\"security.protocol\":\"SASL_PLAINTEXT\","
                + "\"sasl.mechanism\":\"SCRAM-SHA-512\",\"sasl.jaas.config\":\"" + jaasReference + "\"}}}";
    }

    /** A static one-way port with two retries a minute apart, so that a retry would show as one. */
    private static String port(String name, String topic, String transport) {
        return "{\"name\":\"" + name + "\",\"kind\":\"static\",\"pattern\":\"one-way\",\"subscription\":{\"topics\":[\""
                + topic + "\"]},\"retry\":{\"count\":2,\"interval\":\"PT1M\"},\"transport\":" + transport + "}";
    }

    private static List<Map<String, Object>> suspended(String port) {
        return JsonPath.from(given().get("/api/suspended-messages?port=" + port).asString()).getList("$");
    }

    @Test
    @Order(1)
    void recordsReachATopicOfTheOtherClusterWithTheirKeyValueAndHeaders() throws Exception {
        String source = TestKafka.uniqueTopic("kafka-b-source");
        String target = TestKafka.uniqueTopic("kafka-b-target");
        broker.createTopic(target);
        Path file = jaas("kafka-b.jaas", JaasModules.SCRAM, PASSWORD);
        String reference = "${file:" + file + "}";
        create(port("kafka-b", source, kafkaB(target, reference))).statusCode(201)
                .body("transport.options.bootstrapServers", equalTo(broker.saslServers()))
                .body("transport.options.properties.'sasl.jaas.config'", equalTo(reference));
        action("kafka-b", "start").statusCode(200);

        TestKafka.publish(source, "k1", "first to b", Map.of("region", "eu", "trace", "t-1"));
        TestKafka.publish(source, "k2", "second to b", Map.of());
        List<ConsumerRecord<byte[], byte[]>> records = broker.read(target, 2, WAIT);
        assertEquals(2, records.size(), "suspended: " + suspended("kafka-b"));
        ConsumerRecord<byte[], byte[]> first = records.get(0);
        assertEquals("k1", TestKafka.text(first.key()));
        assertEquals("first to b", TestKafka.text(first.value()));
        assertEquals("eu", TestKafka.header(first, "region"));
        assertEquals("t-1", TestKafka.header(first, "trace"));
        assertEquals("k2", TestKafka.text(records.get(1).key()));
        assertEquals("second to b", TestKafka.text(records.get(1).value()));
        // the topic is the other cluster's: Sendports' own has no such records
        assertEquals(List.of(), TestKafka.read(target, 1, Duration.ofSeconds(2)));
        get("kafka-b").statusCode(200).body("status.delivered", equalTo(2)).body("status.lastError", equalTo(null));

        // the endpoint names the component, the topic and the reference, never what the file holds
        List<String> uris = camel.getEndpoints().stream().map(Endpoint::getEndpointUri).toList();
        assertTrue(uris.stream().anyMatch(uri -> uri.startsWith(KafkaClusterComponent.SCHEME + "://" + target + "?")),
                uris.toString());
        action("kafka-b", "stop").statusCode(200);
    }

    @Test
    @Order(2)
    void aWrongPasswordDeliversNothingAndTheMessageIsSuspendedAtOnceWithTheReason() throws Exception {
        String source = TestKafka.uniqueTopic("kafka-b-wrong-source");
        String target = TestKafka.uniqueTopic("kafka-b-wrong-target");
        broker.createTopic(target);
        Path file = jaas("kafka-b-wrong.jaas", JaasModules.SCRAM, WRONG);
        create(port("kafka-b-wrong", source, kafkaB(target, "${file:" + file + "}"))).statusCode(201);
        action("kafka-b-wrong", "start").statusCode(200);

        TestKafka.publish(source, "k", "never arrives", Map.of());
        await().atMost(WAIT).until(() -> suspended("kafka-b-wrong").size() == 1);
        Map<String, Object> message = suspended("kafka-b-wrong").get(0);
        // a failed authentication is not retried: the retries a minute apart are not waited for
        assertEquals(1, message.get("attempts"), message.toString());
        String error = String.valueOf(message.get("error"));
        assertTrue(error.contains("kafka authentication failed") && error.contains("SCRAM-SHA-512"), error);
        assertFalse(error.contains(WRONG), error);
        assertEquals(List.of(), broker.read(target, 1, Duration.ofSeconds(2)));
        action("kafka-b-wrong", "stop").statusCode(200);
    }

    @Test
    @Order(3)
    void aBackupTransportOnTheOtherClusterTakesWhatThePrimaryCouldNotDeliver() throws Exception {
        String source = TestKafka.uniqueTopic("kafka-b-backup-source");
        String backup = TestKafka.uniqueTopic("kafka-b-backup-target");
        broker.createTopic(backup);
        Path right = jaas("kafka-b-backup.jaas", JaasModules.SCRAM, PASSWORD);
        // the primary is a cluster nobody listens for: its producer gives up after max.block.ms, which is retryable,
        // and with no retries left the backup takes the message (a failed login would be suspended at once)
        String unreachable = "{\"type\":\"kafka\",\"address\":\"kafka:" + backup + "\",\"options\":{"
                + "\"bootstrapServers\":\"localhost:" + io.sendports.broker.KafkaBroker.freePort() + "\","
                + "\"properties\":{\"max.block.ms\":\"1000\"}}}";
        String definition = "{\"name\":\"kafka-b-backup\",\"kind\":\"static\",\"pattern\":\"one-way\","
                + "\"subscription\":{\"topics\":[\"" + source + "\"]},\"retry\":{\"count\":0,\"interval\":\"PT1M\"},"
                + "\"transport\":" + unreachable + ",\"backupTransport\":"
                + kafkaB(backup, "${file:" + right + "}").replaceFirst("}$", ",\"retry\":{\"count\":0,"
                        + "\"interval\":\"PT1M\"}}") + "}";
        create(definition).statusCode(201)
                .body("transport.options.properties.'max.block.ms'", equalTo("1000"))
                .body("backupTransport.options.properties.'sasl.jaas.config'", equalTo("${file:" + right + "}"));
        action("kafka-b-backup", "start").statusCode(200);

        TestKafka.publish(source, "kb", "to the backup", Map.of("h", "v"));
        List<ConsumerRecord<byte[], byte[]>> records = broker.read(backup, 1, WAIT);
        assertEquals(1, records.size(), "suspended: " + suspended("kafka-b-backup"));
        assertEquals("to the backup", TestKafka.text(records.get(0).value()));
        assertEquals("kb", TestKafka.text(records.get(0).key()));
        assertEquals("v", TestKafka.header(records.get(0), "h"));
        assertEquals(List.of(), suspended("kafka-b-backup"));
        action("kafka-b-backup", "unenlist").statusCode(200);
    }

    @Test
    @Order(4)
    void whatTheRulesRefuseIsA400NamingTheFieldAndRepeatingNoSecret() throws Exception {
        String literal = kafkaB("orders-b", JaasModules.SCRAM + " required username=\\\"u\\\" password=\\\""
                + PASSWORD + "\\\";");
        String body = given().contentType(ContentType.JSON).body(port("kafka-b-literal", "orders", literal))
                .post("/api/send-ports").then().statusCode(400)
                .body("errors.field", hasItem("transport.options.properties.sasl.jaas.config")).extract().asString();
        assertFalse(body.contains(PASSWORD), body);

        String interceptor = kafkaB("orders-b", "${file:" + SECRETS.resolve("kafka-b.jaas") + "}").replace(
                "\"security.protocol\"", "\"interceptor.classes\":\"evil.Interceptor\",\"security.protocol\"");
        given().contentType(ContentType.JSON).body(port("kafka-b-interceptor", "orders", interceptor))
                .post("/api/send-ports").then().statusCode(400)
                .body("errors.field", hasItem("transport.options.properties.interceptor.classes"))
                .body("errors.message", hasItem(containsString("class")));

        Path jndi = jaas("kafka-b-jndi.jaas", "com.sun.security.auth.module.JndiLoginModule", PASSWORD);
        body = given().contentType(ContentType.JSON).body(port("kafka-b-jndi", "orders",
                kafkaB("orders-b", "${file:" + jndi + "}"))).post("/api/send-ports").then().statusCode(400)
                .body("errors.field", hasItem("transport.options.properties.sasl.jaas.config"))
                .body("errors.message", hasItem(containsString("JndiLoginModule that is not allowed")))
                .extract().asString();
        assertFalse(body.contains(PASSWORD), body);

        given().contentType(ContentType.JSON).body(port("kafka-b-outside", "orders",
                kafkaB("orders-b", "${file:/etc/kafka-b.jaas}"))).post("/api/send-ports").then().statusCode(400)
                .body("errors.field", hasItem("transport.options.properties.sasl.jaas.config"))
                .body("errors.message", hasItem(containsString(SecretPaths.SETTING)));

        String oauth = "{\"type\":\"kafka\",\"address\":\"kafka:orders-b\",\"options\":{\"bootstrapServers\":\""
                + broker.saslServers() + "\",\"properties\":{\"security.protocol\":\"SASL_SSL\",\"sasl.mechanism\":"
                + "\"OAUTHBEARER\",\"sasl.jaas.config\":\"${env:KAFKA_B_JAAS}\",\"ssl.truststore.location\":"
                + "\"/etc/ssl/b.p12\",\"sasl.oauthbearer.token.endpoint.url\":\"https://idp.example/token\"}}}";
        given().contentType(ContentType.JSON).body(port("kafka-b-oauth", "orders", oauth)).post("/api/send-ports")
                .then().statusCode(400)
                .body("errors.field", hasItem("transport.options.properties.sasl.oauthbearer.token.endpoint.url"))
                .body("errors.field", hasItem("transport.options.properties.ssl.truststore.location"))
                .body("errors.message", hasItem(containsString("oauth-allowed-urls is not set")));

        String dynamic = "{\"name\":\"kafka-b-dynamic\",\"kind\":\"dynamic\",\"pattern\":\"one-way\",\"subscription\":"
                + "{\"topics\":[\"orders\"]},\"allowedDestinations\":[\"kafka:orders-*\"],\"transport\":"
                + kafkaB("orders-b", "${env:KAFKA_B_JAAS}") + "}";
        given().contentType(ContentType.JSON).body(dynamic).post("/api/send-ports").then().statusCode(400)
                .body("errors.field", hasItem("transport"));
        for (String name : List.of("kafka-b-literal", "kafka-b-interceptor", "kafka-b-jndi", "kafka-b-outside",
                "kafka-b-oauth", "kafka-b-dynamic")) {
            get(name).statusCode(404);
        }
    }

    @Test
    @Order(5)
    void aJaasFileRewrittenToAForbiddenModuleKeepsThePortFromStartingAndDeliversNothing() throws Exception {
        String source = TestKafka.uniqueTopic("kafka-b-swap-source");
        String target = TestKafka.uniqueTopic("kafka-b-swap-target");
        broker.createTopic(target);
        Path file = jaas("kafka-b-swap.jaas", JaasModules.SCRAM, PASSWORD);
        create(port("kafka-b-swap", source, kafkaB(target, "${file:" + file + "}"))).statusCode(201);
        // the file changes after the definition was checked: the producer's build checks it again
        Files.writeString(file, Files.readString(file) + "com.sun.security.auth.module.LdapLoginModule required"
                + " userProvider=\"ldap://localhost:1/\";\n");
        action("kafka-b-swap", "start");
        await().atMost(WAIT).untilAsserted(() -> get("kafka-b-swap").statusCode(200)
                .body("status.running", equalTo(false))
                .body("status.lastError", containsString("sasl.jaas.config (${file:" + file + "})"))
                .body("status.lastError", containsString("LdapLoginModule that is not allowed")));
        String status = get("kafka-b-swap").extract().asString();
        assertFalse(status.contains(PASSWORD), status);
        TestKafka.publish(source, "k", "must not go", Map.of());
        assertEquals(List.of(), broker.read(target, 1, Duration.ofSeconds(3)));
        action("kafka-b-swap", "unenlist").statusCode(200);
    }

    @Test
    @Order(6)
    void thePasswordIsInNoAnswerControlRecordSuspendedRecordLogLineEndpointOrRoute() {
        List<String> places = new ArrayList<>();
        for (String port : List.of("kafka-b", "kafka-b-wrong", "kafka-b-backup", "kafka-b-swap")) {
            places.add("GET " + port + ": " + get(port).statusCode(200).extract().asString());
        }
        places.add("list: " + given().get("/api/send-ports").then().statusCode(200).extract().asString());
        String id = String.valueOf(suspended("kafka-b-wrong").get(0).get("id"));
        places.add("suspended: " + given().get("/api/suspended-messages/" + id).then().statusCode(200).extract()
                .asString());
        List<String> control = TestKafka.texts("sendports.control");
        assertTrue(control.stream().anyMatch(record -> record.contains("kafka-b.jaas")), "the control topic was read");
        places.addAll(control.stream().map(record -> "control record: " + record).toList());
        List<String> suspendedRecords = TestKafka.texts("sendports.suspended");
        assertTrue(suspendedRecords.stream().anyMatch(record -> record.contains("never arrives")),
                "the suspended records were read");
        places.addAll(suspendedRecords.stream().map(record -> "suspended record: " + record).toList());
        List<String> log = LOG.lines();
        assertTrue(log.stream().anyMatch(line -> line.contains("kafka-b-swap")), "the log was captured: " + log.size());
        places.addAll(log.stream().map(line -> "log: " + line).toList());
        places.addAll(camel.getEndpoints().stream().map(endpoint -> "endpoint: " + endpoint.getEndpointUri()).toList());
        places.addAll(camel.getRoutes().stream().map(route -> "route: " + route.getRouteId() + " "
                + route.getEndpoint().getEndpointUri() + " " + route.getProperties()).toList());
        assertTrue(places.stream().anyMatch(place -> place.startsWith("endpoint: " + KafkaClusterComponent.SCHEME)),
                "the endpoints were read");
        for (String place : places) {
            assertFalse(place.contains(PASSWORD), "the password is in " + place);
            assertFalse(place.contains(WRONG), "the wrong password is in " + place);
        }
        for (String port : List.of("kafka-b", "kafka-b-wrong")) {
            action(port, "unenlist").statusCode(200);
        }
    }
}
