package io.sendports.delivery;

import static io.sendports.testsupport.Api.action;
import static io.sendports.testsupport.Api.create;
import static io.sendports.testsupport.Api.get;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sendports.testsupport.HttpReceiver;
import io.sendports.testsupport.KafkaTestResource;
import io.sendports.testsupport.TestKafka;

/** Ordered delivery retries in place; with stop on failure, a message that cannot be delivered stops the port. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class OrderedDeliveryTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void orderIsKeptAndTheFailingMessageStopsThePort() {
        try (HttpReceiver receiver = new HttpReceiver()) {
            receiver.answer(r -> "true".equals(r.header("fail")) ? 503 : 200);
            String topic = TestKafka.uniqueTopic("ordered");
            create(FailureHandlingTest.port("ordered", topic, receiver.url("/in"),
                    ",\"orderedDelivery\":true,\"stopOnFailure\":true,\"retry\":{\"count\":2,\"interval\":\"PT0.2S\"}"))
                    .statusCode(201);
            action("ordered", "start").statusCode(200);

            TestKafka.publish(topic, "k", "m1", Map.of());
            TestKafka.publish(topic, "k", "m2", Map.of("fail", "true"));
            TestKafka.publish(topic, "k", "m3", Map.of());

            await().atMost(WAIT).untilAsserted(() -> get("ordered").body("state", equalTo("stopped")));
            get("ordered").body("status.lastError", containsString("failed after 3 attempts"))
                    .body("status.lastError", containsString("HTTP 503")).body("status.running", equalTo(false));
            assertEquals(List.of("m1"), receiver.bodies());
            assertEquals(4, receiver.attempts().size(), "m1 once, m2 three times, m3 never");
            await().atMost(WAIT).untilAsserted(() -> get("ordered").body("status.lag", equalTo(2)));

            receiver.answer(r -> 200);
            action("ordered", "start").statusCode(200);
            await().atMost(WAIT).until(() -> receiver.bodies().size() == 3);
            assertEquals(List.of("m1", "m2", "m3"), receiver.bodies());
            get("ordered").body("status.lastError", equalTo(null));
            action("ordered", "unenlist").statusCode(200);
        }
    }

    @Test
    void orderedWithoutStopOnFailureSuspendsAndGoesOnInOrder() {
        try (HttpReceiver receiver = new HttpReceiver()) {
            receiver.answer(r -> "true".equals(r.header("fail")) ? 500 : 200);
            String topic = TestKafka.uniqueTopic("ordered-go-on");
            create(FailureHandlingTest.port("ordered-go-on", topic, receiver.url("/in"),
                    ",\"orderedDelivery\":true,\"retry\":{\"count\":1,\"interval\":\"PT0.1S\"}")).statusCode(201);
            action("ordered-go-on", "start").statusCode(200);
            for (int i = 1; i <= 4; i++) {
                TestKafka.publish(topic, "k", "m" + i, i == 2 ? Map.of("fail", "true") : Map.of());
            }
            await().atMost(WAIT).until(() -> receiver.bodies().size() == 3);
            assertEquals(List.of("m1", "m3", "m4"), receiver.bodies());
            assertEquals(List.of(2), io.restassured.path.json.JsonPath.from(io.restassured.RestAssured
                    .get("/api/suspended-messages?port=ordered-go-on").asString()).getList("attempts"));
            get("ordered-go-on").body("state", equalTo("started"));
            action("ordered-go-on", "unenlist").statusCode(200);
        }
    }
}
