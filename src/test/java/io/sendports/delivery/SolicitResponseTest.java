package io.sendports.delivery;

import static io.restassured.RestAssured.given;
import static io.sendports.testsupport.Api.action;
import static io.sendports.testsupport.Api.create;
import static io.sendports.testsupport.Api.get;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.sendports.testsupport.HttpReceiver;
import io.sendports.testsupport.HttpReceiver.Reply;
import io.sendports.testsupport.KafkaTestResource;
import io.sendports.testsupport.MutableClock;
import io.sendports.testsupport.TestKafka;

/** Solicit-response ports: each request's response is published back to Kafka, correlated to its request. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class SolicitResponseTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @AfterEach
    void resetClock() {
        MutableClock.get().reset();
    }

    @Test
    void everyRequestYieldsExactlyOneCorrelatedResponse() throws Exception {
        try (HttpReceiver server = new HttpReceiver()) {
            server.reply(r -> new Reply(200, r.body().toUpperCase(Locale.ROOT), "text/plain"));
            String topic = TestKafka.uniqueTopic("requests");
            create(port("quotes", "static", topic, ",\"transport\":{\"type\":\"http\",\"address\":\""
                    + server.url("/quote") + "\"}")).statusCode(201);
            action("quotes", "start").statusCode(200);
            int count = 500;
            try (KafkaProducer<byte[], byte[]> producer = TestKafka.producer()) {
                for (int i = 0; i < count; i++) {
                    List<org.apache.kafka.common.header.Header> headers = i % 2 == 0
                            ? List.of(new RecordHeader("sendports.correlation-id", ("c-" + i).getBytes()))
                            : List.of();
                    producer.send(new ProducerRecord<>(topic, null, ("key-" + i).getBytes(), ("request " + i).getBytes(),
                            headers));
                }
            }
            List<ConsumerRecord<byte[], byte[]>> responses = TestKafka.read("quotes.responses", count, WAIT);
            assertEquals(count, responses.size());
            Map<String, ConsumerRecord<byte[], byte[]>> byKey = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> response : responses) {
                assertTrue(byKey.put(TestKafka.text(response.key()), response) == null, "one response per request");
            }
            for (int i = 0; i < count; i++) {
                ConsumerRecord<byte[], byte[]> response = byKey.get("key-" + i);
                assertEquals("REQUEST " + i, TestKafka.text(response.value()));
                assertEquals("quotes", TestKafka.header(response, "sendports.port"));
                assertEquals("200", TestKafka.header(response, "sendports.status"));
                assertEquals(topic + "/0/" + i, TestKafka.header(response, "sendports.source"));
                assertTrue(TestKafka.header(response, "content-type").startsWith("text/plain"));
                String correlation = TestKafka.header(response, "sendports.correlation-id");
                if (i % 2 == 0) {
                    assertEquals("c-" + i, correlation);
                } else {
                    assertTrue(correlation.matches("[0-9a-f-]{36}"), correlation);
                }
            }
            get("quotes").body("status.responses", equalTo(count)).body("status.requests", equalTo(count))
                    .body("status.timeouts", equalTo(0));
            given().get("/q/metrics").then().statusCode(200).body(org.hamcrest.Matchers.containsString(
                    "sendports_responses_published_total{port=\"quotes\"} " + count + ".0"));
            action("quotes", "unenlist").statusCode(200);
        }
    }

    @Test
    void dynamicPortCorrelatesResponsesOfTwoServers() {
        try (HttpReceiver one = new HttpReceiver(); HttpReceiver two = new HttpReceiver()) {
            one.reply(r -> new Reply(200, "one:" + r.body(), "text/plain"));
            two.reply(r -> new Reply(201, "two:" + r.body(), "text/plain"));
            String topic = TestKafka.uniqueTopic("dyn-requests");
            create(port("dyn-quotes", "dynamic", topic, ",\"allowedDestinations\":[\"" + one.url("/**") + "\",\""
                    + two.url("/**") + "\",\"kafka:" + topic + "-elsewhere\"],\"responseTopic\":\"" + topic
                    + "-answers\"")).statusCode(201);
            action("dyn-quotes", "start").statusCode(200);
            for (int i = 0; i < 20; i++) {
                HttpReceiver target = i % 2 == 0 ? one : two;
                TestKafka.publish(topic, "k" + i, "r" + i, Map.of("sendports.address", target.url("/x"),
                        "sendports.correlation-id", "corr-" + i));
            }
            // allowed, but a Kafka topic gives no response: suspended, not delivered
            TestKafka.publish(topic, "k-x", "r-x", Map.of("sendports.address", "kafka:" + topic + "-elsewhere"));
            List<ConsumerRecord<byte[], byte[]>> responses = TestKafka.read(topic + "-answers", 20, WAIT);
            assertEquals(20, responses.size());
            await().atMost(WAIT).until(() -> FailureHandlingTest.suspended("dyn-quotes").size() == 1);
            given().get("/api/suspended-messages?port=dyn-quotes").then()
                    .body("[0].error", containsString("gives no response"));
            assertEquals(0, TestKafka.read(topic + "-elsewhere", 1, Duration.ofSeconds(2)).size());
            for (ConsumerRecord<byte[], byte[]> response : responses) {
                int i = Integer.parseInt(TestKafka.header(response, "sendports.correlation-id").substring(5));
                assertEquals("k" + i, TestKafka.text(response.key()));
                assertEquals((i % 2 == 0 ? "one:" : "two:") + "r" + i, TestKafka.text(response.value()));
                assertEquals(i % 2 == 0 ? "200" : "201", TestKafka.header(response, "sendports.status"));
            }
            action("dyn-quotes", "unenlist").statusCode(200);
        }
    }

    @Test
    void timeoutIsRetriedThenSuspendedAndResumeProducesTheResponse() {
        try (HttpReceiver server = new HttpReceiver()) {
            server.reply(r -> {
                sleep(1500);
                return new Reply(200, "late", "text/plain");
            });
            String topic = TestKafka.uniqueTopic("slow");
            create(port("slow", "static", topic, ",\"transport\":{\"type\":\"http\",\"address\":\"" + server.url("/slow")
                    + "\"},\"responseTimeout\":\"PT0.3S\",\"retry\":{\"count\":1,\"interval\":\"PT1M\"}")).statusCode(201);
            action("slow", "start").statusCode(200);
            TestKafka.publish(topic, "k", "hurry", Map.of());
            FailureHandlingTest.awaitParked("slow", 1);
            MutableClock.get().advance(Duration.ofSeconds(61));
            await().atMost(WAIT).until(() -> FailureHandlingTest.suspended("slow").size() == 1);
            get("slow").body("status.timeouts", equalTo(2)).body("status.responses", equalTo(0));
            String id = FailureHandlingTest.suspended("slow").get(0);
            given().get("/api/suspended-messages?port=slow").then().body("[0].attempts", equalTo(2))
                    .body("[0].error", containsString("Timeout"));

            server.reply(r -> new Reply(200, "on time", "text/plain"));
            given().post("/api/suspended-messages/" + id + "/resume").then().statusCode(200)
                    .body("delivered", equalTo(true));
            List<ConsumerRecord<byte[], byte[]>> responses = TestKafka.read("slow.responses", 1, WAIT);
            assertEquals("on time", TestKafka.text(responses.get(0).value()));
            action("slow", "unenlist").statusCode(200);
        }
    }

    @Test
    void clientErrorIsSuspendedWithStatusAndBodyAndNoResponse() {
        try (HttpReceiver server = new HttpReceiver()) {
            server.reply(r -> new Reply(422, "{\"problem\":\"no such product\"}", "application/json"));
            String topic = TestKafka.uniqueTopic("rejected");
            create(port("rejecting", "static", topic, ",\"transport\":{\"type\":\"http\",\"address\":\""
                    + server.url("/q") + "\"}")).statusCode(201);
            action("rejecting", "start").statusCode(200);
            TestKafka.publish(topic, "k", "bad", Map.of());
            await().atMost(WAIT).until(() -> FailureHandlingTest.suspended("rejecting").size() == 1);
            String error = JsonPath.from(given().get("/api/suspended-messages?port=rejecting").asString())
                    .getString("[0].error");
            assertTrue(error.contains("HTTP 422") && error.contains("no such product"), error);
            assertEquals(0, TestKafka.read("rejecting.responses", 1, Duration.ofSeconds(2)).size());
            action("rejecting", "unenlist").statusCode(200);
        }
    }

    /**
     * The response is part of the delivery: while Kafka refuses it (larger than its topic takes), the request stays
     * uncommitted and is sent again; once the topic takes it, the response is published and the request committed.
     */
    @Test
    void aRequestWhoseResponseKafkaRefusesIsSentAgainUntilTheResponseIsPublished() throws Exception {
        try (HttpReceiver server = new HttpReceiver();
                Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaTestResource.bootstrapServers()))) {
            String large = "r".repeat(4000);
            server.reply(r -> new Reply(200, large, "text/plain"));
            String topic = TestKafka.uniqueTopic("large-answers");
            String answers = topic + "-answers";
            admin.createTopics(List.of(new NewTopic(answers, 1, (short) 1)
                    .configs(Map.of("max.message.bytes", "1000")))).all().get(30, TimeUnit.SECONDS);
            create(port("large-answers", "static", topic, ",\"transport\":{\"type\":\"http\",\"address\":\""
                    + server.url("/q") + "\"},\"responseTopic\":\"" + answers + "\"")).statusCode(201);
            action("large-answers", "start").statusCode(200);
            TestKafka.publish(topic, "k", "request", Map.of());

            await().atMost(WAIT).until(() -> server.requests().size() >= 2);
            assertEquals(0, TestKafka.read(answers, 1, Duration.ofSeconds(1)).size());
            TopicPartition request = new TopicPartition(topic, 0);
            assertEquals(0L, committed(admin, "sendports.port.large-answers").getOrDefault(request, 0L),
                    "the request is not committed");

            ConfigResource config = new ConfigResource(ConfigResource.Type.TOPIC, answers);
            admin.incrementalAlterConfigs(Map.of(config, List.of(new AlterConfigOp(
                    new ConfigEntry("max.message.bytes", "1048576"), AlterConfigOp.OpType.SET))))
                    .all().get(30, TimeUnit.SECONDS);
            List<ConsumerRecord<byte[], byte[]>> responses = TestKafka.read(answers, 1, WAIT);
            assertEquals(large, TestKafka.text(responses.get(0).value()));
            await().atMost(WAIT).until(() -> committed(admin, "sendports.port.large-answers").getOrDefault(request, 0L),
                    equalTo(1L));
            get("large-answers").body("status.responses", equalTo(1));
            action("large-answers", "unenlist").statusCode(200);
        }
    }

    private static Map<TopicPartition, Long> committed(Admin admin, String group) throws Exception {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS)
                .forEach((partition, offset) -> {
                    if (offset != null) {
                        offsets.put(partition, offset.offset());
                    }
                });
        return offsets;
    }

    @Test
    void transportsThatCannotAnswerAreRefused() {
        create(port("no-answer", "static", "t", ",\"transport\":{\"type\":\"file\",\"address\":\"file:///tmp/x\"}"))
                .statusCode(400).body("errors.field", org.hamcrest.Matchers.hasItem("transport.type"));
        create(port("no-answer", "static", "t", ",\"transport\":{\"type\":\"kafka\",\"address\":\"kafka:x\"}"))
                .statusCode(400).body("errors.field", org.hamcrest.Matchers.hasItem("transport.type"));
    }

    static String port(String name, String kind, String topic, String extra) {
        return "{\"name\":\"" + name + "\",\"kind\":\"" + kind + "\",\"pattern\":\"solicit-response\","
                + "\"subscription\":{\"topics\":[\"" + topic + "\"]}" + extra + "}";
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
