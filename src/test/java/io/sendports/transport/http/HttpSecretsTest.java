package io.sendports.transport.http;

import static io.restassured.RestAssured.given;
import static io.sendports.testsupport.Api.action;
import static io.sendports.testsupport.Api.create;
import static io.sendports.testsupport.Api.get;
import static io.sendports.testsupport.Api.staticPort;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.sendports.domain.SecretPaths;
import io.sendports.testsupport.HttpReceiver;
import io.sendports.testsupport.CapturedLog;
import io.sendports.testsupport.KafkaTestResource;
import io.sendports.testsupport.TestKafka;

/**
 * HTTP destination authentication from secret references (API.md "Secret references", DESIGN.md §7): the
 * credentials reach the receiver, a rotated file is used by the next delivery, an unresolvable reference fails the
 * delivery by its name, and no secret value shows up in the control topic, the API's answers, the log or the
 * suspended records. The secret files lie in
 * {@code target/test-secrets/http}, under the directory the tests allow; suspensions are logged at debug, so
 * the class turns debug on for {@code io.sendports} while it runs.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HttpSecretsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    static final Path SECRETS = Path.of("target", "test-secrets", "http").toAbsolutePath();
    /** Every secret value a test wrote, and how it went over the wire (Basic credentials in base64). */
    private static final Set<String> VALUES = ConcurrentHashMap.newKeySet();
    private static final CapturedLog LOG = new CapturedLog();

    @BeforeAll
    static void captureLog() throws IOException {
        Files.createDirectories(SECRETS);
        LOG.start();
    }

    /** The API answers 503 until the application has read its topics (when this class is the first to run). */
    @org.junit.jupiter.api.BeforeEach
    void ready() {
        await().atMost(Duration.ofSeconds(60)).until(() -> io.restassured.RestAssured.given().get("/q/health/ready")
                .statusCode() == 200);
    }

    @AfterAll
    static void stopCapture() {
        LOG.stop();
    }

    /** Writes a secret file as a rotation does: a new file moved into place. */
    private static Path secret(String name, String content) throws IOException {
        Path file = SECRETS.resolve(name);
        Path fresh = SECRETS.resolve(name + ".new");
        Files.writeString(fresh, content + "\n", StandardCharsets.UTF_8);
        Files.move(fresh, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return file;
    }

    private static String basic(String user, String password) {
        String encoded = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        VALUES.add(password);
        VALUES.add(encoded);
        return "Basic " + encoded;
    }

    private static String http(String url, String options) {
        return "{\"type\":\"http\",\"address\":\"" + url + "\",\"options\":" + options + "}";
    }

    private static List<String> suspended(String port) {
        return JsonPath.from(given().get("/api/suspended-messages?port=" + port).asString()).getList("id");
    }

    @Test
    @Order(1)
    void basicAuthAndASecretHeaderAreSentAndARotatedFileIsUsedByTheNextDelivery() throws IOException {
        Path password = secret("erp-password", "pw-Zq81-first");
        Path keys = secret("erp.properties", "api.key=key-Zq81-first");
        VALUES.addAll(List.of("key-Zq81-first", "key-Zq81-second"));
        try (HttpReceiver receiver = new HttpReceiver()) {
            String topic = TestKafka.uniqueTopic("http-secret-basic");
            create(staticPort("http-secret-basic", topic, http(receiver.url("/basic"),
                    "{\"auth\":{\"type\":\"basic\",\"username\":\"erp\",\"password\":\"${file:" + password + "}\"},"
                            + "\"secretHeaders\":{\"X-Api-Key\":\"${file:" + keys + ":api.key}\"}}"), null))
                    .statusCode(201);
            action("http-secret-basic", "start").statusCode(200);

            // a record cannot replace the credentials: its Authorization and X-Api-Key are not what is sent
            TestKafka.publish(topic, "k1", "first", Map.of("Authorization", "Basic Zm9yZ2VkOmZvcmdlZA==",
                    "x-api-key", "forged", "region", "eu"));
            await().atMost(WAIT).until(() -> receiver.requests().size() == 1);
            HttpReceiver.Request first = receiver.requests().get(0);
            assertEquals(basic("erp", "pw-Zq81-first"), first.header("Authorization"));
            assertEquals("key-Zq81-first", first.header("X-Api-Key"));
            assertEquals("eu", first.header("region"), "other message headers are forwarded as before");

            secret("erp-password", "pw-Zq81-second");
            secret("erp.properties", "api.key=key-Zq81-second");
            TestKafka.publish(topic, "k2", "second", Map.of());
            await().atMost(WAIT).until(() -> receiver.requests().size() == 2);
            HttpReceiver.Request second = receiver.requests().get(1);
            assertEquals(basic("erp", "pw-Zq81-second"), second.header("Authorization"));
            assertEquals("key-Zq81-second", second.header("X-Api-Key"));

            get("http-secret-basic").statusCode(200)
                    .body("transport.options.auth.password", equalTo("${file:" + password + "}"))
                    .body("transport.options.secretHeaders.X-Api-Key", equalTo("${file:" + keys + ":api.key}"));
            action("http-secret-basic", "stop").statusCode(200);
        }
    }

    @Test
    @Order(2)
    void bearerTokenIsSentAndAMessageAuthorizationIsNot() throws IOException {
        Path token = secret("erp-token", "tok-Zq81-bearer");
        VALUES.add("tok-Zq81-bearer");
        try (HttpReceiver receiver = new HttpReceiver()) {
            String topic = TestKafka.uniqueTopic("http-secret-bearer");
            create(staticPort("http-secret-bearer", topic, http(receiver.url("/bearer"),
                    "{\"auth\":{\"type\":\"bearer\",\"token\":\"${file:" + token + "}\"}}"), null)).statusCode(201);
            action("http-secret-bearer", "start").statusCode(200);
            TestKafka.publish(topic, "k", "m", Map.of("authorization", "Bearer forged"));
            await().atMost(WAIT).until(() -> receiver.requests().size() == 1);
            assertEquals("Bearer tok-Zq81-bearer", receiver.requests().get(0).header("Authorization"));
            action("http-secret-bearer", "stop").statusCode(200);
        }
    }

    @Test
    @Order(3)
    void aMissingFileSuspendsTheMessageNamingTheReferenceAndResumeUsesTheFileOnceItIsThere() throws IOException {
        Path token = SECRETS.resolve("late-token");
        Files.deleteIfExists(token);
        try (HttpReceiver receiver = new HttpReceiver()) {
            String topic = TestKafka.uniqueTopic("http-secret-missing");
            create("{\"name\":\"http-secret-missing\",\"kind\":\"static\",\"pattern\":\"one-way\",\"subscription\":"
                    + "{\"topics\":[\"" + topic + "\"]},\"retry\":{\"count\":0,\"interval\":\"PT1M\"},\"transport\":"
                    + http(receiver.url("/late"), "{\"auth\":{\"type\":\"bearer\",\"token\":\"${file:" + token + "}\"}}")
                    + "}").statusCode(201);
            action("http-secret-missing", "start").statusCode(200);
            TestKafka.publish(topic, "k", "waits-for-its-token", Map.of());
            await().atMost(WAIT).until(() -> suspended("http-secret-missing").size() == 1);
            String id = suspended("http-secret-missing").get(0);
            String error = given().get("/api/suspended-messages/" + id).then().statusCode(200).extract().path("error");
            assertTrue(error.contains("${file:" + token + "}") && error.contains("does not exist"), error);
            assertEquals(0, receiver.attempts().size(), "nothing is sent without its credentials");

            secret("late-token", "tok-Zq81-late");
            VALUES.add("tok-Zq81-late");
            given().post("/api/suspended-messages/" + id + "/resume").then().statusCode(200)
                    .body("delivered", equalTo(true));
            assertEquals("Bearer tok-Zq81-late", receiver.requests().get(0).header("Authorization"));
            action("http-secret-missing", "stop").statusCode(200);
        }
    }

    @Test
    @Order(4)
    void aBackupTransportAuthenticatesTooItsMissingSecretIsNamedAndResumeUsesTheFileOnceItIsThere() throws IOException {
        Path token = SECRETS.resolve("backup-token");
        Files.deleteIfExists(token);
        try (HttpReceiver primary = new HttpReceiver(); HttpReceiver backup = new HttpReceiver()) {
            primary.answer(request -> 503);
            String topic = TestKafka.uniqueTopic("http-secret-backup");
            create("{\"name\":\"http-secret-backup\",\"kind\":\"static\",\"pattern\":\"one-way\",\"subscription\":"
                    + "{\"topics\":[\"" + topic + "\"]},\"retry\":{\"count\":0,\"interval\":\"PT1M\"},\"transport\":"
                    + http(primary.url("/primary"), "{}") + ",\"backupTransport\":{\"type\":\"http\",\"address\":\""
                    + backup.url("/backup") + "\",\"options\":{\"auth\":{\"type\":\"bearer\",\"token\":\"${file:"
                    + token + "}\"}},\"retry\":{\"count\":0,\"interval\":\"PT1M\"}}}").statusCode(201);
            action("http-secret-backup", "start").statusCode(200);
            TestKafka.publish(topic, "k", "to-backup", Map.of());
            await().atMost(WAIT).until(() -> suspended("http-secret-backup").size() == 1);
            String id = suspended("http-secret-backup").get(0);
            String error = given().get("/api/suspended-messages/" + id).then().statusCode(200).extract().path("error");
            assertTrue(error.contains("${file:" + token + "}") && error.contains("does not exist"), error);
            assertEquals(0, backup.attempts().size(), "nothing is sent without its credentials");

            // resume takes the same way: primary, then the backup, which now finds its token
            secret("backup-token", "tok-Zq81-backup");
            VALUES.add("tok-Zq81-backup");
            given().post("/api/suspended-messages/" + id + "/resume").then().statusCode(200)
                    .body("delivered", equalTo(true));
            assertEquals("Bearer tok-Zq81-backup", backup.requests().get(0).header("Authorization"));

            // one more suspension stays for the search below
            Files.delete(token);
            TestKafka.publish(topic, "k", "to-backup-2", Map.of());
            await().atMost(WAIT).until(() -> {
                List<String> now = suspended("http-secret-backup");
                return now.size() == 1 && !now.contains(id);
            });
            action("http-secret-backup", "stop").statusCode(200);
        }
    }

    @Test
    @Order(5)
    void aFileOutsideTheAllowedDirectoriesAndALiteralAreRefusedAtCreate() {
        String outside = staticPort("http-secret-outside", "orders", http("http://erp.internal/x",
                "{\"auth\":{\"type\":\"bearer\",\"token\":\"${file:/etc/erp-token}\"}}"), null);
        String body = given().contentType(ContentType.JSON).body(outside).post("/api/send-ports").then().statusCode(400)
                .body("errors.field", hasItem("transport.options.auth.token")).extract().asString();
        assertTrue(body.contains(SecretPaths.SETTING), body);
        String withBackup = staticPort("http-secret-outside", "orders", http("http://erp.internal/x", "{}"), null);
        withBackup = withBackup.substring(0, withBackup.length() - 1) + ",\"backupTransport\":" + http(
                "http://erp.internal/y", "{\"secretHeaders\":{\"X-Api-Key\":\"${file:/etc/erp-key}\"}}") + "}";
        given().contentType(ContentType.JSON).body(withBackup).post("/api/send-ports").then().statusCode(400)
                .body("errors.field", hasItem("backupTransport.options.secretHeaders.X-Api-Key"));

        String literal = staticPort("http-secret-literal", "orders", http("http://erp.internal/x",
                "{\"auth\":{\"type\":\"basic\",\"username\":\"erp\",\"password\":\"pw-Zq81-literal\"}}"), null);
        VALUES.add("pw-Zq81-literal");
        String refused = given().contentType(ContentType.JSON).body(literal).post("/api/send-ports").then()
                .statusCode(400).body("errors.field", hasItem("transport.options.auth.password")).extract().asString();
        assertFalse(refused.contains("pw-Zq81-literal"), refused);
        get("http-secret-outside").statusCode(404);
        get("http-secret-literal").statusCode(404);
    }

    @Test
    @Order(6)
    void noSecretValueIsInTheControlTopicTheApiTheBindingsTheLogOrTheSuspendedRecords() throws IOException {
        assertTrue(VALUES.size() >= 9, VALUES.toString());
        List<String> places = new ArrayList<>();
        for (String port : List.of("http-secret-basic", "http-secret-bearer", "http-secret-backup")) {
            places.add("GET " + port + ": " + get(port).statusCode(200).extract().asString());
        }
        places.add("list: " + given().get("/api/send-ports").then().statusCode(200).extract().asString());
        String bindings = given().get("/api/bindings?ports=http-secret-basic,http-secret-bearer,http-secret-backup")
                .then().statusCode(200).extract().asString();
        assertTrue(bindings.contains("${file:"), "the export holds the references as written: " + bindings);
        places.add("bindings export: " + bindings);
        places.add("bindings export (YAML): " + given().accept("application/yaml").get("/api/bindings").then()
                .statusCode(200).extract().asString());
        for (String port : List.of("http-secret-backup")) {
            places.add("suspended list: " + given().get("/api/suspended-messages?port=" + port).then().statusCode(200)
                    .extract().asString());
        }
        String id = suspended("http-secret-backup").get(0);
        places.add("suspended " + id + ": " + given().get("/api/suspended-messages/" + id).then().statusCode(200)
                .extract().asString());
        List<String> control = TestKafka.texts("sendports.control");
        List<String> suspendedRecords = TestKafka.texts("sendports.suspended");
        assertTrue(control.stream().anyMatch(record -> record.contains("http-secret-basic")), "the control topic was read");
        assertTrue(suspendedRecords.stream().anyMatch(record -> record.contains("backup-token")),
                "the suspended records were read");
        places.addAll(control.stream().map(record -> "control record: " + record).toList());
        places.addAll(suspendedRecords.stream().map(record -> "suspended record: " + record).toList());
        List<String> log = LOG.lines();
        assertTrue(log.stream().anyMatch(line -> line.contains("backup-token")), "the log was captured: " + log.size());
        places.addAll(log.stream().map(line -> "log: " + line).toList());
        // nor the password every request of the suite signs in with (HTTP Basic), in them or in the users file
        places.add("users file: " + java.nio.file.Files.readString(java.nio.file.Path.of(
                org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("sendports.security.users-file",
                        String.class))));
        assertTrue(places.get(places.size() - 1).contains("admin=admin:$2"), "the users file was read");
        List<String> secrets = new ArrayList<>(VALUES);
        secrets.add(io.sendports.testsupport.TestUsers.ADMIN_PASSWORD);
        for (String place : places) {
            for (String value : secrets) {
                assertFalse(place.contains(value), "secret " + value + " found in " + place);
            }
        }
        for (String port : List.of("http-secret-basic", "http-secret-bearer", "http-secret-backup")) {
            action(port, "unenlist").statusCode(200);
        }
    }
}
