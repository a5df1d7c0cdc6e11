package io.sendports.control;

import static io.restassured.RestAssured.given;
import static io.sendports.testsupport.Api.action;
import static io.sendports.testsupport.Api.get;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sendports.testsupport.KafkaTestResource;
import io.sendports.testsupport.TestKafka;

/** The control topic is the source of truth: what any client writes there is applied, or skipped when invalid. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class ControlTopicTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String CONTROL = "sendports.control";

    @TempDir
    Path dir;

    @Test
    void recordWrittenByAPlainProducerCreatesAndStartsAPort() throws Exception {
        String topic = TestKafka.uniqueTopic("external");
        String address = dir.toUri().toString().replaceFirst("^file:/+", "file:///");
        write("port/external", """
                {"type":"port.created","revision":1,"actor":"ops-script","state":"started",
                 "definition":{"name":"external","kind":"static","pattern":"one-way",
                   "subscription":{"topics":["%s"]},
                   "transport":{"type":"file","address":"%s","options":{"fileName":"%%SourceFileName%%"}}}}
                """.formatted(topic, address));

        await().atMost(WAIT).untilAsserted(() -> get("external").statusCode(200)
                .body("state", equalTo("started")).body("status.running", equalTo(true)));
        TestKafka.publish(topic, "k", "hello", Map.of("sendports.file-name", "hello.txt"));
        await().atMost(WAIT).until(() -> Files.exists(dir.resolve("hello.txt")));
        assertEquals("hello", Files.readString(dir.resolve("hello.txt")));

        action("external", "unenlist").statusCode(200);
    }

    @Test
    void bareDefinitionWithStateIsAccepted() {
        write("port/bare", """
                {"name":"bare","kind":"static","pattern":"one-way","subscription":{"topics":["bare-in"]},
                 "transport":{"type":"kafka","address":"kafka:bare-out"},"state":"unenlisted"}
                """);
        await().atMost(WAIT).untilAsserted(() -> get("bare").statusCode(200).body("state", equalTo("unenlisted")));
    }

    @Test
    void malformedRecordsAreSkippedAndTheServiceKeepsWorking() {
        write("port/broken", "this is not json");
        write("port/invalid", "{\"definition\":{\"name\":\"invalid\",\"kind\":\"static\",\"pattern\":\"one-way\"}}");
        write("port/mismatch", "{\"definition\":{\"name\":\"other\",\"kind\":\"static\",\"pattern\":\"one-way\","
                + "\"subscription\":{\"topics\":[\"t\"]},\"transport\":{\"type\":\"kafka\",\"address\":\"kafka:x\"}}}");
        write("port/bad state", "{}");
        write("nonsense", "{}");
        write("port/after-junk", """
                {"definition":{"kind":"static","pattern":"one-way","subscription":{"topics":["t1"]},
                 "transport":{"type":"kafka","address":"kafka:t2"}}}
                """);

        await().atMost(WAIT).untilAsserted(() -> get("after-junk").statusCode(200).body("state", equalTo("unenlisted")));
        get("broken").statusCode(404);
        get("invalid").statusCode(404);
        get("mismatch").statusCode(404);
        given().get("/api/send-ports").then().statusCode(200).body("name", hasItem("after-junk"));
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void apiWritesAreManagementEventsOnTheControlTopic() {
        given().contentType("application/json").body("""
                {"name":"audited","kind":"static","pattern":"one-way","subscription":{"topics":["a"]},
                 "transport":{"type":"kafka","address":"kafka:b"}}
                """).post("/api/send-ports").then().statusCode(201);
        action("audited", "enlist").statusCode(200);
        action("audited", "unenlist").statusCode(200);
        given().delete("/api/send-ports/audited").then().statusCode(204);

        List<ConsumerRecord<byte[], byte[]>> records = TestKafka.read(CONTROL, Integer.MAX_VALUE, Duration.ofSeconds(3));
        List<ConsumerRecord<byte[], byte[]>> audited = records.stream()
                .filter(r -> "port/audited".equals(TestKafka.text(r.key()))).toList();
        assertEquals(5, audited.size());
        String enlisted = TestKafka.text(audited.get(1).value());
        org.junit.jupiter.api.Assertions.assertTrue(enlisted.contains("\"type\":\"port.enlisted\"")
                && enlisted.contains("\"revision\":2") && enlisted.contains("\"baseRevision\":1")
                && enlisted.contains("\"state\":\"stopped\"") && enlisted.contains("\"enlistedAt\""), enlisted);
        String deleted = TestKafka.text(audited.get(3).value());
        org.junit.jupiter.api.Assertions.assertTrue(deleted.contains("\"type\":\"port.deleted\"")
                && deleted.contains("\"baseRevision\":3") && !deleted.contains("\"definition\""), deleted);
        assertEquals(null, audited.get(4).value(), "once the deletion is applied, a tombstone lets compaction drop the key");
    }

    @Test
    void aDeletionEventRemovesAStartedPortLikeATombstoneOnlyWhenItsBaseIsCurrent() throws Exception {
        String definition = """
                {"name":"deleted-by-event","kind":"static","pattern":"one-way","subscription":{"topics":["%s"]},
                 "transport":{"type":"kafka","address":"kafka:deleted-by-event-out"},"description":"%s"}""";
        String topic = TestKafka.uniqueTopic("deleted-by-event");
        write("port/deleted-by-event", "{\"type\":\"port.created\",\"baseRevision\":0,\"state\":\"started\","
                + "\"definition\":" + definition.formatted(topic, "one") + "}");
        await().atMost(WAIT).untilAsserted(() -> get("deleted-by-event").statusCode(200)
                .body("status.running", equalTo(true)));

        // based on revision 0: skipped; the update after it, based on revision 1, is applied
        write("port/deleted-by-event", "{\"type\":\"port.deleted\",\"baseRevision\":0}");
        write("port/deleted-by-event", "{\"type\":\"port.updated\",\"baseRevision\":1,\"state\":\"started\","
                + "\"definition\":" + definition.formatted(topic, "two") + "}");
        await().atMost(WAIT).untilAsserted(() -> get("deleted-by-event").statusCode(200)
                .body("description", equalTo("two")).body("revision", equalTo(2)));

        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaTestResource.bootstrapServers()))) {
            await().atMost(WAIT).until(() -> groupExists(admin, "sendports.port.deleted-by-event"));
            write("port/deleted-by-event", "{\"type\":\"port.deleted\",\"baseRevision\":2}");
            await().atMost(WAIT).untilAsserted(() -> get("deleted-by-event").statusCode(404));
            await().atMost(WAIT).until(() -> !groupExists(admin, "sendports.port.deleted-by-event"));
        }
    }

    private static boolean groupExists(Admin admin, String group) throws Exception {
        try {
            GroupState state = admin.describeConsumerGroups(List.of(group)).all().get(10, TimeUnit.SECONDS).get(group)
                    .groupState();
            return state != GroupState.DEAD && state != GroupState.UNKNOWN;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return false;
            }
            throw e;
        }
    }

    private static void write(String key, String value) {
        writeRaw(key, value.getBytes(StandardCharsets.UTF_8));
    }

    private static void writeRaw(String key, byte[] value) {
        try (KafkaProducer<byte[], byte[]> producer = TestKafka.producer()) {
            producer.send(new ProducerRecord<>(CONTROL, key == null ? null : key.getBytes(StandardCharsets.UTF_8), value))
                    .get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
