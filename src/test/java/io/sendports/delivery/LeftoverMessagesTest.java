package io.sendports.delivery;

import static io.restassured.RestAssured.given;
import static io.sendports.testsupport.Api.action;
import static io.sendports.testsupport.Api.create;
import static io.sendports.testsupport.Api.delete;
import static io.sendports.testsupport.Api.get;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.sendports.testsupport.HttpReceiver;
import io.sendports.testsupport.KafkaTestResource;
import io.sendports.testsupport.MutableClock;
import io.sendports.testsupport.TestKafka;

/**
 * Nothing parked or suspended is lost silently when its port is unenlisted or deleted (docs/DELIVERY.md): an
 * unenlisted port's parked messages become suspended, and a port with parked or suspended messages is deleted
 * only when forced.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class LeftoverMessagesTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final MutableClock clock = MutableClock.get();

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @ParameterizedTest(name = "unenlisted while {0}")
    @ValueSource(strings = {"started", "stopped"})
    void unenlistingSuspendsTheParkedMessagesAndNothingIsRetriedAfterTheNextStart(String state) {
        String name = "unenlisted-" + state;
        try (HttpReceiver receiver = new HttpReceiver()) {
            receiver.answer(r -> 503);
            String topic = TestKafka.uniqueTopic(name);
            create(FailureHandlingTest.port(name, topic, receiver.url("/in"),
                    ",\"retry\":{\"count\":3,\"interval\":\"PT1M\"}")).statusCode(201);
            action(name, "start").statusCode(200);
            TestKafka.publish(topic, "k", "first", Map.of());
            TestKafka.publish(topic, "k", "second", Map.of());
            FailureHandlingTest.awaitParked(name, 2);
            if (state.equals("stopped")) {
                action(name, "stop").statusCode(200);
            }

            action(name, "unenlist").statusCode(200);
            given().get("/api/suspended-messages?port=" + name).then().statusCode(200)
                    .body("size()", equalTo(2))
                    .body("error", everyItem(containsString("parked for a retry when port '" + name
                            + "' was unenlisted, so it is no longer retried")))
                    .body("error", everyItem(containsString("HTTP 503")))
                    .body("attempts", everyItem(equalTo(1)));

            receiver.answer(r -> 200);
            action(name, "start").statusCode(200);
            clock.advance(Duration.ofMinutes(2));
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> receiver.bodies().isEmpty());
            for (String id : FailureHandlingTest.suspended(name)) {
                given().post("/api/suspended-messages/" + id + "/resume").then().statusCode(200)
                        .body("delivered", equalTo(true));
            }
            assertEquals(List.of("first", "second"), receiver.bodies().stream().sorted().toList());
            action(name, "unenlist").statusCode(200);
            delete(name).statusCode(204);
        }
    }

    @Test
    void deleteIsRefusedWhileSuspendedMessagesRemainAndAllowedOnceTheyAreTerminated() {
        try (HttpReceiver receiver = new HttpReceiver()) {
            receiver.answer(r -> 400);
            String topic = TestKafka.uniqueTopic("keeps-suspended");
            create(FailureHandlingTest.port("keeps-suspended", topic, receiver.url("/in"), "")).statusCode(201);
            action("keeps-suspended", "start").statusCode(200);
            TestKafka.publish(topic, "k", "refused", Map.of());
            await().atMost(WAIT).until(() -> FailureHandlingTest.suspended("keeps-suspended").size() == 1);
            action("keeps-suspended", "unenlist").statusCode(200);

            delete("keeps-suspended").statusCode(409).contentType("application/problem+json")
                    .body("detail", equalTo("port 'keeps-suspended' has 0 parked and 1 suspended messages; "
                            + "resume or terminate them, or delete with ?force=true"));
            get("keeps-suspended").statusCode(200);
            given().delete("/api/send-ports/keeps-suspended?force=yes").then().statusCode(400)
                    .body("errors.field", hasItem("force"));
            given().delete("/api/send-ports/keeps-suspended?force=false").then().statusCode(409);

            given().delete("/api/suspended-messages/" + FailureHandlingTest.suspended("keeps-suspended").get(0))
                    .then().statusCode(204);
            delete("keeps-suspended").statusCode(204);
            get("keeps-suspended").statusCode(404);
        }
    }

    /**
     * Forced: the port goes, its suspended messages stay (resume answers 409, terminate works), and what was
     * still parked is suspended. A port that is unenlisted has normally nothing parked (that was suspended on
     * unenlist); the retry group's offsets are put back to before its parked record, as a move that did not
     * happen would have left them.
     */
    @Test
    void forcedDeleteSuspendsWhatIsStillParkedAndKeepsTheSuspended() throws Exception {
        try (HttpReceiver receiver = new HttpReceiver()) {
            receiver.answer(r -> 503);
            String topic = TestKafka.uniqueTopic("forced");
            create(FailureHandlingTest.port("forced", topic, receiver.url("/in"),
                    ",\"retry\":{\"count\":3,\"interval\":\"PT1M\"}")).statusCode(201);
            action("forced", "start").statusCode(200);
            TestKafka.publish(topic, "k", "left behind", Map.of());
            FailureHandlingTest.awaitParked("forced", 1);
            ConsumerRecord<byte[], byte[]> parked = parkedRecord("forced");

            action("forced", "unenlist").statusCode(200);
            String id = FailureHandlingTest.suspended("forced").get(0);
            given().delete("/api/suspended-messages/" + id).then().statusCode(204);
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaTestResource.bootstrapServers()))) {
                admin.alterConsumerGroupOffsets(RetryWorker.group("forced"), Map.of(
                        new TopicPartition(parked.topic(), parked.partition()), new OffsetAndMetadata(parked.offset())))
                        .all().get();
            }
            delete("forced").statusCode(409)
                    .body("detail", containsString("port 'forced' has 1 parked and 0 suspended messages"));

            given().delete("/api/send-ports/forced?force=true").then().statusCode(204);
            get("forced").statusCode(404);
            JsonPath suspended = JsonPath.from(given().get("/api/suspended-messages?port=forced").asString());
            assertEquals(List.of(id), suspended.getList("id"), "the same message, suspended again");
            assertEquals(List.of(1), suspended.getList("attempts"));
            String error = suspended.getString("[0].error");
            assertEquals(true, error.contains("parked for a retry when port 'forced' was deleted"), error);
            given().post("/api/suspended-messages/" + id + "/resume").then().statusCode(409)
                    .body("detail", containsString("no longer exists"));
            given().delete("/api/suspended-messages/" + id).then().statusCode(204);
            assertEquals(List.of(), FailureHandlingTest.suspended("forced"));
        }
    }

    @Test
    void forcedDeleteOfAPortWithSuspendedMessagesKeepsThemForTermination() {
        try (HttpReceiver receiver = new HttpReceiver()) {
            receiver.answer(r -> 400);
            String topic = TestKafka.uniqueTopic("forced-suspended");
            create(FailureHandlingTest.port("forced-suspended", topic, receiver.url("/in"), "")).statusCode(201);
            action("forced-suspended", "start").statusCode(200);
            TestKafka.publish(topic, "k", "refused", Map.of());
            await().atMost(WAIT).until(() -> FailureHandlingTest.suspended("forced-suspended").size() == 1);
            action("forced-suspended", "unenlist").statusCode(200);
            given().delete("/api/send-ports/forced-suspended?force=true").then().statusCode(204);
            String id = FailureHandlingTest.suspended("forced-suspended").get(0);
            given().post("/api/suspended-messages/" + id + "/resume").then().statusCode(409);
            given().delete("/api/suspended-messages/" + id).then().statusCode(204);
        }
    }

    @Test
    void anEnlistedPortIsNotDeletedEvenWhenForced() {
        create(FailureHandlingTest.port("still-enlisted", TestKafka.uniqueTopic("still"), "http://127.0.0.1:9/in", ""))
                .statusCode(201);
        action("still-enlisted", "enlist").statusCode(200);
        given().delete("/api/send-ports/still-enlisted?force=true").then().statusCode(409)
                .body("detail", containsString("unenlist it before deleting it"));
        action("still-enlisted", "unenlist").statusCode(200);
        delete("still-enlisted").statusCode(204);
    }

    /** The record the port parked on the retry topic. */
    private static ConsumerRecord<byte[], byte[]> parkedRecord(String port) {
        return TestKafka.read("sendports.retry", Integer.MAX_VALUE, Duration.ofSeconds(3)).stream()
                .filter(record -> port.equals(TestKafka.header(record, "sendports.port")))
                .reduce((first, second) -> second).orElseThrow();
    }
}
