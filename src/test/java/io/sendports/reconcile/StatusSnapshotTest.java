package io.sendports.reconcile;

import static io.sendports.testsupport.Api.action;
import static io.sendports.testsupport.Api.create;
import static io.sendports.testsupport.Api.fileTransport;
import static io.sendports.testsupport.Api.get;
import static io.sendports.testsupport.Api.staticPort;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

import io.sendports.broker.KafkaClients;
import io.sendports.testsupport.KafkaTestResource;
import io.sendports.testsupport.TestKafka;

/**
 * Reading a status never calls the broker (issue 11 item 6): the list and a single port answer from the snapshot
 * the status refresh measured. The refresh runs once an hour here, so that only an action or an explicit refresh
 * measures; the Admin client's own count of the requests it sent shows whether a read called the broker.
 */
@QuarkusTest
@TestProfile(StatusSnapshotTest.RareRefresh.class)
@WithTestResource(KafkaTestResource.class)
class StatusSnapshotTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final List<String> PORTS = List.of("snapshot-a", "snapshot-b", "snapshot-c");
    private static final int READS = 30;

    /** The periodic refresh practically never runs during the test. */
    public static class RareRefresh implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sendports.status-refresh", "PT1H");
        }
    }

    @TempDir
    Path dir;

    @Inject
    KafkaClients clients;

    @Inject
    PortStatuses statuses;

    @Test
    void readsAnswerFromTheSnapshotAndSendTheBrokerNoRequest() {
        Map<String, String> topics = new java.util.HashMap<>();
        for (String port : PORTS) {
            topics.put(port, TestKafka.uniqueTopic(port));
            create(staticPort(port, topics.get(port), fileTransport(dir.resolve(port), null), null)).statusCode(201);
            action(port, "enlist").statusCode(200);
        }
        // each enlist is measured soon after it is answered, off the reconciler's thread
        for (String port : PORTS) {
            await().atMost(WAIT).untilAsserted(() -> get(port).body("status.lag", equalTo(0)));
        }
        for (String port : PORTS) {
            TestKafka.publish(topics.get(port), "k", "waiting", Map.of());
        }

        long before = adminRequests();
        for (int i = 0; i < READS; i++) {
            var list = RestAssured.get("/api/send-ports").then().statusCode(200);
            for (String port : PORTS) {
                list.body("find { it.name == '" + port + "' }.status.lag", equalTo(0));
                get(port).body("status.lag", equalTo(0));
            }
        }
        long sent = adminRequests() - before;
        // before the snapshot every read asked the broker for offsets: at least 4 requests each, 120 lists and gets
        assertTrue(sent < READS, sent + " Admin requests during " + READS * (1 + PORTS.size()) + " reads");

        statuses.refresh();
        for (String port : PORTS) {
            get(port).body("status.lag", equalTo(1));
        }
        action("snapshot-a", "unenlist").statusCode(200).body("status.lag", equalTo(0));
        assertEquals(1, (int) get("snapshot-b").extract().path("status.lag"));
    }

    /** Requests the service's one Admin client has sent since it was created (its own metric). */
    private long adminRequests() {
        return clients.admin().metrics().entrySet().stream()
                .filter(e -> e.getKey().name().equals("request-total") && e.getKey().group().equals("admin-client-metrics"))
                .mapToLong(e -> ((Number) e.getValue().metricValue()).longValue()).sum();
    }
}
