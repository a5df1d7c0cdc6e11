package io.sendports.delivery;

import static io.sendports.testsupport.Api.action;
import static io.sendports.testsupport.Api.create;
import static io.sendports.testsupport.Api.get;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sendports.testsupport.HttpReceiver;
import io.sendports.testsupport.KafkaTestResource;
import io.sendports.testsupport.MutableClock;
import io.sendports.testsupport.TestKafka;

/**
 * Ordered delivery retries in place; with stop on failure, a message that cannot be delivered stops the port.
 * Retry intervals pass by moving the application's clock.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class OrderedDeliveryTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** The ports' retry interval: it passes on the application's clock, not in real time. */
    private static final Duration INTERVAL = Duration.ofMinutes(1);
    private final MutableClock clock = MutableClock.get();

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /**
     * Waits until the condition holds, moving the application's clock one retry interval on at each look: a
     * retry in place is due as soon as the clock has passed its interval, however little real time went by.
     */
    private void awaitMovingClock(Callable<Boolean> condition) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> {
            clock.advance(INTERVAL);
            return condition.call();
        });
    }

    @Test
    void orderIsKeptAndTheFailingMessageStopsThePort() {
        try (HttpReceiver receiver = new HttpReceiver()) {
            receiver.answer(r -> "true".equals(r.header("fail")) ? 503 : 200);
            String topic = TestKafka.uniqueTopic("ordered");
            create(FailureHandlingTest.port("ordered", topic, receiver.url("/in"),
                    ",\"orderedDelivery\":true,\"stopOnFailure\":true,\"retry\":{\"count\":2,\"interval\":\"PT1M\"}"))
                    .statusCode(201);
            action("ordered", "start").statusCode(200);

            TestKafka.publish(topic, "k", "m1", Map.of());
            TestKafka.publish(topic, "k", "m2", Map.of("fail", "true"));
            TestKafka.publish(topic, "k", "m3", Map.of());

            awaitMovingClock(() -> "stopped".equals(get("ordered").extract().path("state")));
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

    /**
     * A static Kafka port sends a poll as one batch. When the batch fails, an ordered port retries its first
     * message in place and tries each later one on its own at once: only the message the destination refuses
     * waits for its retries and is suspended; the others arrive (again, for those the batch had delivered).
     */
    @Test
    void aFailedBatchOfAnOrderedKafkaPortIsTriedMessageByMessage() throws Exception {
        String topic = TestKafka.uniqueTopic("ordered-batch");
        String out = topic + "-out";
        // The source takes a record of 1.2 MB; the port's producer refuses it (max.request.size, 1 MiB).
        createStoppedOrderedKafkaPort("ordered-batch", new NewTopic(topic, 1, (short) 1)
                .configs(Map.of("max.message.bytes", "3000000")), new NewTopic(out, 1, (short) 1));
        // Published while the port is stopped, so that its first poll takes all three: one batch.
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                "bootstrap.servers", KafkaTestResource.bootstrapServers(), "max.request.size", 3_000_000),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (String value : List.of("m1", "x".repeat(1_200_000), "m3")) {
                producer.send(new ProducerRecord<>(topic, value.getBytes(StandardCharsets.UTF_8))).get();
            }
        }
        action("ordered-batch", "start").statusCode(200);

        awaitMovingClock(() -> FailureHandlingTest.suspended("ordered-batch").size() == 1);
        List<String> arrived = TestKafka.read(out, 4, Duration.ofSeconds(5)).stream()
                .map(record -> TestKafka.text(record.value())).toList();
        assertEquals(Set.of("m1", "m3"), Set.copyOf(arrived));
        assertTrue(arrived.indexOf("m1") < arrived.indexOf("m3"), "m1 first: " + arrived);
        io.restassured.RestAssured.get("/api/suspended-messages?port=ordered-batch").then()
                .body("[0].error", containsString("RecordTooLarge")).body("[0].source", equalTo(topic + "/0/1"))
                .body("[0].attempts", equalTo(2));
        get("ordered-batch").body("state", equalTo("started")).body("status.running", equalTo(true));
        await().atMost(WAIT).untilAsserted(() -> get("ordered-batch").body("status.lag", equalTo(0)));
        action("ordered-batch", "unenlist").statusCode(200);
    }

    /**
     * A destination topic that takes smaller records than the source: the port's producer is held to the topic's
     * {@code max.message.bytes}, so the record too large for it fails at once, not after the producer's
     * delivery timeout of two minutes (the broker would refuse the whole batch, and the producer would split
     * it into batches as large and send them again).
     */
    @Test
    void aRecordTooLargeForTheDestinationTopicFailsAtOnce() throws Exception {
        String topic = TestKafka.uniqueTopic("small-out");
        String out = topic + "-out";
        createStoppedOrderedKafkaPort("small-out", new NewTopic(topic, 1, (short) 1),
                new NewTopic(out, 1, (short) 1).configs(Map.of("max.message.bytes", "1000")));
        TestKafka.publish(topic, "k", "m1", Map.of());
        TestKafka.publish(topic, "k", "x".repeat(3000), Map.of());
        TestKafka.publish(topic, "k", "m3", Map.of());
        action("small-out", "start").statusCode(200);

        awaitMovingClock(() -> FailureHandlingTest.suspended("small-out").size() == 1);
        List<String> arrived = TestKafka.read(out, 4, Duration.ofSeconds(5)).stream()
                .map(record -> TestKafka.text(record.value())).toList();
        assertEquals(Set.of("m1", "m3"), Set.copyOf(arrived));
        io.restassured.RestAssured.get("/api/suspended-messages?port=small-out").then()
                .body("[0].error", containsString("RecordTooLarge")).body("[0].source", equalTo(topic + "/0/1"));
        action("small-out", "unenlist").statusCode(200);
    }

    @Test
    void orderedWithoutStopOnFailureSuspendsAndGoesOnInOrder() {
        try (HttpReceiver receiver = new HttpReceiver()) {
            receiver.answer(r -> "true".equals(r.header("fail")) ? 500 : 200);
            String topic = TestKafka.uniqueTopic("ordered-go-on");
            create(FailureHandlingTest.port("ordered-go-on", topic, receiver.url("/in"),
                    ",\"orderedDelivery\":true,\"retry\":{\"count\":1,\"interval\":\"PT1M\"}")).statusCode(201);
            action("ordered-go-on", "start").statusCode(200);
            for (int i = 1; i <= 4; i++) {
                TestKafka.publish(topic, "k", "m" + i, i == 2 ? Map.of("fail", "true") : Map.of());
            }
            awaitMovingClock(() -> receiver.bodies().size() == 3);
            assertEquals(List.of("m1", "m3", "m4"), receiver.bodies());
            assertEquals(List.of(2), io.restassured.path.json.JsonPath.from(io.restassured.RestAssured
                    .get("/api/suspended-messages?port=ordered-go-on").asString()).getList("attempts"));
            get("ordered-go-on").body("state", equalTo("started"));
            action("ordered-go-on", "unenlist").statusCode(200);
        }
    }

    /**
     * Creates the source and destination topics, then a stopped ordered static Kafka port from one to the other
     * with one retry after a minute (of the clock): what is published before its start is taken in its first poll, one batch.
     */
    private static void createStoppedOrderedKafkaPort(String name, NewTopic source, NewTopic destination)
            throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaTestResource.bootstrapServers()))) {
            admin.createTopics(List.of(source, destination)).all().get();
        }
        create("{\"name\":\"" + name + "\",\"kind\":\"static\",\"pattern\":\"one-way\",\"subscription\":{\"topics\":[\""
                + source.name() + "\"]},\"transport\":{\"type\":\"kafka\",\"address\":\"kafka:" + destination.name()
                + "\"},\"orderedDelivery\":true,\"retry\":{\"count\":1,\"interval\":\"PT1M\"},\"state\":\"stopped\"}")
                .statusCode(201);
    }
}
