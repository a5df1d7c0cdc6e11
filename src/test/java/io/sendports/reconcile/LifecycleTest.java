package io.sendports.reconcile;

import static io.sendports.testsupport.Api.action;
import static io.sendports.testsupport.Api.create;
import static io.sendports.testsupport.Api.delete;
import static io.sendports.testsupport.Api.fileTransport;
import static io.sendports.testsupport.Api.get;
import static io.sendports.testsupport.Api.staticPort;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sendports.testsupport.KafkaTestResource;
import io.sendports.testsupport.TestKafka;

/**
 * The state table of DESIGN.md §3 on real consumer groups. Messages are named by their
 * {@code sendports.file-name} header; a single partition keeps them in order, so once a later message has
 * arrived, an earlier one that is missing will never arrive.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class LifecycleTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Inject
    Reconciler reconciler;

    @Test
    void enlistKeepsWhatComesAfterStopHoldsItUnenlistForgetsIt() throws Exception {
        String topic = TestKafka.uniqueTopic("life");
        create(staticPort("life", topic, fileTransport(dir, "{\"fileName\":\"%SourceFileName%\"}"), null))
                .statusCode(201).body("state", equalTo("unenlisted"));
        publish(topic, "before-enlist");

        action("life", "enlist").statusCode(200).body("state", equalTo("stopped"));
        publish(topic, "while-stopped");
        await().atMost(WAIT).untilAsserted(() -> get("life").body("status.lag", equalTo(1)));

        action("life", "start").statusCode(200).body("state", equalTo("started"));
        await().atMost(WAIT).until(() -> delivered().contains("while-stopped"));

        action("life", "stop").statusCode(200).body("state", equalTo("stopped"));
        publish(topic, "stopped-again");
        await().atMost(WAIT).untilAsserted(() -> get("life").body("status.lag", equalTo(1)));
        // the age of the oldest waiting message, against the topic's retention (refreshed every 10 s)
        await().atMost(WAIT).untilAsserted(() -> get("life")
                .body("status.oldestWaitingAge", org.hamcrest.Matchers.matchesPattern("PT\\d+S|PT0S|PT\\d+M.*")));
        assertEquals(List.of("while-stopped"), delivered());
        action("life", "start").statusCode(200);
        await().atMost(WAIT).until(() -> delivered().contains("stopped-again"));

        action("life", "unenlist").statusCode(200).body("state", equalTo("unenlisted"));
        publish(topic, "while-unenlisted");
        action("life", "start").statusCode(200).body("state", equalTo("started"));
        publish(topic, "after-restart");
        await().atMost(WAIT).until(() -> delivered().contains("after-restart"));

        assertEquals(List.of("after-restart", "stopped-again", "while-stopped"), delivered());
        action("life", "unenlist").statusCode(200);
    }

    @Test
    void illegalTransitionsAndDeleteRules() {
        String topic = TestKafka.uniqueTopic("rules");
        create(staticPort("rules", topic, fileTransport(dir, null), null)).statusCode(201);

        action("rules", "stop").statusCode(409).contentType("application/problem+json");
        action("rules", "unenlist").statusCode(200).body("state", equalTo("unenlisted"));

        action("rules", "enlist").statusCode(200).body("state", equalTo("stopped"));
        action("rules", "enlist").statusCode(200).body("state", equalTo("stopped"));
        action("rules", "stop").statusCode(200).body("state", equalTo("stopped"));
        delete("rules").statusCode(409).contentType("application/problem+json");

        action("rules", "start").statusCode(200).body("state", equalTo("started")).body("status.running", equalTo(true));
        action("rules", "start").statusCode(200).body("state", equalTo("started"));
        action("rules", "enlist").statusCode(200).body("state", equalTo("started"));
        delete("rules").statusCode(409);

        action("rules", "unenlist").statusCode(200).body("state", equalTo("unenlisted"))
                .body("status.running", equalTo(false));
        delete("rules").statusCode(204);
        get("rules").statusCode(404).contentType("application/problem+json");
        action("rules", "start").statusCode(404);
        delete("rules").statusCode(404);
    }

    @Test
    void startFromUnenlistedEnlistsFirst() throws Exception {
        String topic = TestKafka.uniqueTopic("direct");
        create(staticPort("direct", topic, fileTransport(dir, "{\"fileName\":\"%SourceFileName%\"}"), null))
                .statusCode(201);
        publish(topic, "old");
        action("direct", "start").statusCode(200).body("state", equalTo("started"));
        publish(topic, "new");
        await().atMost(WAIT).until(() -> delivered().contains("new"));
        assertEquals(List.of("new"), delivered());
        action("direct", "unenlist").statusCode(200);
    }

    @Test
    void createdStartedDeliversAtOnce() {
        String topic = TestKafka.uniqueTopic("initial");
        String body = staticPort("initial", topic, fileTransport(dir, "{\"fileName\":\"%SourceFileName%\"}"), null);
        create(body.substring(0, body.length() - 1) + ",\"state\":\"started\"}")
                .statusCode(201).body("state", equalTo("started"));
        publish(topic, "first");
        await().atMost(WAIT).until(() -> delivered().contains("first"));
        action("initial", "unenlist").statusCode(200);
    }

    @Test
    void definitionChangeWhileStartedTakesEffectWithoutLosingMessages() throws Exception {
        String topic = TestKafka.uniqueTopic("update");
        create(staticPort("update", topic, fileTransport(dir, "{\"fileName\":\"v1-%SourceFileName%\"}"), null))
                .statusCode(201);
        action("update", "start").statusCode(200);
        publish(topic, "a");
        await().atMost(WAIT).until(() -> delivered().contains("v1-a"));

        io.restassured.RestAssured.given().contentType("application/json")
                .body(staticPort("update", topic, fileTransport(dir, "{\"fileName\":\"v2-%SourceFileName%\"}"), null))
                .put("/api/send-ports/update").then().statusCode(200)
                .body("state", equalTo("started")).body("transport.options.fileName", equalTo("v2-%SourceFileName%"));
        publish(topic, "b");
        await().atMost(WAIT).until(() -> delivered().contains("v2-b"));
        assertEquals(List.of("v1-a", "v2-b"), delivered());
        action("update", "unenlist").statusCode(200);
    }

    /**
     * A port whose name has capitals loses both its consumer groups when it is deleted, also when the first
     * attempt to drop them fails (another member still holds the retry group, as an instance that has not yet
     * stopped the port would) and the periodic resync finishes the delete.
     */
    @Test
    void deletingAPortWithCapitalsDropsItsGroupsAlsoWhenTheFirstAttemptFails() throws Exception {
        String topic = TestKafka.uniqueTopic("capitals");
        String retryGroup = io.sendports.delivery.RetryWorker.group("Orders");
        create(staticPort("Orders", topic, fileTransport(dir, null), null)).statusCode(201);
        action("Orders", "start").statusCode(200).body("state", equalTo("started"));
        await().atMost(WAIT).until(() -> groups().containsAll(List.of("sendports.port.Orders", retryGroup)));
        action("Orders", "unenlist").statusCode(200);

        java.util.concurrent.CompletableFuture<Integer> deleted;
        try (KafkaConsumer<byte[], byte[]> member = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", KafkaTestResource.bootstrapServers(), "group.id", retryGroup),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            member.subscribe(List.of("sendports.retry"));
            await().atMost(WAIT).until(() -> {
                member.poll(Duration.ofMillis(100));
                return !member.assignment().isEmpty();
            });
            deleted = java.util.concurrent.CompletableFuture.supplyAsync(() -> delete("Orders").extract().statusCode());
            await().atMost(WAIT).until(() -> {
                member.poll(Duration.ofMillis(100));
                return reconciler.status("Orders").reconcileError() != null;
            });
        }
        await().atMost(WAIT).alias("groups of the deleted port " + groups())
                .until(() -> groups().stream().noneMatch(g -> g.equalsIgnoreCase("sendports.port.Orders")
                        || g.equalsIgnoreCase(retryGroup)));
        assertEquals(204, deleted.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(null, reconciler.status("Orders").reconcileError());
    }

    private static List<String> groups() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaTestResource.bootstrapServers()))) {
            return admin.listGroups().all().get().stream().map(g -> g.groupId()).toList();
        }
    }

    private static void publish(String topic, String name) {
        TestKafka.publish(topic, name, name, Map.of("sendports.file-name", name));
    }

    private List<String> delivered() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        }
    }
}
