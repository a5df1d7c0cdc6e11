package io.sendports.api;

import static io.restassured.RestAssured.given;
import static io.sendports.testsupport.Api.action;
import static io.sendports.testsupport.Api.create;
import static io.sendports.testsupport.Api.staticPort;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sendports.testsupport.KafkaTestResource;
import io.sendports.testsupport.TestKafka;

/** Publishing through the API, health, OpenAPI and per-port Prometheus metrics. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class OperationsTest {

    @Test
    void publishesTextAndBytesWithKeyAndHeaders() {
        String topic = TestKafka.uniqueTopic("publish");
        given().contentType("application/json")
                .body("{\"key\":\"k1\",\"headers\":{\"region\":\"eu\"},\"value\":\"hello\"}")
                .post("/api/topics/" + topic + "/messages")
                .then().statusCode(201).body("topic", equalTo(topic)).body("partition", equalTo(0))
                .body("offset", equalTo(0));
        given().contentType("application/json").body("{\"valueBase64\":\"AP8q\"}")
                .post("/api/topics/" + topic + "/messages").then().statusCode(201).body("offset", equalTo(1));

        List<ConsumerRecord<byte[], byte[]>> records = TestKafka.read(topic, 2, Duration.ofSeconds(30));
        assertEquals("k1", TestKafka.text(records.get(0).key()));
        assertEquals("hello", TestKafka.text(records.get(0).value()));
        assertEquals("eu", TestKafka.header(records.get(0), "region"));
        assertArrayEquals(new byte[] {0, (byte) 0xff, 42}, records.get(1).value());
    }

    @Test
    void refusesBadPublishRequests() {
        given().contentType("application/json").body("{\"value\":\"x\"}").post("/api/topics/bad topic!/messages")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("topic"));
        given().contentType("application/json").body("{\"valueBase64\":\"***\"}").post("/api/topics/ok/messages")
                .then().statusCode(400).body("errors[0].field", equalTo("valueBase64"));
        given().contentType("application/json").body("{\"value\":\"a\",\"valueBase64\":\"AA==\"}")
                .post("/api/topics/ok/messages").then().statusCode(400);
    }

    @Test
    void theOpenApiDocumentListsEveryTransportOfTheRegistry() {
        List<String> types = io.sendports.transport.TransportRegistry.catalog().types();
        for (String schema : List.of("TransportDocument", "BackupDocument")) {
            given().accept("application/json").get("/q/openapi?format=json").then().statusCode(200)
                    .body("components.schemas." + schema + ".properties.type.enum", org.hamcrest.Matchers.equalTo(types))
                    .body("components.schemas." + schema + ".properties.options.description",
                            containsString("http auth, headerPrefix, headers, method, secretHeaders, timeout"));
        }
    }

    @Test
    void healthOpenApiAndMetrics() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200).body("checks.name", org.hamcrest.Matchers.hasItem("control-topic"));
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/send-ports/{name}/start"));

        String topic = TestKafka.uniqueTopic("metrics");
        create(staticPort("metered", topic, "{\"type\":\"kafka\",\"address\":\"kafka:" + topic + "-out\"}", null))
                .statusCode(201);
        action("metered", "start").statusCode(200);
        TestKafka.publish(topic, "k", "v", java.util.Map.of());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/api/send-ports/metered").then().body("status.delivered", greaterThanOrEqualTo(1)));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("sendports_messages_delivered_total{port=\"metered\"} 1.0"))
                .body(containsString("sendports_delivery_failures_total{port=\"metered\"} 0.0"))
                // the series the alerts of deploy/monitoring read (docs/OPERATIONS.md)
                .body(containsString("sendports_port_oldest_waiting_age_seconds{port=\"metered\"}"))
                .body(containsString("sendports_port_stopped_on_failure{port=\"metered\"} 0.0"))
                .body(containsString("sendports_suspended_messages "))
                // Responses are counted for solicit-response ports only (docs/OPERATIONS.md, metrics table).
                .body(org.hamcrest.Matchers.not(containsString("sendports_responses_published_total{port=\"metered\"}")));
        action("metered", "unenlist").statusCode(200);
    }
}
