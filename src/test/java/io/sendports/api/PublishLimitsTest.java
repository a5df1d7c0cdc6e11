package io.sendports.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.sendports.testsupport.Api;
import io.sendports.testsupport.KafkaTestResource;
import io.sendports.testsupport.TestKafka;

/**
 * {@code POST /api/topics/{topic}/messages} against API.md "Limits" and DESIGN.md §7: Sendports' own topics
 * are refused, a record larger than its topic takes is a 413 problem, and the body is strict JSON.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class PublishLimitsTest {
    private static final String PROBLEM = "application/problem+json";

    @ParameterizedTest
    @ValueSource(strings = {"sendports.control", "sendports.suspended", "sendports.retry", "sendports_control",
            "__consumer_offsets"})
    void sendportsOwnTopicsAreRefused(String topic) {
        String port = "smuggled-" + Math.abs(topic.hashCode());
        // a valid port record: published to the control topic, it would create and start a port
        String definition = Api.staticPort(port, "orders", "{\"type\":\"kafka\",\"address\":\"kafka:copy\"}", null);
        definition = definition.substring(0, definition.length() - 1) + ",\"state\":\"started\"}";
        String record = "{\"key\":\"port/" + port + "\",\"value\":" + quoted(definition) + "}";
        given().contentType(ContentType.JSON).body(record).post("/api/topics/" + topic + "/messages")
                .then().statusCode(400).header("Content-Type", startsWith(PROBLEM))
                .body("errors[0].field", equalTo("topic"));
        // a port created through the API is read back from the control topic after anything published before it
        String marker = port + "-marker";
        Api.create(Api.staticPort(marker, "orders", "{\"type\":\"kafka\",\"address\":\"kafka:orders-copy\"}", null))
                .statusCode(201);
        Api.get(port).statusCode(404);
        Api.delete(marker).statusCode(204);
    }

    private static String quoted(String json) {
        return "\"" + json.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Test
    void aRecordLargerThanTheTopicTakesIsA413NamingTheLimit() throws Exception {
        String topic = TestKafka.uniqueTopic("small");
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaTestResource.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(Map.of("max.message.bytes", "100000"))))
                    .all().get(30, TimeUnit.SECONDS);
        }
        given().contentType(ContentType.JSON).body("{\"value\":\"" + "x".repeat(150_000) + "\"}")
                .post("/api/topics/" + topic + "/messages")
                .then().statusCode(413).header("Content-Type", startsWith(PROBLEM))
                .body("status", equalTo(413))
                .body("detail", containsString("100000"));
        given().contentType(ContentType.JSON).body("{\"value\":\"fits\"}").post("/api/topics/" + topic + "/messages")
                .then().statusCode(201);
    }

    @Test
    void aValueOf1_1MbToATopicOfKafkasDefaultLimitIsA413() {
        given().contentType(ContentType.JSON).body("{\"value\":\"" + "x".repeat(1_100_000) + "\"}")
                .post("/api/topics/" + TestKafka.uniqueTopic("default-limit") + "/messages")
                .then().statusCode(413).header("Content-Type", startsWith(PROBLEM))
                .body("detail", containsString("1048588"));
    }

    @Test
    void aBodyOverTheHttpLimitIsA413Problem() throws Exception {
        String body = "{\"value\":\"" + "x".repeat(21 * 1024 * 1024) + "\"}";
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + RestAssured.port + "/api/topics/huge/messages"))
                .header("Content-Type", "application/json")
                .header("Authorization", io.sendports.testsupport.TestUsers.admin())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(413, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith(PROBLEM),
                response.headers().toString());
        assertTrue(response.body().contains("\"status\":413") && response.body().contains("10485760"), response.body());
    }

    @ParameterizedTest(name = "{0} -> 400 {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"key\":1,\"value\":\"x\"}|key",
            "{\"value\":true}|value",
            "{\"value\":\"x\",\"headers\":{\"region\":5}}|headers.region",
            "{\"value\":\"x\",\"headers\":[\"region\"]}|headers",
            "{\"value\":\"a\",\"value\":\"b\"}|value",
            "{\"value\":\"x\"} []|body",
            "{\"value\":\"x\",\"colour\":\"red\"}|colour"})
    void publishBodiesAreStrictJson(String body, String field) {
        given().contentType(ContentType.JSON).body(body).post("/api/topics/" + TestKafka.uniqueTopic("strict") + "/messages")
                .then().statusCode(400).header("Content-Type", startsWith(PROBLEM))
                .body("errors[0].field", equalTo(field))
                .body("errors[0].message", org.hamcrest.Matchers.not(containsString("JsonToken")));
    }
}
