package io.sendports.reconcile;

import static io.sendports.testsupport.Api.action;
import static io.sendports.testsupport.Api.create;
import static io.sendports.testsupport.Api.createGroup;
import static io.sendports.testsupport.Api.deleteGroup;
import static io.sendports.testsupport.Api.fileTransport;
import static io.sendports.testsupport.Api.get;
import static io.sendports.testsupport.Api.getGroup;
import static io.sendports.testsupport.Api.group;
import static io.sendports.testsupport.Api.groupAction;
import static io.sendports.testsupport.Api.staticPort;
import static io.sendports.testsupport.Api.updateGroup;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sendports.testsupport.HttpReceiver;
import io.sendports.testsupport.KafkaTestResource;
import io.sendports.testsupport.TestKafka;

/**
 * Delivery through a send port group (DESIGN.md §3a) on a real broker, to a real HTTP server, real files and a real
 * Kafka topic: a matching message reaches each member once while the group and the member are both started, and
 * waits in Kafka otherwise. Messages are named by their {@code sendports.file-name} header.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class GroupDeliveryTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String EU = "[[{\"property\":\"region\",\"operator\":\"==\",\"value\":\"eu\"}]]";

    @TempDir
    Path dir;

    @Test
    void threeMembersEachGetEveryMatchingMessageOnceAndWaitWhileStopped() throws Exception {
        String topic = TestKafka.uniqueTopic("fanout");
        String kafkaOut = TestKafka.uniqueTopic("fanout-out");
        try (HttpReceiver http = new HttpReceiver()) {
            create(staticPort("fan-http", TestKafka.uniqueTopic("own-h"),
                    "{\"type\":\"http\",\"address\":\"" + http.url("/in") + "\"}", null)).statusCode(201);
            create(staticPort("fan-file", TestKafka.uniqueTopic("own-f"),
                    fileTransport(dir, "{\"fileName\":\"%SourceFileName%\"}"), null)).statusCode(201);
            create(staticPort("fan-kafka", TestKafka.uniqueTopic("own-k"),
                    "{\"type\":\"kafka\",\"address\":\"kafka:" + kafkaOut + "\"}", null)).statusCode(201);
            createGroup(group("fan", topic, EU, "fan-http", "fan-file", "fan-kafka")).statusCode(201)
                    .body("state", equalTo("unenlisted"));
            get("fan-file").body("groups", equalTo(List.of("fan")));
            for (String port : List.of("fan-http", "fan-file", "fan-kafka")) {
                action(port, "start").statusCode(200);
            }
            groupAction("fan", "start").statusCode(200).body("state", equalTo("started"));
            for (String port : List.of("fan-http", "fan-file", "fan-kafka")) {
                get(port).body("state", equalTo("started"));
            }

            for (int i = 0; i < 5; i++) {
                publish(topic, "eu-" + i, "eu");
                publish(topic, "us-" + i, "us");
            }
            List<String> five = List.of("eu-0", "eu-1", "eu-2", "eu-3", "eu-4");
            await().atMost(WAIT).until(() -> http.bodies().size() >= 5 && files().size() >= 5
                    && kafka(kafkaOut).size() >= 5);

            // a stopped member: its copies wait in Kafka through the group while the others flow
            action("fan-file", "stop").statusCode(200);
            for (int i = 5; i < 8; i++) {
                publish(topic, "eu-" + i, "eu");
            }
            await().atMost(WAIT).until(() -> http.bodies().size() >= 8 && kafka(kafkaOut).size() >= 8);
            await().atMost(WAIT).untilAsserted(() -> getGroup("fan")
                    .body("status.members.find { it.name == 'fan-file' }.waiting", equalTo(3))
                    .body("status.members.find { it.name == 'fan-file' }.state", equalTo("stopped")));
            assertEquals(five, files());
            action("fan-file", "start").statusCode(200);
            await().atMost(WAIT).until(() -> files().size() >= 8);

            // a stopped group: nothing through it; the members' own subscriptions still deliver
            groupAction("fan", "stop").statusCode(200).body("state", equalTo("stopped"));
            get("fan-file").body("state", equalTo("started"));
            publish(topic, "eu-8", "eu");
            String own = get("fan-file").extract().path("subscription.topics[0]");
            publish(own, "own-1", "us");
            await().atMost(WAIT).until(() -> files().contains("own-1"));
            await().atMost(WAIT).untilAsserted(() -> getGroup("fan")
                    .body("status.members.find { it.name == 'fan-http' }.waiting", equalTo(1)));
            assertEquals(8, http.bodies().size());
            groupAction("fan", "start").statusCode(200);
            await().atMost(WAIT).until(() -> http.bodies().size() >= 9 && files().size() >= 10
                    && kafka(kafkaOut).size() >= 9);

            List<String> all = new ArrayList<>(List.of("eu-0", "eu-1", "eu-2", "eu-3", "eu-4", "eu-5", "eu-6", "eu-7",
                    "eu-8"));
            assertEquals(all, http.bodies().stream().sorted().toList());
            assertEquals(all, kafka(kafkaOut).stream().sorted().toList());
            all.add("own-1");
            assertEquals(all.stream().sorted().toList(), files());

            groupAction("fan", "unenlist").statusCode(200);
            deleteGroup("fan").statusCode(204);
            get("fan-file").body("groups", equalTo(List.of()));
        } finally {
            for (String port : List.of("fan-http", "fan-file", "fan-kafka")) {
                action(port, "unenlist");
            }
        }
    }

    @Test
    void exactlyOneCopyWhenTheOwnFilterAndTwoGroupsMatch() throws Exception {
        String topic = TestKafka.uniqueTopic("dup");
        String outOwn = TestKafka.uniqueTopic("dup-own-out");
        String outTwo = TestKafka.uniqueTopic("dup-two-out");
        // dup-own's own subscription and both groups take every message; dup-two is in both groups only
        create(staticPort("dup-own", topic, "{\"type\":\"kafka\",\"address\":\"kafka:" + outOwn + "\"}", EU))
                .statusCode(201);
        create(staticPort("dup-two", TestKafka.uniqueTopic("dup-two-own"),
                "{\"type\":\"kafka\",\"address\":\"kafka:" + outTwo + "\"}", null)).statusCode(201);
        action("dup-own", "start").statusCode(200);
        action("dup-two", "start").statusCode(200);
        String started = ",\"state\":\"started\"}";
        String first = group("dup-a", topic, EU, "dup-own", "dup-two");
        String second = group("dup-b", topic, "[[{\"property\":\"n\",\"operator\":\"exists\"}]]", "dup-own", "dup-two");
        createGroup(first.substring(0, first.length() - 1) + started).statusCode(201);
        createGroup(second.substring(0, second.length() - 1) + started).statusCode(201);
        try (var producer = TestKafka.producer()) {
            for (int i = 0; i < 1_000; i++) {
                var record = new org.apache.kafka.clients.producer.ProducerRecord<byte[], byte[]>(topic,
                        ("k" + i).getBytes(), ("m" + i).getBytes());
                record.headers().add("region", "eu".getBytes()).add("n", Integer.toString(i).getBytes());
                producer.send(record);
            }
        }
        for (String out : List.of(outOwn, outTwo)) {
            // one more than sent, so that a second copy arriving late is waited for (up to 5 s)
            List<String> received = TestKafka.read(out, 1_001, Duration.ofSeconds(5)).stream()
                    .map(r -> TestKafka.text(r.value())).toList();
            assertEquals(1_000, received.size(), out + ": every message once, no second copy");
            assertEquals(1_000, received.stream().distinct().count(), out);
        }
        getGroup("dup-a").body("status.members.find { it.name == 'dup-own' }.routed", equalTo(0))
                .body("status.members.find { it.name == 'dup-two' }.routed", equalTo(1_000));
        getGroup("dup-b").body("status.members.routed", equalTo(List.of(0, 0)));
        get("dup-two").body("status.delivered", equalTo(1_000)).body("groups", equalTo(List.of("dup-a", "dup-b")));
        for (String g : List.of("dup-a", "dup-b")) {
            groupAction(g, "unenlist").statusCode(200);
            deleteGroup(g).statusCode(204);
        }
        action("dup-own", "unenlist").statusCode(200);
        action("dup-two", "unenlist").statusCode(200);
    }

    @Test
    void aMemberAddedTakesWhatComesAfterAndARemovedOneNothingMore() throws Exception {
        String topic = TestKafka.uniqueTopic("members");
        Path first = Files.createDirectory(dir.resolve("first"));
        Path second = Files.createDirectory(dir.resolve("second"));
        create(staticPort("mem-1", TestKafka.uniqueTopic("mem-1-own"),
                fileTransport(first, "{\"fileName\":\"%SourceFileName%\"}"), null)).statusCode(201);
        create(staticPort("mem-2", TestKafka.uniqueTopic("mem-2-own"),
                fileTransport(second, "{\"fileName\":\"%SourceFileName%\"}"), null)).statusCode(201);
        action("mem-1", "start").statusCode(200);
        action("mem-2", "start").statusCode(200);
        createGroup(group("mem", topic, null, "mem-1")).statusCode(201);
        groupAction("mem", "start").statusCode(200);

        publish(topic, "before-add", "eu");
        await().atMost(WAIT).until(() -> files(first).contains("before-add"));
        updateGroup("mem", group("mem", topic, null, "mem-1", "mem-2")).statusCode(200);
        publish(topic, "after-add", "eu");
        await().atMost(WAIT).until(() -> files(second).contains("after-add") && files(first).contains("after-add"));

        action("mem-1", "stop").statusCode(200);
        updateGroup("mem", group("mem", topic, null, "mem-2")).statusCode(200);
        action("mem-1", "start").statusCode(200);
        publish(topic, "after-remove", "eu");
        await().atMost(WAIT).until(() -> files(second).contains("after-remove"));
        publish(get("mem-1").extract().<String>path("subscription.topics[0]"), "own-after-remove", "eu");
        await().atMost(WAIT).until(() -> files(first).contains("own-after-remove"));

        assertEquals(List.of("after-add", "before-add", "own-after-remove"), files(first));
        assertEquals(List.of("after-add", "after-remove"), files(second));
        groupAction("mem", "unenlist").statusCode(200);
        deleteGroup("mem").statusCode(204);
        action("mem-1", "unenlist").statusCode(200);
        action("mem-2", "unenlist").statusCode(200);
    }

    private static void publish(String topic, String name, String region) {
        TestKafka.publish(topic, name, name, Map.of("region", region, "sendports.file-name", name));
    }

    private List<String> files() throws IOException {
        return files(dir);
    }

    private static List<String> files(Path in) throws IOException {
        try (Stream<Path> files = Files.list(in)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        }
    }

    private static List<String> kafka(String topic) {
        return TestKafka.read(topic, 1_000, Duration.ofMillis(500)).stream().map(r -> TestKafka.text(r.value()))
                .toList();
    }
}
