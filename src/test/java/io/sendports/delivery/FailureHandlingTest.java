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

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.sendports.testsupport.Api;
import io.sendports.testsupport.HttpReceiver;
import io.sendports.testsupport.KafkaTestResource;
import io.sendports.testsupport.MutableClock;
import io.sendports.testsupport.TestKafka;

/**
 * Failures against a real HTTP server: retries that do not block, the backup transport, suspension,
 * resume and terminate. Retry intervals pass by moving the application's clock.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class FailureHandlingTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final MutableClock clock = MutableClock.get();

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void failingMessagesAreRetriedWithoutBlockingThenBackupThenSuspendedThenResumedOrTerminated() {
        try (HttpReceiver primary = new HttpReceiver(); HttpReceiver backup = new HttpReceiver()) {
            primary.answer(r -> "true".equals(r.header("fail")) ? 503 : 200);
            backup.answer(r -> "true".equals(r.header("fail")) ? 500 : 200);
            String topic = TestKafka.uniqueTopic("failing");
            create(port("failing", topic, primary.url("/in"), ",\"retry\":{\"count\":2,\"interval\":\"PT1M\"},"
                    + "\"backupTransport\":{\"type\":\"http\",\"address\":\"" + backup.url("/backup")
                    + "\",\"retry\":{\"count\":1,\"interval\":\"PT1M\"}}")).statusCode(201);
            action("failing", "start").statusCode(200);

            for (int i = 1; i <= 6; i++) {
                boolean fails = i == 2 || i == 4;
                TestKafka.publish(topic, "k" + i, "m" + i, fails ? Map.of("fail", "true") : Map.of());
            }
            // The four good messages arrive while the two bad ones wait for their retry interval.
            await().atMost(WAIT).until(() -> primary.bodies().size() == 4);
            // An unordered port has several messages in flight: they arrive in any order.
            assertEquals(List.of("m1", "m3", "m5", "m6"), primary.bodies().stream().sorted().toList());
            awaitParked("failing", 2);
            assertEquals(2, failedAttempts(primary));

            clock.advance(Duration.ofSeconds(61));      // retry 1 of 2
            awaitParked("failing", 4);
            assertEquals(4, failedAttempts(primary));
            clock.advance(Duration.ofSeconds(61));      // retry 2 of 2, then the backup at once, parked for its retry
            awaitParked("failing", 6);
            assertEquals(6, failedAttempts(primary));
            assertEquals(2, backup.attempts().size());
            clock.advance(Duration.ofSeconds(61));      // the backup's retry, then suspension
            await().atMost(WAIT).until(() -> suspended("failing").size() == 2);

            JsonPath first = JsonPath.from(given().get("/api/suspended-messages?port=failing").asString());
            assertEquals(5, first.getInt("[0].attempts"));
            assertTrue(first.getString("[0].error").contains("HTTP 500"), first.getString("[0].error"));
            assertTrue(first.getString("[0].source").startsWith(topic + "/0/"));
            get("failing").body("status.suspended", equalTo(2)).body("status.retried", equalTo(6));

            // m2 is offset 1 of the topic, m4 offset 3
            String m2 = JsonPath.from(given().get("/api/suspended-messages?port=failing").asString())
                    .getString("find { it.source.endsWith('/0/1') }.id");
            String m4 = JsonPath.from(given().get("/api/suspended-messages?port=failing").asString())
                    .getString("find { it.source.endsWith('/0/3') }.id");
            List<String> ids = List.of(m2, m4);
            given().get("/api/suspended-messages/" + ids.get(0)).then().statusCode(200)
                    .body("port", equalTo("failing")).body("headers.fail", equalTo("true"))
                    .body("key", equalTo("k2")).body("body", equalTo("m2"));

            primary.answer(r -> 200);
            given().post("/api/suspended-messages/" + ids.get(0) + "/resume").then().statusCode(200)
                    .body("delivered", equalTo(true));
            assertEquals("m2", primary.bodies().get(4));
            given().delete("/api/suspended-messages/" + ids.get(1)).then().statusCode(204);
            assertEquals(List.of(), suspended("failing"));
            given().get("/api/suspended-messages/" + ids.get(1)).then().statusCode(404);
            given().post("/api/suspended-messages/" + ids.get(1) + "/resume").then().statusCode(404);
            action("failing", "unenlist").statusCode(200);
        }
    }

    @Test
    void unavailableThenAvailableIsDeliveredAfterARetryAndCounted() {
        try (HttpReceiver receiver = new HttpReceiver()) {
            Set<String> seen = ConcurrentHashMap.newKeySet();
            receiver.answer(r -> seen.add(r.body()) ? 503 : 200);
            String topic = TestKafka.uniqueTopic("flaky");
            create(port("flaky", topic, receiver.url("/in"), ",\"retry\":{\"count\":3,\"interval\":\"PT1M\"}"))
                    .statusCode(201);
            action("flaky", "start").statusCode(200);
            TestKafka.publish(topic, "k", "once-refused", Map.of());
            awaitParked("flaky", 1);
            clock.advance(Duration.ofSeconds(61));
            await().atMost(WAIT).until(() -> receiver.bodies().equals(List.of("once-refused")));
            get("flaky").body("status.retried", equalTo(1)).body("status.delivered", equalTo(1))
                    .body("status.failed", equalTo(1)).body("status.suspended", equalTo(0));
            given().get("/q/metrics").then().body(containsString("sendports_messages_retried_total{port=\"flaky\"} 1.0"));
            action("flaky", "unenlist").statusCode(200);
        }
    }

    @Test
    void anIdleRetryWorkerLeavesItsGroupAndThePortsNextParkBringsItBack() throws Exception {
        try (HttpReceiver receiver = new HttpReceiver();
                Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaTestResource.bootstrapServers()))) {
            Set<String> seen = ConcurrentHashMap.newKeySet();
            receiver.answer(r -> seen.add(r.body()) ? 503 : 200);
            String topic = TestKafka.uniqueTopic("idle-retries");
            create(port("idle-retries", topic, receiver.url("/in"), ",\"retry\":{\"count\":3,\"interval\":\"PT1M\"}"))
                    .statusCode(201);
            action("idle-retries", "start").statusCode(200);
            // The worker joins at the start to take what was parked before, finds nothing and leaves after
            // sendports.delivery.retry-idle (PT2S in the tests).
            await().atMost(WAIT).until(() -> retryMembers(admin, "idle-retries") == 1);
            await().atMost(WAIT).until(() -> retryMembers(admin, "idle-retries") == 0);

            TestKafka.publish(topic, "k", "refused-once", Map.of());
            awaitParked("idle-retries", 1);
            await().atMost(WAIT).until(() -> retryMembers(admin, "idle-retries") == 1);
            clock.advance(Duration.ofSeconds(61));
            await().atMost(WAIT).until(() -> receiver.bodies().equals(List.of("refused-once")));
            get("idle-retries").body("status.retried", equalTo(1)).body("status.delivered", equalTo(1));
            action("idle-retries", "unenlist").statusCode(200);
        }
    }

    private static int retryMembers(Admin admin, String port) throws Exception {
        String group = RetryWorker.group(port);
        return admin.describeConsumerGroups(List.of(group)).all().get().get(group).members().size();
    }

    @Test
    void badRequestIsSuspendedWithoutRetry() {
        try (HttpReceiver receiver = new HttpReceiver()) {
            receiver.answer(r -> 400);
            String topic = TestKafka.uniqueTopic("bad");
            create(port("bad-request", topic, receiver.url("/in"), "")).statusCode(201);
            action("bad-request", "start").statusCode(200);
            TestKafka.publish(topic, "k", "rejected", Map.of());
            await().atMost(WAIT).until(() -> suspended("bad-request").size() == 1);
            assertEquals(1, receiver.attempts().size());
            given().get("/api/suspended-messages?port=bad-request").then()
                    .body("[0].attempts", equalTo(1)).body("[0].error", containsString("HTTP 400"))
                    .body("[0].error", containsString("refused with 400"));
            get("bad-request").body("status.retried", equalTo(0)).body("status.lastError", containsString("HTTP 400"));

            // Resume sends again even while the port is stopped; a failure suspends it again, one attempt more.
            action("bad-request", "stop").statusCode(200);
            String id = suspended("bad-request").get(0);
            given().post("/api/suspended-messages/" + id + "/resume").then().statusCode(200)
                    .body("delivered", equalTo(false)).body("attempts", equalTo(2))
                    .body("error", containsString("HTTP 400"));
            given().get("/api/suspended-messages/" + id).then().body("attempts", equalTo(2));
            receiver.answer(r -> 200);
            given().post("/api/suspended-messages/" + id + "/resume").then().statusCode(200)
                    .body("delivered", equalTo(true)).body("attempts", equalTo(3));
            assertEquals(List.of("rejected"), receiver.bodies());
            assertEquals(List.of(), suspended("bad-request"));
            action("bad-request", "unenlist").statusCode(200);
        }
    }

    @Test
    void aFileThatExistsInCreateModeIsSuspendedAtOnceAndTheOthersAreWritten() throws Exception {
        Path dir = Files.createTempDirectory("sendports create mode");   // a space in the directory's name
        Files.writeString(dir.resolve("taken.txt"), "already here");
        String topic = TestKafka.uniqueTopic("create");
        // Retries allowed, but none can make an existing file go away: suspended at once.
        create("{\"name\":\"create-mode\",\"kind\":\"static\",\"pattern\":\"one-way\",\"subscription\":{\"topics\":[\""
                + topic + "\"]},\"transport\":"
                + Api.fileTransport(dir, "{\"fileName\":\"%SourceFileName%\",\"mode\":\"create\"}")
                + ",\"retry\":{\"count\":3,\"interval\":\"PT1M\"}}").statusCode(201);
        action("create-mode", "start").statusCode(200);
        TestKafka.publish(topic, "k", "second", Map.of("sendports.file-name", "taken.txt"));
        TestKafka.publish(topic, "k", "new", Map.of("sendports.file-name", "free.txt"));
        await().atMost(WAIT).until(() -> suspended("create-mode").size() == 1);
        await().atMost(WAIT).until(() -> Files.exists(dir.resolve("free.txt")));
        assertEquals("new", Files.readString(dir.resolve("free.txt")));
        assertEquals("already here", Files.readString(dir.resolve("taken.txt")), "the existing file is untouched");
        given().get("/api/suspended-messages?port=create-mode").then()
                .body("[0].attempts", equalTo(1)).body("[0].error", containsString("FileAlreadyExistsException"))
                .body("[0].error", containsString("taken.txt"));
        get("create-mode").body("status.retried", equalTo(0)).body("status.delivered", equalTo(1));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(Set.of("taken.txt", "free.txt"),
                    files.map(file -> file.getFileName().toString()).collect(Collectors.toSet()), "no temporary file left");
        }
        action("create-mode", "unenlist").statusCode(200);
    }

    /** Waits until the port has parked this many attempts, so that the clock moves only after they are due. */
    static void awaitParked(String port, int retried) {
        await().atMost(WAIT).untilAsserted(() -> get(port).body("status.retried", equalTo(retried)));
    }

    private static long failedAttempts(HttpReceiver receiver) {
        return receiver.attempts().size() - receiver.requests().size();
    }

    static List<String> suspended(String port) {
        return JsonPath.from(given().get("/api/suspended-messages?port=" + port).asString()).getList("id");
    }

    static String port(String name, String topic, String url, String extra) {
        return "{\"name\":\"" + name + "\",\"kind\":\"static\",\"pattern\":\"one-way\",\"subscription\":{\"topics\":[\""
                + topic + "\"]},\"transport\":{\"type\":\"http\",\"address\":\"" + url + "\"}" + extra + "}";
    }
}
