package io.sendports.delivery;

import static io.restassured.RestAssured.given;
import static io.sendports.testsupport.Api.action;
import static io.sendports.testsupport.Api.create;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.sendports.testsupport.Api;
import io.sendports.testsupport.HttpReceiver;
import io.sendports.testsupport.HttpReceiver.Reply;
import io.sendports.testsupport.KafkaTestResource;
import io.sendports.testsupport.MutableClock;
import io.sendports.testsupport.TestKafka;

/**
 * Resume and parked retries deliver whatever happened to the port's route since the message was last tried
 * (DESIGN.md §5): stopped, stopped and started again several times, unenlisted, or its definition replaced. Every
 * case first tries the message once more while the port runs, so the delivery outside the route has used the
 * destination's endpoint before the route that shared it went away.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class ResumeTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Larger than the Kafka destination topic takes until it is fixed. */
    private static final String BODY = "resumed-" + "x".repeat(2000);
    private static final AtomicInteger PORTS = new AtomicInteger();
    private final MutableClock clock = MutableClock.get();

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** What happens to a port between the failed attempts and the resume that must deliver. */
    enum Change {
        STOPPED, STOPPED_AND_STARTED_THREE_TIMES, DEFINITION_REPLACED, UNENLISTED;

        void apply(String port, String definition) {
            switch (this) {
                case STOPPED -> action(port, "stop").statusCode(200);
                case STOPPED_AND_STARTED_THREE_TIMES -> {
                    for (int i = 0; i < 3; i++) {
                        action(port, "stop").statusCode(200);
                        action(port, "start").statusCode(200);
                    }
                }
                case DEFINITION_REPLACED -> given().contentType(ContentType.JSON)
                        .body(definition.replaceFirst("\\{", "{\"description\":\"replaced\","))
                        .put("/api/send-ports/" + port).then().statusCode(200);
                case UNENLISTED -> action(port, "unenlist").statusCode(200);
            }
        }
    }

    /** A destination that refuses until it is fixed, with no retry that could cure it before. */
    interface Target extends AutoCloseable {
        String transportJson();

        Map<String, String> headers();

        void fix() throws Exception;

        List<String> delivered();

        @Override
        void close();
    }

    enum Transport {
        HTTP, FILE, KAFKA;

        Target open(String name) throws Exception {
            return switch (this) {
                case HTTP -> new HttpTarget();
                case FILE -> new FileTarget();
                case KAFKA -> new KafkaTarget(name);
            };
        }
    }

    @ParameterizedTest(name = "{0} port, {1}")
    @org.junit.jupiter.params.provider.MethodSource("cases")
    void resumeDeliversWhateverHappenedToThePort(Transport transport, Change change) throws Exception {
        String name = "resume-" + transport.name().toLowerCase() + "-" + PORTS.incrementAndGet();
        String topic = TestKafka.uniqueTopic(name);
        try (Target target = transport.open(name)) {
            String definition = Api.staticPort(name, topic, target.transportJson(), null)
                    .replaceFirst("}$", ",\"retry\":{\"count\":0,\"interval\":\"PT1S\"}}");
            create(definition).statusCode(201);
            action(name, "start").statusCode(200);
            TestKafka.publish(topic, "k", BODY, target.headers());
            String id = awaitSuspended(name);

            resume(id).body("delivered", equalTo(false)).body("attempts", equalTo(2));
            change.apply(name, definition);
            target.fix();
            resume(id).body("delivered", equalTo(true)).body("attempts", equalTo(3));

            assertEquals(List.of(BODY), target.delivered());
            assertEquals(List.of(), FailureHandlingTest.suspended(name));
            action(name, "unenlist").statusCode(200);
        }
    }

    static List<org.junit.jupiter.params.provider.Arguments> cases() {
        List<org.junit.jupiter.params.provider.Arguments> cases = new java.util.ArrayList<>();
        for (Transport transport : Transport.values()) {
            for (Change change : Change.values()) {
                cases.add(org.junit.jupiter.params.provider.Arguments.of(transport, change));
            }
        }
        return cases;
    }

    /** The report: two 503s with one retry between them, the port stopped, the receiver fixed. */
    @Test
    void resumeAfterARetriedMessageAndAStopDelivers() {
        try (HttpReceiver receiver = new HttpReceiver()) {
            receiver.answer(r -> 503);
            String topic = TestKafka.uniqueTopic("resume-retried");
            create(FailureHandlingTest.port("resume-retried", topic, receiver.url("/in"),
                    ",\"retry\":{\"count\":1,\"interval\":\"PT1M\"}")).statusCode(201);
            action("resume-retried", "start").statusCode(200);
            TestKafka.publish(topic, "k", "twice refused", Map.of());
            FailureHandlingTest.awaitParked("resume-retried", 1);
            clock.advance(Duration.ofSeconds(61));
            String id = awaitSuspended("resume-retried");
            action("resume-retried", "stop").statusCode(200);
            receiver.answer(r -> 200);
            resume(id).body("delivered", equalTo(true));
            assertEquals(List.of("twice refused"), receiver.bodies());
            action("resume-retried", "unenlist").statusCode(200);
        }
    }

    /** A parked message retried once, then its port stopped and started: the next retry delivers. */
    @Test
    void aParkedRetryIsDeliveredAfterThePortWasStoppedAndStarted() {
        try (HttpReceiver receiver = new HttpReceiver()) {
            receiver.answer(r -> 503);
            String topic = TestKafka.uniqueTopic("retry-restarted");
            create(FailureHandlingTest.port("retry-restarted", topic, receiver.url("/in"),
                    ",\"retry\":{\"count\":5,\"interval\":\"PT1M\"}")).statusCode(201);
            action("retry-restarted", "start").statusCode(200);
            TestKafka.publish(topic, "k", "parked", Map.of());
            FailureHandlingTest.awaitParked("retry-restarted", 1);
            clock.advance(Duration.ofSeconds(61));      // the retry worker tries it: refused, parked again
            FailureHandlingTest.awaitParked("retry-restarted", 2);
            for (int i = 0; i < 2; i++) {
                action("retry-restarted", "stop").statusCode(200);
                action("retry-restarted", "start").statusCode(200);
            }
            receiver.answer(r -> 200);
            clock.advance(Duration.ofSeconds(61));
            await().atMost(WAIT).until(() -> receiver.bodies().equals(List.of("parked")));
            assertEquals(List.of(), FailureHandlingTest.suspended("retry-restarted"));
            action("retry-restarted", "unenlist").statusCode(200);
        }
    }

    /**
     * A backup transport whose address is another port's destination: that port's route going away does not
     * keep the backup from delivering.
     */
    @Test
    void aBackupSharingAnotherPortsDestinationDeliversAfterThatPortStopped() {
        try (HttpReceiver primary = new HttpReceiver(); HttpReceiver shared = new HttpReceiver()) {
            primary.answer(r -> 503);
            shared.answer(r -> r.body().equals("to backup") ? 400 : 200);
            String neighbourTopic = TestKafka.uniqueTopic("neighbour");
            create(FailureHandlingTest.port("neighbour", neighbourTopic, shared.url("/in"), "")).statusCode(201);
            action("neighbour", "start").statusCode(200);
            String topic = TestKafka.uniqueTopic("with-backup");
            create(FailureHandlingTest.port("with-backup", topic, primary.url("/in"),
                    ",\"retry\":{\"count\":0,\"interval\":\"PT1S\"},\"backupTransport\":{\"type\":\"http\",\"address\":\""
                            + shared.url("/in") + "\",\"retry\":{\"count\":0,\"interval\":\"PT1S\"}}")).statusCode(201);
            action("with-backup", "start").statusCode(200);
            TestKafka.publish(topic, "k", "to backup", Map.of());
            String id = awaitSuspended("with-backup");

            action("neighbour", "stop").statusCode(200);
            shared.answer(r -> 200);
            resume(id).body("delivered", equalTo(true));
            assertEquals(List.of("to backup"), shared.bodies());
            action("neighbour", "unenlist").statusCode(200);
            action("with-backup", "unenlist").statusCode(200);
        }
    }

    /** A dynamic port: the destination resolved from the message again, after the port's route went away. */
    @ParameterizedTest
    @EnumSource(Change.class)
    void resumeOfADynamicPortDelivers(Change change) {
        String name = "resume-dynamic-" + PORTS.incrementAndGet();
        try (HttpReceiver receiver = new HttpReceiver()) {
            receiver.answer(r -> 400);
            String topic = TestKafka.uniqueTopic(name);
            String definition = "{\"name\":\"" + name + "\",\"kind\":\"dynamic\",\"pattern\":\"one-way\","
                    + "\"subscription\":{\"topics\":[\"" + topic + "\"]},\"allowedDestinations\":[\""
                    + receiver.url("/**") + "\"],\"retry\":{\"count\":0,\"interval\":\"PT1S\"}}";
            create(definition).statusCode(201);
            action(name, "start").statusCode(200);
            TestKafka.publish(topic, "k", "to wherever", Map.of("sendports.address", receiver.url("/dyn")));
            String id = awaitSuspended(name);
            resume(id).body("delivered", equalTo(false)).body("error", containsString("HTTP 400"));

            change.apply(name, definition);
            receiver.answer(r -> 200);
            resume(id).body("delivered", equalTo(true));
            assertEquals(List.of("to wherever"), receiver.bodies());
            assertEquals("/dyn", receiver.requests().get(0).path());
            action(name, "unenlist").statusCode(200);
        }
    }

    /** A solicit-response port: the resumed request's response is published to the response topic. */
    @ParameterizedTest
    @EnumSource(Change.class)
    void resumeOfASolicitResponsePortPublishesTheResponse(Change change) {
        String name = "resume-solicit-" + PORTS.incrementAndGet();
        try (HttpReceiver server = new HttpReceiver()) {
            server.reply(r -> new Reply(422, "not yet", "text/plain"));
            String topic = TestKafka.uniqueTopic(name);
            String definition = SolicitResponseTest.port(name, "static", topic, ",\"transport\":{\"type\":\"http\","
                    + "\"address\":\"" + server.url("/quote") + "\"},\"retry\":{\"count\":0,\"interval\":\"PT1S\"}");
            create(definition).statusCode(201);
            action(name, "start").statusCode(200);
            TestKafka.publish(topic, "k", "price?", Map.of());
            String id = awaitSuspended(name);
            resume(id).body("delivered", equalTo(false)).body("error", containsString("HTTP 422"));

            change.apply(name, definition);
            server.reply(r -> new Reply(200, "42", "text/plain"));
            resume(id).body("delivered", equalTo(true));
            List<ConsumerRecord<byte[], byte[]>> responses = TestKafka.read(name + ".responses", 1, WAIT);
            assertEquals(List.of("42"), responses.stream().map(r -> TestKafka.text(r.value())).toList());
            assertEquals(name, TestKafka.header(responses.get(0), "sendports.port"));
            action(name, "unenlist").statusCode(200);
        }
    }

    private static String awaitSuspended(String port) {
        await().atMost(WAIT).until(() -> FailureHandlingTest.suspended(port).size() == 1);
        return FailureHandlingTest.suspended(port).get(0);
    }

    private static io.restassured.response.ValidatableResponse resume(String id) {
        return given().post("/api/suspended-messages/" + id + "/resume").then().statusCode(200);
    }

    /** Answers 400 until fixed. */
    private static final class HttpTarget implements Target {
        private final HttpReceiver receiver = new HttpReceiver();

        HttpTarget() {
            receiver.answer(r -> 400);
        }

        @Override
        public String transportJson() {
            return "{\"type\":\"http\",\"address\":\"" + receiver.url("/in") + "\"}";
        }

        @Override
        public Map<String, String> headers() {
            return Map.of();
        }

        @Override
        public void fix() {
            receiver.answer(r -> 200);
        }

        @Override
        public List<String> delivered() {
            return receiver.bodies();
        }

        @Override
        public void close() {
            receiver.close();
        }
    }

    /** Create mode, and the target file exists until fixed. */
    private static final class FileTarget implements Target {
        private final Path dir;
        private final Path file;

        FileTarget() throws Exception {
            dir = Files.createTempDirectory("sendports-resume");
            file = dir.resolve("target.txt");
            Files.writeString(file, "in the way");
        }

        @Override
        public String transportJson() {
            return Api.fileTransport(dir, "{\"fileName\":\"%SourceFileName%\",\"mode\":\"create\"}");
        }

        @Override
        public Map<String, String> headers() {
            return Map.of("sendports.file-name", "target.txt");
        }

        @Override
        public void fix() throws Exception {
            Files.delete(file);
        }

        @Override
        public List<String> delivered() {
            try {
                return Files.exists(file) ? List.of(Files.readString(file)) : List.of();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
        }
    }

    /** A destination topic that takes records of 1000 bytes until fixed. */
    private static final class KafkaTarget implements Target {
        private final String topic;

        KafkaTarget(String name) throws Exception {
            topic = TestKafka.uniqueTopic(name + "-out");
            try (Admin admin = admin()) {
                admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1)
                        .configs(Map.of("max.message.bytes", "1000")))).all().get();
            }
        }

        @Override
        public String transportJson() {
            return "{\"type\":\"kafka\",\"address\":\"kafka:" + topic + "\"}";
        }

        @Override
        public Map<String, String> headers() {
            return Map.of();
        }

        @Override
        public void fix() throws Exception {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            try (Admin admin = admin()) {
                admin.incrementalAlterConfigs(Map.of(resource, List.of(new AlterConfigOp(
                        new ConfigEntry("max.message.bytes", "1000000"), AlterConfigOp.OpType.SET)))).all().get();
            }
        }

        @Override
        public List<String> delivered() {
            return TestKafka.read(topic, 1, Duration.ofSeconds(10)).stream().map(r -> TestKafka.text(r.value())).toList();
        }

        @Override
        public void close() {
        }

        private static Admin admin() {
            return Admin.create(Map.of("bootstrap.servers", KafkaTestResource.bootstrapServers()));
        }
    }
}
