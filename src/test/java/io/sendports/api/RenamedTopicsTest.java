package io.sendports.api;

import static io.restassured.RestAssured.given;
import static io.sendports.testsupport.Api.action;
import static io.sendports.testsupport.Api.create;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.sendports.testsupport.Api;
import io.sendports.testsupport.KafkaTestResource;
import io.sendports.testsupport.TestKafka;

/**
 * Sendports' own topics renamed with {@code sendports.topics.*} are as reserved as the default names
 * (DESIGN.md §7): no port subscribes to them or delivers to them, and the publish endpoint refuses them.
 */
@QuarkusTest
@TestProfile(RenamedTopicsTest.Renamed.class)
@WithTestResource(KafkaTestResource.class)
class RenamedTopicsTest {
    private static final String PROBLEM = "application/problem+json";

    /** Sendports' topics under other names. */
    public static class Renamed implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sendports.topics.control", "acme.control", "sendports.topics.suspended", "acme.suspended",
                    "sendports.topics.retry", "acme.retry");
        }
    }

    private static String kafka(String topic) {
        return "{\"type\":\"kafka\",\"address\":\"kafka:" + topic + "\"}";
    }

    private static List<String> fields(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/send-ports")
                .then().statusCode(400).header("Content-Type", startsWith(PROBLEM))
                .extract().jsonPath().getList("errors.field");
    }

    @ParameterizedTest
    @ValueSource(strings = {"acme.control", "acme.suspended", "acme.retry", "acme_retry", "sendports.control"})
    void portsCannotDeliverToOrSubscribeToThem(String topic) {
        assertTrue(fields(Api.staticPort("to-own", "orders", kafka(topic), null)).contains("transport.address"));
        String withBackup = Api.staticPort("to-own", "orders", kafka("orders-copy"), null);
        withBackup = withBackup.substring(0, withBackup.length() - 1) + ",\"backupTransport\":" + kafka(topic) + "}";
        assertTrue(fields(withBackup).contains("backupTransport.address"));
        assertTrue(fields(Api.staticPort("from-own", topic, kafka("orders-copy"), null)).contains("subscription.topics[0]"));
        assertTrue(fields("{\"name\":\"answer-own\",\"kind\":\"static\",\"pattern\":\"solicit-response\","
                + "\"subscription\":{\"topics\":[\"orders\"]},\"transport\":{\"type\":\"http\",\"address\":\"http://h/x\"},"
                + "\"responseTopic\":\"" + topic + "\"}").contains("responseTopic"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"acme.control", "acme.suspended", "acme.retry"})
    void theyCannotBePublishedTo(String topic) {
        given().contentType(ContentType.JSON).body("{\"value\":\"x\"}").post("/api/topics/" + topic + "/messages")
                .then().statusCode(400).header("Content-Type", startsWith(PROBLEM))
                .body("errors.field", hasItem("topic"));
    }

    @Test
    void aRecordFromAnotherToolThatUsesThemIsSkipped() {
        // written straight to the control topic, past the REST checks
        TestKafka.publish("acme.control", "port/tool-made",
                Api.staticPort("tool-made", "orders", kafka("acme.retry"), null), Map.of());
        // a port created through the API is read back after the record published before it
        create(Api.staticPort("tool-marker", "orders", kafka("orders-copy"), null)).statusCode(201);
        Api.get("tool-made").statusCode(404);
        Api.delete("tool-marker").statusCode(204);
    }

    @Test
    void aDynamicPortRefusesThemAtDelivery() {
        String topic = TestKafka.uniqueTopic("renamed-dyn");
        create("{\"name\":\"renamed-dyn\",\"kind\":\"dynamic\",\"pattern\":\"one-way\",\"subscription\":{\"topics\":[\""
                + topic + "\"]},\"allowedDestinations\":[\"kafka:*\"]}").statusCode(201);
        action("renamed-dyn", "start").statusCode(200);
        TestKafka.publish(topic, "k", "{\"name\":\"smuggled\",\"kind\":\"static\"}",
                Map.of("sendports.address", "kafka:acme.control"));
        Duration wait = Duration.ofSeconds(30);
        await().atMost(wait).until(() -> !JsonPath.from(given().get("/api/suspended-messages?port=renamed-dyn").asString())
                .getList("id").isEmpty());
        given().get("/api/suspended-messages?port=renamed-dyn").then()
                .body("[0].error", org.hamcrest.Matchers.containsString("reserved"));
        Api.get("smuggled").statusCode(404);
        action("renamed-dyn", "unenlist").statusCode(200).body("state", equalTo("unenlisted"));
    }
}
