package io.sendports.security;

import static io.restassured.RestAssured.given;
import static io.sendports.testsupport.Api.fileTransport;
import static io.sendports.testsupport.Api.staticPort;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.sendports.testsupport.KafkaTestResource;
import io.sendports.testsupport.TestKafka;

/**
 * DESIGN.md §7's rights, endpoint by endpoint, through real HTTP with Basic auth: one row per endpoint (method and
 * path, as the OpenAPI document names them) with the roles that may call it. Anonymous calls answer 401 with a
 * challenge, the other roles 403, both problem+json; the allowed roles get anything but 401, 403 and 5xx. An endpoint of
 * the OpenAPI document without a row fails the test.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class RightsMatrixTest {
    private static final String PASSWORD = "matrix-password-1";
    private static final Set<String> ALL = Set.of("viewer", "operator", "admin");
    private static final Set<String> OPERATORS = Set.of("operator", "admin");
    private static final Set<String> ADMINS = Set.of("admin");

    @TempDir
    Path dir;

    /** One endpoint: how to call it, and who may. */
    private record Row(String method, String template, String path, String body, Set<String> allowed) {
    }

    private List<Row> rows() {
        String port = staticPort("mx-new", TestKafka.uniqueTopic("mx-new"), fileTransport(dir, null), null);
        String group = "{\"name\":\"mx-new-group\",\"sendPorts\":[],\"subscription\":{\"topics\":[\"mx-t\"]}}";
        return List.of(
                new Row("GET", "/api/send-ports", "/api/send-ports", null, ALL),
                new Row("POST", "/api/send-ports", "/api/send-ports", port, ADMINS),
                new Row("GET", "/api/send-ports/{name}", "/api/send-ports/mx-port", null, ALL),
                new Row("PUT", "/api/send-ports/{name}", "/api/send-ports/mx-new", port, ADMINS),
                new Row("POST", "/api/send-ports/{name}/enlist", "/api/send-ports/mx-port/enlist", null, ADMINS),
                new Row("POST", "/api/send-ports/{name}/start", "/api/send-ports/mx-port/start", null, OPERATORS),
                new Row("POST", "/api/send-ports/{name}/stop", "/api/send-ports/mx-port/stop", null, OPERATORS),
                new Row("POST", "/api/send-ports/{name}/unenlist", "/api/send-ports/mx-new/unenlist", null, ADMINS),
                new Row("DELETE", "/api/send-ports/{name}", "/api/send-ports/mx-new", null, ADMINS),
                new Row("GET", "/api/send-port-groups", "/api/send-port-groups", null, ALL),
                new Row("POST", "/api/send-port-groups", "/api/send-port-groups", group, ADMINS),
                new Row("GET", "/api/send-port-groups/{name}", "/api/send-port-groups/mx-group", null, ALL),
                new Row("PUT", "/api/send-port-groups/{name}", "/api/send-port-groups/mx-new-group", group, ADMINS),
                new Row("POST", "/api/send-port-groups/{name}/{action}", "/api/send-port-groups/mx-group/start", null,
                        OPERATORS),
                new Row("DELETE", "/api/send-port-groups/{name}", "/api/send-port-groups/mx-new-group", null, ADMINS),
                new Row("GET", "/api/suspended-messages", "/api/suspended-messages", null, ALL),
                new Row("GET", "/api/suspended-messages/{id}", "/api/suspended-messages/none", null, ALL),
                new Row("POST", "/api/suspended-messages/{id}/resume", "/api/suspended-messages/none/resume", null,
                        OPERATORS),
                new Row("DELETE", "/api/suspended-messages/{id}", "/api/suspended-messages/none", null, OPERATORS),
                new Row("POST", "/api/topics/{topic}/messages", "/api/topics/" + TestKafka.uniqueTopic("mx") + "/messages",
                        "{\"value\":\"x\"}", ADMINS),
                new Row("GET", "/api/bindings", "/api/bindings", null, ALL),
                new Row("POST", "/api/bindings", "/api/bindings", "{\"version\":1}", ADMINS),
                new Row("GET", "/api/me", "/api/me", null, ALL),
                new Row("POST", "/api/logout", "/api/logout", null, ALL),
                new Row("GET", "/api/users", "/api/users", null, ADMINS),
                new Row("POST", "/api/users", "/api/users",
                        "{\"name\":\"mx-made\",\"role\":\"viewer\",\"password\":\"" + PASSWORD + "\"}", ADMINS),
                new Row("PUT", "/api/users/{name}", "/api/users/mx-made", "{\"role\":\"operator\"}", ADMINS),
                new Row("DELETE", "/api/users/{name}", "/api/users/mx-made", null, ADMINS));
    }

    @Test
    void everyEndpointAnswersEachRoleAsDesignSays() {
        for (String role : List.of("viewer", "operator")) {
            given().contentType(ContentType.JSON).body("{\"name\":\"mx-" + role + "\",\"role\":\"" + role
                    + "\",\"password\":\"" + PASSWORD + "\"}").post("/api/users").then().statusCode(201);
        }
        given().contentType(ContentType.JSON).body(staticPort("mx-port", TestKafka.uniqueTopic("mx-port"),
                fileTransport(dir, null), null)).post("/api/send-ports").then().statusCode(201);
        given().post("/api/send-ports/mx-port/enlist").then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"name\":\"mx-group\",\"sendPorts\":[\"mx-port\"],"
                + "\"subscription\":{\"topics\":[\"mx-t\"]},\"state\":\"stopped\"}").post("/api/send-port-groups")
                .then().statusCode(201);

        List<Row> rows = rows();
        List<String> wrong = new ArrayList<>();
        for (Row row : rows) {
            int anonymous = call(row, null).statusCode();
            if (anonymous != 401) {
                wrong.add(row.method() + " " + row.path() + " anonymous: " + anonymous);
            }
            for (String role : List.of("viewer", "operator", "admin")) {
                int status = call(row, role).statusCode();
                boolean allowed = row.allowed().contains(role);
                if (allowed ? status == 401 || status == 403 || status >= 500 : status != 403) {
                    wrong.add(row.method() + " " + row.path() + " as " + role + ": " + status);
                }
            }
        }
        assertEquals(List.of(), wrong);

        Set<String> documented = new TreeSet<>();
        JsonPath openApi = given().accept("application/json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        java.util.Map<String, java.util.Map<String, Object>> paths = openApi.getMap("paths");
        paths.forEach((path, operations) -> operations.keySet().forEach(method -> documented.add(
                method.toUpperCase(java.util.Locale.ROOT) + " " + path)));
        Set<String> covered = new TreeSet<>();
        rows.forEach(row -> covered.add(row.method() + " " + row.template()));
        assertEquals(documented, covered, "every endpoint of the OpenAPI document has a row, and no row is extra");
    }

    @Test
    void unauthenticatedAndForbiddenAreProblemsWithAChallenge() {
        given().auth().none().get("/api/send-ports").then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Basic realm=\"Sendports\"")).body("status", equalTo(401));
        given().auth().preemptive().basic("admin", "wrong-password").get("/api/send-ports").then().statusCode(401)
                .contentType("application/problem+json");
        given().auth().none().get("/q/health/ready").then().statusCode(200);
        for (String path : List.of("/q/metrics", "/q/openapi")) {
            given().auth().none().get(path).then().statusCode(401).contentType("application/problem+json")
                    .header("WWW-Authenticate", containsString("Basic realm=\"Sendports\""))
                    .body("status", equalTo(401));
            given().auth().preemptive().basic("admin", "not-the-password").get(path).then().statusCode(401)
                    .contentType("application/problem+json");
        }
        given().get("/q/metrics").then().statusCode(200);
        given().get("/api/me").then().statusCode(200).body("user", equalTo("admin"))
                .body("roles", equalTo(List.of("admin")));
    }

    @Test
    void crossOriginRequestsAreRefusedAndScriptsAreNot() {
        given().header("Origin", "https://evil.example").contentType(ContentType.JSON).body("{\"value\":\"x\"}")
                .post("/api/topics/" + TestKafka.uniqueTopic("cors") + "/messages").then().statusCode(403);
        given().header("Origin", "https://evil.example").contentType("text/plain").body("x")
                .post("/api/send-ports/none/start").then().statusCode(403);
        given().header("Origin", "null").post("/api/send-ports/none/stop").then().statusCode(403);
        given().post("/api/send-ports/none/stop").then().statusCode(404);
    }

    @Test
    void anOperatorCannotStartAnUnenlistedPortOrGroup() {
        given().contentType(ContentType.JSON).body("{\"name\":\"mx-op\",\"role\":\"operator\",\"password\":\""
                + PASSWORD + "\"}").post("/api/users");
        given().contentType(ContentType.JSON).body(staticPort("mx-unenlisted", TestKafka.uniqueTopic("mx-u"),
                fileTransport(dir, null), null)).post("/api/send-ports").then().statusCode(201);
        operator().post("/api/send-ports/mx-unenlisted/start").then().statusCode(403)
                .contentType("application/problem+json").body("detail", containsString("would enlist it"));
        given().get("/api/send-ports/mx-unenlisted").then().body("state", equalTo("unenlisted"));
        given().post("/api/send-ports/mx-unenlisted/enlist").then().statusCode(200)
                .body("lastChangedBy", equalTo("admin"));
        operator().post("/api/send-ports/mx-unenlisted/start").then().statusCode(200)
                .body("state", equalTo("started")).body("lastChangedBy", equalTo("mx-op"));
        operator().post("/api/send-ports/mx-unenlisted/unenlist").then().statusCode(403);

        given().contentType(ContentType.JSON).body("{\"name\":\"mx-op-group\",\"sendPorts\":[\"mx-unenlisted\"],"
                + "\"subscription\":{\"topics\":[\"mx-t\"]}}").post("/api/send-port-groups").then().statusCode(201);
        operator().post("/api/send-port-groups/mx-op-group/start").then().statusCode(403)
                .body("detail", containsString("would enlist it"));
        operator().post("/api/send-port-groups/mx-op-group/enlist").then().statusCode(403);
        given().post("/api/send-port-groups/mx-op-group/enlist").then().statusCode(200);
        operator().post("/api/send-port-groups/mx-op-group/start").then().statusCode(200)
                .body("lastChangedBy", equalTo("mx-op"));
        given().post("/api/send-port-groups/mx-op-group/unenlist").then().statusCode(200);
        given().delete("/api/send-port-groups/mx-op-group").then().statusCode(204);
        given().post("/api/send-ports/mx-unenlisted/unenlist").then().statusCode(200);
    }

    @Test
    void onlyAdminsReadTheBodyOfASuspendedMessage() {
        String topic = TestKafka.uniqueTopic("mx-body");
        given().contentType(ContentType.JSON).body("{\"name\":\"mx-body\",\"role\":\"viewer\",\"password\":\""
                + PASSWORD + "\"}").post("/api/users");
        given().contentType(ContentType.JSON).body("{\"name\":\"mx-fails\",\"kind\":\"static\",\"pattern\":\"one-way\","
                + "\"subscription\":{\"topics\":[\"" + topic + "\"]},\"transport\":{\"type\":\"http\","
                + "\"address\":\"http://localhost:1/closed\"},\"retry\":{\"count\":0},\"state\":\"started\"}")
                .post("/api/send-ports").then().statusCode(201);
        TestKafka.publish(topic, "k", "the secret body", java.util.Map.of("h", "v"));
        String id = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(
                () -> given().get("/api/suspended-messages?port=mx-fails").then().extract().<String>path("[0].id"),
                java.util.Objects::nonNull);
        given().get("/api/suspended-messages/" + id).then().statusCode(200).body("body", equalTo("the secret body"));
        String asViewer = given().auth().preemptive().basic("mx-body", PASSWORD).get("/api/suspended-messages/" + id)
                .then().statusCode(200).body("headers.h", equalTo("v")).extract().asString();
        assertTrue(!asViewer.contains("the secret body") && !asViewer.contains("\"body\":")
                && !asViewer.contains("bodyBase64"), asViewer);
        given().post("/api/send-ports/mx-fails/unenlist").then().statusCode(200);
    }

    @Test
    void passwordsAreWriteOnlyAndTheLastAdminStays() {
        String users = given().get("/api/users").then().statusCode(200).extract().asString();
        assertTrue(!users.contains("$2") && !users.contains("password"), users);
        given().contentType(ContentType.JSON).body("{\"role\":\"viewer\"}").put("/api/users/admin").then()
                .statusCode(409).body("detail", containsString("last admin"));
        given().delete("/api/users/admin").then().statusCode(409);
        given().contentType(ContentType.JSON).body("{\"name\":\"mx-short\",\"role\":\"viewer\",\"password\":\"short\"}")
                .post("/api/users").then().statusCode(400).body("errors[0].field", equalTo("password"));
    }

    private static RequestSpecification operator() {
        return given().auth().preemptive().basic("mx-op", PASSWORD);
    }

    /** A row's request as {@code role} (null: anonymous). */
    private static Response call(Row row, String role) {
        RequestSpecification request = role == null ? given().auth().none()
                : role.equals("admin") ? given() : given().auth().preemptive().basic("mx-" + role, PASSWORD);
        if (row.body() != null) {
            request = request.contentType(ContentType.JSON).body(row.body());
        }
        return request.request(row.method(), row.path());
    }
}
