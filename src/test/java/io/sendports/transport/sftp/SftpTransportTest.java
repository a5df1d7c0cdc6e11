package io.sendports.transport.sftp;

import static io.restassured.RestAssured.given;
import static io.sendports.testsupport.Api.action;
import static io.sendports.testsupport.Api.create;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.sendports.testsupport.Api;
import io.sendports.testsupport.KafkaTestResource;
import io.sendports.testsupport.TestKafka;

/**
 * The sftp transport against a real SFTP server in the test's JVM ({@link SftpTestServer}): ports defined through
 * the REST API, messages published to Kafka, files looked for in the server's directory.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = SftpServerResource.class, scope = TestResourceScope.GLOBAL)
class SftpTransportTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** The API answers 503 until the application has read its topics (when this class is the first to run). */
    @org.junit.jupiter.api.BeforeEach
    void ready() {
        await().atMost(Duration.ofSeconds(60)).until(() -> io.restassured.RestAssured.given().get("/q/health/ready")
                .statusCode() == 200);
    }

    private static SftpTestServer server() {
        return SftpServerResource.server();
    }

    private static String secret(String name) {
        return "${file:" + SftpServerResource.secrets().resolve(name) + "}";
    }

    private static Path writeSecret(String name, String value) throws Exception {
        return Files.writeString(SftpServerResource.secrets().resolve(name), value);
    }

    /** An sftp transport logging in with the test server's password and host key, plus {@code more} options. */
    static String sftp(String address, String more) {
        return "{\"type\":\"sftp\",\"address\":\"" + address + "\",\"options\":{\"username\":\"" + SftpTestServer.USER
                + "\",\"password\":\"" + secret("password") + "\",\"knownHosts\":\"" + secret("known_hosts") + "\""
                + (more == null ? "" : "," + more) + "}}";
    }

    @Test
    void aThousandFilesThroughAStartedStaticPort() throws Exception {
        String topic = TestKafka.uniqueTopic("sftp-bulk");
        Path directory = server().directory("bulk");
        create(Api.staticPort("sftp-thousand", topic, sftp(server().address("/bulk"),
                "\"fileName\":\"%SourceFileName%\",\"mode\":\"create\""), null)).statusCode(201);
        action("sftp-thousand", "start").statusCode(200);

        int count = 1000;
        long started = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = TestKafka.producer()) {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String name = String.format("order-%04d.xml", i);
                sent.add(producer.send(new ProducerRecord<>(topic, null, name.getBytes(StandardCharsets.UTF_8),
                        ("<order n=\"" + i + "\"/>").getBytes(StandardCharsets.UTF_8),
                        List.of(new RecordHeader("sendports.file-name", name.getBytes(StandardCharsets.UTF_8))))));
            }
            for (var future : sent) {
                future.get(30, TimeUnit.SECONDS);
            }
        }
        long published = System.nanoTime();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                .alias("1,000 files; suspended: " + suspendedErrors("sftp-thousand"))
                .until(() -> files(directory).size() == count);
        long done = System.nanoTime();
        System.out.printf("sftp: 1,000 files delivered in %d ms after publishing (publishing took %d ms)%n",
                (done - published) / 1_000_000, (published - started) / 1_000_000);
        assertEquals("<order n=\"7\"/>", Files.readString(directory.resolve("order-0007.xml")));
        assertEquals("<order n=\"999\"/>", Files.readString(directory.resolve("order-0999.xml")));
        await().atMost(WAIT).until(() -> allNames(directory).size() == count);
        assertEquals(List.of(), suspendedErrors("sftp-thousand"));
        action("sftp-thousand", "unenlist").statusCode(200);
    }

    @Test
    void createModeLeavesAnExistingFileAndSuspendsItsMessageAtOnce() throws Exception {
        String topic = TestKafka.uniqueTopic("sftp-create");
        Path directory = server().directory("create");
        Files.writeString(directory.resolve("taken.txt"), "old");
        create(Api.staticPort("sftp-create", topic, sftp(server().address("/create"),
                "\"fileName\":\"%SourceFileName%\",\"mode\":\"create\""), null)).statusCode(201);
        action("sftp-create", "start").statusCode(200);

        TestKafka.publish(topic, "k1", "new", Map.of("sendports.file-name", "taken.txt"));
        TestKafka.publish(topic, "k2", "fresh", Map.of("sendports.file-name", "fresh.txt"));

        await().atMost(WAIT).until(() -> Files.exists(directory.resolve("fresh.txt")));
        try {
            await().atMost(WAIT).until(() -> suspended("sftp-create").size() == 1);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // where taken.txt's message went (retried, or still in flight), as the port's status says it then
            throw new AssertionError("taken.txt's message was not suspended; the port's status: "
                    + Api.get("sftp-create").extract().jsonPath().getMap("status"), e);
        }
        Map<String, Object> message = suspended("sftp-create").get(0);
        assertEquals(1, message.get("attempts"), message.toString());
        String error = String.valueOf(message.get("error"));
        assertTrue(error.contains("/create/taken.txt exists") && error.contains("mode is create"), error);
        assertEquals("old", Files.readString(directory.resolve("taken.txt")));
        assertEquals("fresh", Files.readString(directory.resolve("fresh.txt")));
        action("sftp-create", "unenlist").statusCode(200);
    }

    @Test
    void aHostKeyNotInKnownHostsIsRefusedAndNothingIsWritten() throws Exception {
        String topic = TestKafka.uniqueTopic("sftp-hostkey");
        Path directory = server().directory("hostkey");
        writeSecret("known_hosts-other", server().otherKnownHosts());
        String transport = sftp(server().address("/hostkey"), null).replace(secret("known_hosts"),
                secret("known_hosts-other"));
        create(Api.staticPort("sftp-hostkey", topic, transport, null)).statusCode(201);
        action("sftp-hostkey", "start").statusCode(200);

        TestKafka.publish(topic, "k1", "to a stranger", Map.of());

        await().atMost(WAIT).until(() -> suspended("sftp-hostkey").size() == 1);
        Map<String, Object> message = suspended("sftp-hostkey").get(0);
        assertEquals(1, message.get("attempts"), message.toString());
        assertTrue(String.valueOf(message.get("error")).contains("host key refused"), message.toString());
        assertEquals(List.of(), allNames(directory));
        action("sftp-hostkey", "unenlist").statusCode(200);
    }

    @Test
    void aWrongPasswordIsSuspendedWithAClearErrorThatDoesNotShowIt() throws Exception {
        String topic = TestKafka.uniqueTopic("sftp-badpw");
        String wrong = "Wr0ng-" + System.nanoTime();
        writeSecret("wrong-password", wrong);
        String transport = sftp(server().address("/badpw"), null).replace(secret("password"), secret("wrong-password"));
        create(Api.staticPort("sftp-badpw", topic, transport, null)).statusCode(201);
        action("sftp-badpw", "start").statusCode(200);

        TestKafka.publish(topic, "k1", "never", Map.of());

        await().atMost(WAIT).until(() -> suspended("sftp-badpw").size() == 1);
        String all = given().get("/api/suspended-messages?port=sftp-badpw").asString();
        Map<String, Object> message = suspended("sftp-badpw").get(0);
        assertEquals(1, message.get("attempts"), message.toString());
        String error = String.valueOf(message.get("error"));
        assertTrue(error.contains("authentication failed") && error.contains(SftpTestServer.USER), error);
        String port = Api.get("sftp-badpw").extract().asString();
        for (String text : List.of(all, port)) {
            assertFalse(text.contains(wrong), text);
            assertFalse(text.contains(SftpServerResource.PASSWORD), text);
        }
        assertTrue(port.contains(secret("wrong-password")), "the reference is shown as written: " + port);
        action("sftp-badpw", "unenlist").statusCode(200);
    }

    @Test
    void aServerThatIsDownIsRetriedAndDeliveredToWhenItIsBack() throws Exception {
        Path root = Files.createTempDirectory("sendports-sftp-down");
        try (SftpTestServer down = new SftpTestServer(root, SftpServerResource.PASSWORD)) {
            writeSecret("known_hosts-down", down.knownHosts());
            down.stop();
            String topic = TestKafka.uniqueTopic("sftp-down");
            String transport = sftp(down.address("/later"), null).replace(secret("known_hosts"),
                    secret("known_hosts-down"));
            String definition = Api.staticPort("sftp-down", topic, transport, null);
            definition = definition.substring(0, definition.length() - 1)
                    + ",\"retry\":{\"count\":20,\"interval\":\"PT1S\"}}";
            create(definition).statusCode(201);
            action("sftp-down", "start").statusCode(200);

            TestKafka.publish(topic, "k1", "patience", Map.of("sendports.file-name", "ignored"));

            await().atMost(WAIT).until(() -> Api.get("sftp-down").extract().jsonPath().getLong("status.failed") >= 2);
            assertEquals(List.of(), suspended("sftp-down"));
            Files.createDirectories(root.resolve("later"));
            down.start();
            await().atMost(WAIT).alias("delivered after the server came back")
                    .until(() -> files(root.resolve("later")).size() == 1);
            assertEquals("patience", Files.readString(files(root.resolve("later")).get(0)));
            assertEquals(List.of(), suspended("sftp-down"));
            action("sftp-down", "unenlist").statusCode(200);
        }
    }

    @Test
    void aPrivateKeyLogsInToo() throws Exception {
        String topic = TestKafka.uniqueTopic("sftp-key");
        Path directory = server().directory("keyed");
        writeSecret("id_rsa", server().privateKeyPem());
        String transport = sftp(server().address("/keyed"), "\"fileName\":\"%MessageID%.txt\"")
                .replace("\"password\":\"" + secret("password") + "\"", "\"privateKey\":\"" + secret("id_rsa") + "\"");
        create(Api.staticPort("sftp-key", topic, transport, null)).statusCode(201);
        action("sftp-key", "start").statusCode(200);

        TestKafka.publish(topic, "k1", "by key", Map.of());

        await().atMost(WAIT).alias("suspended: " + suspendedErrors("sftp-key")).until(() -> files(directory).size() == 1);
        assertTrue(files(directory).get(0).getFileName().toString().endsWith(".txt"));
        assertEquals("by key", Files.readString(files(directory).get(0)));
        action("sftp-key", "unenlist").statusCode(200);
    }

    @Test
    void aDynamicPortDeliversInsideItsAllowListWithTheOperatorsCredentials() throws Exception {
        String topic = TestKafka.uniqueTopic("sftp-dyn");
        int port = server().port();
        String body = "{\"name\":\"sftp-dynamic\",\"kind\":\"dynamic\",\"pattern\":\"one-way\",\"subscription\":{"
                + "\"topics\":[\"" + topic + "\"]},\"allowedDestinations\":[\"sftp://127.0.0.1:" + port + "/dyn/**\","
                + "\"sftp://127.0.0.2:" + port + "/dyn/**\"]}";
        create(body).statusCode(201);
        action("sftp-dynamic", "start").statusCode(200);

        TestKafka.publish(topic, "k1", "inside", Map.of("sendports.address", server().address("/dyn/eu"),
                "sendports.file-name", "one.txt"));
        TestKafka.publish(topic, "k2", "outside", Map.of("sendports.address", server().address("/elsewhere"),
                "sendports.file-name", "two.txt"));
        TestKafka.publish(topic, "k3", "no credentials", Map.of("sendports.address",
                "sftp://127.0.0.2:" + port + "/dyn/eu", "sendports.file-name", "three.txt"));

        Path delivered = server().root().resolve("dyn/eu/one.txt");
        await().atMost(WAIT).alias("suspended: " + suspendedErrors("sftp-dynamic")).until(() -> Files.exists(delivered));
        assertEquals("inside", Files.readString(delivered));
        await().atMost(WAIT).until(() -> suspended("sftp-dynamic").size() == 2);
        List<String> errors = suspendedErrors("sftp-dynamic");
        assertTrue(errors.stream().anyMatch(e -> e.contains("/elsewhere") && e.contains("matches no allowed destination")),
                errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.contains("127.0.0.2:" + port) && e.contains("no credentials")),
                errors.toString());
        assertFalse(Files.exists(server().root().resolve("elsewhere")));
        suspended("sftp-dynamic").forEach(m -> assertEquals(1, m.get("attempts"), m.toString()));
        action("sftp-dynamic", "unenlist").statusCode(200);
    }

    @Test
    void definitionsWithoutProperCredentialsAre400sThatNeverEchoALiteral() {
        String address = server().address("/x");
        String literal = "Hunter2-literal-" + System.nanoTime();
        String withLiteral = sftp(address, null).replace(secret("password"), literal);
        String problems = refused(Api.staticPort("sftp-bad-1", "t", withLiteral, null), "transport.options.password");
        assertFalse(problems.contains(literal), problems);

        refused(Api.staticPort("sftp-bad-2", "t", sftp(address, null).replace(",\"knownHosts\":\""
                + secret("known_hosts") + "\"", ""), null), "transport.options.knownHosts");
        refused(Api.staticPort("sftp-bad-3", "t", sftp("sftp://127.0.0.1:99999/x", null), null), "transport.address");
        refused(Api.staticPort("sftp-bad-4", "t", sftp("http://127.0.0.1/x", null), null), "transport.address");
        refused(Api.staticPort("sftp-bad-5", "t", sftp("sftp://user@127.0.0.1/x", null), null), "transport.address");
        refused(Api.staticPort("sftp-bad-6", "t", sftp(address, "\"privateKey\":\"" + secret("id") + "\""), null),
                "transport.options.privateKey");
        refused(Api.staticPort("sftp-bad-7", "t", sftp(address, "\"mode\":\"replace\""), null),
                "transport.options.mode");
        refused(Api.staticPort("sftp-bad-8", "t", sftp(address, null).replace(secret("known_hosts"),
                "${file:/etc/ssh/known_hosts}"), null), "transport.options.knownHosts");
        refused("{\"name\":\"sftp-bad-9\",\"kind\":\"dynamic\",\"pattern\":\"one-way\",\"subscription\":{\"topics\":"
                + "[\"t\"]},\"allowedDestinations\":[\"sftp://*/**\"]}", "allowedDestinations[0]");
    }

    private static String refused(String body, String field) {
        String answer = given().contentType(ContentType.JSON).body(body).post("/api/send-ports").then()
                .statusCode(400).extract().asString();
        assertTrue(JsonPath.from(answer).getList("errors.field").contains(field), answer);
        return answer;
    }

    private static List<Map<String, Object>> suspended(String port) {
        return JsonPath.from(given().get("/api/suspended-messages?port=" + port).asString()).getList("");
    }

    private static List<String> suspendedErrors(String port) {
        return suspended(port).stream().map(m -> String.valueOf(m.get("error"))).toList();
    }

    /** The files of a directory that are not temporary. */
    private static List<Path> files(Path directory) throws Exception {
        return allNames(directory).stream().filter(name -> !name.startsWith(".")).map(directory::resolve).toList();
    }

    private static List<String> allNames(Path directory) throws Exception {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(directory)) {
            return list.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }
}
