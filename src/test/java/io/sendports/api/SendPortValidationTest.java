package io.sendports.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.sendports.testsupport.Api;
import io.sendports.testsupport.KafkaTestResource;

/**
 * API.md "Port JSON" and error rules, as an outside client meets them: every malformed definition is a
 * 400 problem naming the field at fault, never a 500; names are unique ignoring case (409).
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class SendPortValidationTest {
    private static final String PROBLEM = "application/problem+json";

    private static final String NAME = "\"name\":\"invalid-port\"";
    private static final String STATIC = "\"kind\":\"static\"";
    private static final String ONE_WAY = "\"pattern\":\"one-way\"";
    private static final String SUB = "\"subscription\":{\"topics\":[\"orders\"]}";
    private static final String HTTP = transport("http", "http://127.0.0.1:9/orders", null);

    private static String port(String... members) {
        return "{" + String.join(",", members) + "}";
    }

    /** A valid static one-way port with one member replaced or added. */
    private static String with(String member) {
        String key = member.substring(0, member.indexOf(':'));
        StringBuilder json = new StringBuilder("{");
        boolean replaced = false;
        for (String base : List.of(NAME, STATIC, ONE_WAY, SUB, HTTP)) {
            if (base.startsWith(key + ":")) {
                base = member;
                replaced = true;
            }
            json.append(json.length() > 1 ? "," : "").append(base);
        }
        if (!replaced) {
            json.append(',').append(member);
        }
        return json.append('}').toString();
    }

    /** A valid static one-way port without one member. */
    private static String without(String key) {
        return port(Stream.of(NAME, STATIC, ONE_WAY, SUB, HTTP)
                .filter(member -> !member.startsWith("\"" + key + "\":")).toArray(String[]::new));
    }

    private static String transport(String type, String address, String optionsJson) {
        return "\"transport\":{\"type\":\"" + type + "\",\"address\":\"" + address + "\""
                + (optionsJson == null ? "" : ",\"options\":" + optionsJson) + "}";
    }

    private static String filter(String groupsJson) {
        return "\"subscription\":{\"topics\":[\"orders\"],\"filter\":" + groupsJson + "}";
    }

    static Stream<Arguments> malformed() {
        return Stream.concat(Stream.concat(basics(), reservedTopics()), Stream.concat(limits(), strictJson()));
    }

    /** Sendports' own topics and Kafka's internal ones (DESIGN.md §7), under their default names. */
    static Stream<Arguments> reservedTopics() {
        return Stream.of(
                Arguments.of("static kafka port to the control topic", with(transport("kafka", "kafka:sendports.control",
                        null)), "transport.address"),
                Arguments.of("static kafka port to the suspended topic",
                        with(transport("kafka", "kafka:sendports.suspended", null)), "transport.address"),
                Arguments.of("static kafka port to the retry topic", with(transport("kafka", "kafka:sendports.retry", null)),
                        "transport.address"),
                Arguments.of("static kafka port to the control topic spelt with _",
                        with(transport("kafka", "kafka:sendports_control", null)), "transport.address"),
                Arguments.of("static kafka port to a Kafka-internal topic",
                        with(transport("kafka", "kafka:__consumer_offsets", null)), "transport.address"),
                Arguments.of("backup transport to the control topic", with("\"backupTransport\":{\"type\":\"kafka\","
                        + "\"address\":\"kafka:sendports.control\"}"), "backupTransport.address"),
                Arguments.of("subscription to the control topic", with("\"subscription\":{\"topics\":[\"sendports.control\"]}"),
                        "subscription.topics[0]"),
                Arguments.of("subscription to the suspended topic",
                        with("\"subscription\":{\"topics\":[\"orders\",\"sendports.suspended\"]}"), "subscription.topics[1]"),
                Arguments.of("subscription to the retry topic", with("\"subscription\":{\"topics\":[\"sendports.retry\"]}"),
                        "subscription.topics[0]"),
                Arguments.of("solicit-response answering on the retry topic",
                        port(NAME, STATIC, "\"pattern\":\"solicit-response\"", SUB, HTTP,
                                "\"responseTopic\":\"sendports.retry\""), "responseTopic"));
    }

    private static String statements(int count, int propertyLength, int valueLength) {
        StringBuilder group = new StringBuilder("[[");
        for (int i = 0; i < count; i++) {
            group.append(i == 0 ? "" : ",").append("{\"property\":\"").append("p".repeat(propertyLength))
                    .append("\",\"operator\":\"==\",\"value\":\"").append("v".repeat(valueLength)).append("\"}");
        }
        return group.append("]]").toString();
    }

    private static String list(int count, String item) {
        return "[" + String.join(",", java.util.Collections.nCopies(count, "\"" + item + "\"")) + "]";
    }

    /** API.md "Limits" and docs/API-LIMITS.md: every field has a maximum, and the control record must fit. */
    static Stream<Arguments> limits() {
        String longHost = "http://erp.example/" + "a".repeat(2_048);
        return Stream.of(
                Arguments.of("http address of 2,000,000 characters",
                        with(transport("http", "http://erp.example/" + "a".repeat(2_000_000), null)), "transport.address"),
                Arguments.of("address of 2,049 characters", with(transport("http", longHost, null)), "transport.address"),
                Arguments.of("file address of 2,049 characters",
                        with(transport("file", "file:///tmp/" + "d".repeat(2_040), null)), "transport.address"),
                Arguments.of("backup address of 2,049 characters",
                        with("\"backupTransport\":{\"type\":\"http\",\"address\":\"" + longHost + "\"}"),
                        "backupTransport.address"),
                Arguments.of("1,001 filter statements", with(filter(statements(1_001, 1, 1))), "subscription.filter"),
                Arguments.of("filter property of 257 characters", with(filter(statements(1, 257, 1))),
                        "subscription.filter[0][0].property"),
                Arguments.of("filter value of 1,025 characters", with(filter(statements(1, 1, 1_025))),
                        "subscription.filter[0][0].value"),
                Arguments.of("101 allowed destinations",
                        port(NAME, "\"kind\":\"dynamic\"", ONE_WAY, SUB,
                                "\"allowedDestinations\":" + list(101, "http://*.internal/**")), "allowedDestinations"),
                Arguments.of("allowed destination of 2,049 characters",
                        port(NAME, "\"kind\":\"dynamic\"", ONE_WAY, SUB,
                                "\"allowedDestinations\":" + list(1, "http://h.internal/" + "a".repeat(2_031))),
                        "allowedDestinations[0]"),
                Arguments.of("option name of 257 characters",
                        with(transport("http", "http://h/x", "{\"" + "o".repeat(257) + "\":1}")), "transport.options"),
                Arguments.of("unknown field of 10,000 characters", with("\"" + "u".repeat(10_000) + "\":1"),
                        "u".repeat(100) + "..."),
                Arguments.of("field name of 100,000 characters", with("\"" + "u".repeat(100_000) + "\":1"), "body"),
                Arguments.of("17 transport options", with(transport("http", "http://h/x", "{" + java.util.stream.IntStream
                        .range(0, 17).mapToObj(i -> "\"o" + i + "\":1").collect(java.util.stream.Collectors.joining(","))
                        + "}")), "transport.options"),
                Arguments.of("101 forwarded headers", with(transport("http", "http://h/x", "{\"headers\":" + list(101, "h")
                        + "}")), "transport.options.headers"),
                Arguments.of("forwarded header name of 257 characters",
                        with(transport("http", "http://h/x", "{\"headers\":" + list(1, "h".repeat(257)) + "}")),
                        "transport.options.headers[0]"),
                Arguments.of("header prefix of 257 characters",
                        with(transport("http", "http://h/x", "{\"headerPrefix\":\"" + "x".repeat(257) + "\"}")),
                        "transport.options.headerPrefix"),
                Arguments.of("fileName of 256 characters",
                        with(transport("file", "file:///tmp/out", "{\"fileName\":\"" + "f".repeat(256) + "\"}")),
                        "transport.options.fileName"),
                Arguments.of("zone of 2,000 characters",
                        with("\"serviceWindow\":{\"from\":\"08:00\",\"to\":\"18:00\",\"zone\":\"" + "Z".repeat(2_000) + "\"}"),
                        "serviceWindow.zone"),
                Arguments.of("control record larger than the control topic takes",
                        with(filter(statements(1_000, 256, 1_024))), "body"));
    }

    /** API.md "Limits": strict JSON; read-only fields are not silently ignored. */
    static Stream<Arguments> strictJson() {
        return Stream.of(
                Arguments.of("name that is a number", with("\"name\":123"), "name"),
                Arguments.of("name that is a boolean", with("\"name\":true"), "name"),
                Arguments.of("description that is a number", with("\"description\":1.5"), "description"),
                Arguments.of("name that is an array", with("\"name\":[\"x\"]"), "name"),
                Arguments.of("topic that is a number", with("\"subscription\":{\"topics\":[7]}"), "subscription.topics[0]"),
                Arguments.of("orderedDelivery that is a string", with("\"orderedDelivery\":\"true\""), "orderedDelivery"),
                Arguments.of("orderedDelivery that is a number", with("\"orderedDelivery\":1"), "orderedDelivery"),
                Arguments.of("trailing object after the JSON", with("\"name\":\"trailing\"") + " {}", "body"),
                Arguments.of("trailing text after the JSON", with("\"name\":\"trailing\"") + "x", "body"),
                Arguments.of("duplicate key", "{\"name\":\"dup-b\"," + with("\"name\":\"dup-a\"").substring(1), "name"),
                Arguments.of("duplicate nested key",
                        with("\"subscription\":{\"topics\":[\"orders\"],\"topics\":[\"other\"]}"), "subscription.topics"),
                Arguments.of("value under exists",
                        with(filter("[[{\"property\":\"vip\",\"operator\":\"exists\",\"value\":\"yes\"}]]")),
                        "subscription.filter[0][0].value"),
                Arguments.of("status on create", with("\"status\":{\"running\":true}"), "status"),
                Arguments.of("fileName that is a number",
                        with(transport("file", "file:///tmp/out", "{\"fileName\":5}")), "transport.options.fileName"),
                Arguments.of("http method that is a list",
                        with(transport("http", "http://h/x", "{\"method\":[\"POST\"]}")), "transport.options.method"));
    }

    static Stream<Arguments> basics() {
        return Stream.of(
                Arguments.of("missing name", without("name"), "name"),
                Arguments.of("empty name", with("\"name\":\"\""), "name"),
                Arguments.of("bad name chars", with("\"name\":\"orders to erp!\""), "name"),
                Arguments.of("name starting with '-'", with("\"name\":\"-orders\""), "name"),
                Arguments.of("101-char name", with("\"name\":\"" + "n".repeat(101) + "\""), "name"),
                Arguments.of("257-char description", with("\"description\":\"" + "d".repeat(257) + "\""), "description"),
                Arguments.of("missing kind", without("kind"), "kind"),
                Arguments.of("unknown kind", with("\"kind\":\"hybrid\""), "kind"),
                Arguments.of("missing pattern", without("pattern"), "pattern"),
                Arguments.of("unknown pattern", with("\"pattern\":\"two-way\""), "pattern"),
                Arguments.of("missing subscription", without("subscription"), "subscription.topics"),
                Arguments.of("subscription without topics", with("\"subscription\":{}"), "subscription.topics"),
                Arguments.of("empty topics", with("\"subscription\":{\"topics\":[]}"), "subscription.topics"),
                Arguments.of("invalid topic name", with("\"subscription\":{\"topics\":[\"bad topic\"]}"),
                        "subscription.topics[0]"),
                Arguments.of("internal topic", with("\"subscription\":{\"topics\":[\"__consumer_offsets\"]}"),
                        "subscription.topics[0]"),
                Arguments.of("duplicate topic", with("\"subscription\":{\"topics\":[\"orders\",\"orders\"]}"),
                        "subscription.topics[1]"),
                Arguments.of("null topic", with("\"subscription\":{\"topics\":[\"orders\",null]}"),
                        "subscription.topics[1]"),
                Arguments.of("missing transport on static port", without("transport"), "transport"),
                Arguments.of("transport without type", with("\"transport\":{\"address\":\"http://h/x\"}"), "transport.type"),
                Arguments.of("unknown transport type", with(transport("ftp", "ftp://h/x", null)), "transport.type"),
                Arguments.of("transport without address", with("\"transport\":{\"type\":\"http\"}"), "transport.address"),
                Arguments.of("http address that is not a URI", with(transport("http", "http://bad host/x", null)),
                        "transport.address"),
                Arguments.of("http address with file scheme", with(transport("http", "file:///tmp/out", null)),
                        "transport.address"),
                Arguments.of("http address with user-info", with(transport("http", "http://bob:secret@erp/x", null)),
                        "transport.address"),
                Arguments.of("http address without host", with(transport("http", "http:///x", null)),
                        "transport.address"),
                Arguments.of("file address relative path", with(transport("file", "file:out/orders", null)),
                        "transport.address"),
                Arguments.of("file address with ..", with(transport("file", "file:///tmp/../etc", null)),
                        "transport.address"),
                Arguments.of("file address with encoded NUL", with(transport("file", "file:///tmp/a%00b", null)),
                        "transport.address"),
                Arguments.of("file address on a remote host", with(transport("file", "file://server/share", null)),
                        "transport.address"),
                Arguments.of("kafka address without kafka:", with(transport("kafka", "orders-copy", null)),
                        "transport.address"),
                Arguments.of("kafka address to a subscribed topic", with(transport("kafka", "kafka:orders", null)),
                        "transport.address"),
                Arguments.of("unknown transport option",
                        with(transport("http", "http://h/x", "{\"colour\":\"red\"}")), "transport.options.colour"),
                Arguments.of("transport options not an object",
                        with(transport("http", "http://h/x", "\"POST\"")), "transport.options"),
                Arguments.of("bad file mode", with(transport("file", "file:///tmp/out", "{\"mode\":\"sometimes\"}")),
                        "transport.options.mode"),
                Arguments.of("unknown macro in fileName",
                        with(transport("file", "file:///tmp/out", "{\"fileName\":\"%MessageId%.xml\"}")),
                        "transport.options.fileName"),
                Arguments.of("path in fileName",
                        with(transport("file", "file:///tmp/out", "{\"fileName\":\"../%MessageID%\"}")),
                        "transport.options.fileName"),
                Arguments.of("bad http method", with(transport("http", "http://h/x", "{\"method\":\"GET\"}")),
                        "transport.options.method"),
                Arguments.of("bad timeout", with(transport("http", "http://h/x", "{\"timeout\":\"30 seconds\"}")),
                        "transport.options.timeout"),
                Arguments.of("timeout above ten minutes", with(transport("http", "http://h/x", "{\"timeout\":\"PT1H\"}")),
                        "transport.options.timeout"),
                Arguments.of("filter group empty", with(filter("[[]]")), "subscription.filter[0]"),
                Arguments.of("filter group null", with(filter("[null]")), "subscription.filter[0]"),
                Arguments.of("filter unknown operator",
                        with(filter("[[{\"property\":\"region\",\"operator\":\"like\",\"value\":\"eu\"}]]")),
                        "subscription.filter[0][0].operator"),
                Arguments.of("filter statement missing value",
                        with(filter("[[{\"property\":\"region\",\"operator\":\"==\"}]]")),
                        "subscription.filter[0][0].value"),
                Arguments.of("filter statement missing property",
                        with(filter("[[{\"operator\":\"exists\"}]]")), "subscription.filter[0][0].property"),
                Arguments.of("filter error in the second group",
                        with(filter("[[{\"property\":\"a\",\"operator\":\"exists\"}],"
                                + "[{\"property\":\"b\",\"operator\":\"=\",\"value\":\"1\"}]]")),
                        "subscription.filter[1][0].operator"),
                Arguments.of("filter not a list", with(filter("{\"region\":\"eu\"}")), "subscription.filter"),
                Arguments.of("unknown top-level field", with("\"colour\":\"blue\""), "colour"),
                Arguments.of("unknown subscription field",
                        with("\"subscription\":{\"topics\":[\"orders\"],\"topic\":\"x\"}"), "subscription.topic"),
                Arguments.of("unknown filter statement field",
                        with(filter("[[{\"property\":\"a\",\"operator\":\"exists\",\"op\":\"x\"}]]")),
                        "subscription.filter[0][0].op"),
                Arguments.of("subscription of the wrong JSON type", with("\"subscription\":\"orders\""), "subscription"),
                Arguments.of("topics of the wrong JSON type", with("\"subscription\":{\"topics\":\"orders\"}"),
                        "subscription.topics"),
                Arguments.of("name of the wrong JSON type", with("\"name\":{\"first\":\"x\"}"), "name"),
                Arguments.of("orderedDelivery of the wrong JSON type", with("\"orderedDelivery\":\"maybe\""),
                        "orderedDelivery"),
                Arguments.of("body that is not JSON", "this is not JSON", "body"),
                Arguments.of("truncated JSON", "{\"name\":\"x\",", "body"),
                Arguments.of("body that is a JSON array", "[" + with("\"name\":\"in-array\"") + "]", "body"),
                Arguments.of("body that is JSON null", "null", "body"),
                Arguments.of("invalid initial state", with("\"state\":\"running\""), "state"),
                Arguments.of("retry count negative", with("\"retry\":{\"count\":-1,\"interval\":\"PT5M\"}"), "retry.count"),
                Arguments.of("retry count over 1000", with("\"retry\":{\"count\":1001}"), "retry.count"),
                Arguments.of("retry count not whole", with("\"retry\":{\"count\":2.5}"), "retry.count"),
                Arguments.of("retry interval not a duration", with("\"retry\":{\"interval\":\"5 minutes\"}"),
                        "retry.interval"),
                Arguments.of("retry interval over a day", with("\"retry\":{\"interval\":\"P2D\"}"), "retry.interval"),
                Arguments.of("retry unknown field", with("\"retry\":{\"times\":3}"), "retry.times"),
                Arguments.of("backupTransport without address",
                        with("\"backupTransport\":{\"type\":\"file\"}"), "backupTransport.address"),
                Arguments.of("backupTransport unknown type",
                        with("\"backupTransport\":{\"type\":\"ftp\",\"address\":\"ftp://x\"}"), "backupTransport.type"),
                Arguments.of("backupTransport bad retry", with("\"backupTransport\":{\"type\":\"file\","
                        + "\"address\":\"file:///tmp/backup\",\"retry\":{\"count\":-2}}"), "backupTransport.retry.count"),
                Arguments.of("serviceWindow bad time",
                        with("\"serviceWindow\":{\"from\":\"8am\",\"to\":\"18:00\"}"), "serviceWindow.from"),
                Arguments.of("serviceWindow missing to", with("\"serviceWindow\":{\"from\":\"08:00\"}"), "serviceWindow.to"),
                Arguments.of("serviceWindow from equals to",
                        with("\"serviceWindow\":{\"from\":\"08:00\",\"to\":\"08:00\"}"), "serviceWindow.to"),
                Arguments.of("serviceWindow unknown zone",
                        with("\"serviceWindow\":{\"from\":\"08:00\",\"to\":\"18:00\",\"zone\":\"Mars/Base\"}"),
                        "serviceWindow.zone"),
                Arguments.of("stopOnFailure without orderedDelivery", with("\"stopOnFailure\":true"), "stopOnFailure"),
                Arguments.of("responseTopic on a one-way port", with("\"responseTopic\":\"orders.responses\""),
                        "responseTopic"),
                Arguments.of("responseTimeout on a one-way port", with("\"responseTimeout\":\"PT5S\""),
                        "responseTimeout"),
                Arguments.of("allowedDestinations on a static port",
                        with("\"allowedDestinations\":[\"http://*.internal/**\"]"), "allowedDestinations"),
                Arguments.of("dynamic port with a transport",
                        port(NAME, "\"kind\":\"dynamic\"", ONE_WAY, SUB, "\"allowedDestinations\":[\"http://*.internal/**\"]",
                                "\"transport\":{\"type\":\"kafka\",\"address\":\"kafka:x\"}"),
                        "transport"),
                Arguments.of("dynamic port without allowedDestinations", port(NAME, "\"kind\":\"dynamic\"", ONE_WAY, SUB),
                        "allowedDestinations"),
                Arguments.of("dynamic port with a bad allowed pattern",
                        port(NAME, "\"kind\":\"dynamic\"", ONE_WAY, SUB, "\"allowedDestinations\":[\"exec:/bin/sh\"]"),
                        "allowedDestinations[0]"),
                Arguments.of("solicit-response over a transport that cannot answer",
                        port(NAME, STATIC, "\"pattern\":\"solicit-response\"", SUB,
                                "\"transport\":{\"type\":\"file\",\"address\":\"file:///tmp/out\"}"), "transport.type"),
                Arguments.of("solicit-response with a bad response topic",
                        port(NAME, STATIC, "\"pattern\":\"solicit-response\"", SUB, HTTP, "\"responseTopic\":\"bad topic\""),
                        "responseTopic"),
                Arguments.of("solicit-response answering on Sendports' own topic",
                        port(NAME, STATIC, "\"pattern\":\"solicit-response\"", SUB, HTTP,
                                "\"responseTopic\":\"sendports.control\""), "responseTopic"),
                Arguments.of("solicit-response with a bad response timeout",
                        port(NAME, STATIC, "\"pattern\":\"solicit-response\"", SUB, HTTP, "\"responseTimeout\":\"soon\""),
                        "responseTimeout"));
    }

    @ParameterizedTest(name = "{0} -> 400 {2}")
    @MethodSource("malformed")
    void malformedCreateIsA400NamingTheField(String description, String body, String field) {
        ExtractableResponse<Response> response = given().contentType(ContentType.JSON).body(body)
                .when().post("/api/send-ports")
                .then().statusCode(400)
                .header("Content-Type", startsWith(PROBLEM))
                .body("status", equalTo(400))
                .extract();
        List<Map<String, Object>> errors = response.jsonPath().getList("errors");
        assertNotNull(errors, description + ": no errors array in " + response.asString());
        assertFalse(errors.isEmpty(), description + ": empty errors in " + response.asString());
        Map<String, Object> error = errors.stream().filter(e -> field.equals(e.get("field"))).findFirst()
                .orElse(null);
        assertNotNull(error, description + ": expected an error on '" + field + "' in " + response.asString());
        Object message = error.get("message");
        assertTrue(message instanceof String text && !text.isBlank(), description + ": message of " + error);
        assertFalse(response.asString().matches("(?s).*(JsonToken|java\\.|com\\.fasterxml|`).*"),
                description + ": the answer speaks of the parser's internals: " + response.asString());
        assertTrue(response.asString().length() < 20_000, description + ": an answer of " + response.asString().length()
                + " characters");
    }

    @Test
    void anEmptyBodyIsA400OnBody() {
        given().contentType(ContentType.JSON).when().post("/api/send-ports")
                .then().statusCode(400)
                .header("Content-Type", startsWith(PROBLEM))
                .body("errors.field", org.hamcrest.Matchers.hasItem("body"));
    }

    @Test
    void anInvalidStateIsReportedBesideOtherErrors() {
        List<String> fields = given().contentType(ContentType.JSON)
                .body(port("\"name\":\"-x\"", STATIC, ONE_WAY, SUB, HTTP, "\"state\":\"on\""))
                .when().post("/api/send-ports")
                .then().statusCode(400).header("Content-Type", startsWith(PROBLEM))
                .extract().jsonPath().getList("errors.field");
        assertTrue(fields.containsAll(List.of("name", "state")), fields.toString());
    }

    @Test
    void manyErrorsAreReportedTogether() {
        List<String> fields = given().contentType(ContentType.JSON)
                .body(port("\"name\":\"-x\"", "\"kind\":\"weird\"", "\"subscription\":{\"topics\":[]}"))
                .when().post("/api/send-ports")
                .then().statusCode(400).header("Content-Type", startsWith(PROBLEM))
                .extract().jsonPath().getList("errors.field");
        assertTrue(fields.containsAll(List.of("name", "kind", "pattern", "subscription.topics")), fields.toString());
    }

    /**
     * A lifecycle call. With no body RestAssured sends {@code application/x-www-form-urlencoded}, which the
     * resource refused (415) before its lifecycle endpoints accepted any content type; JSON works either way.
     */
    private static io.restassured.response.ValidatableResponse action(String port, String verb) {
        return given().contentType(ContentType.JSON).when().post("/api/send-ports/" + port + "/" + verb).then();
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String validPort(String name) {
        return port("\"name\":\"" + name + "\"", STATIC, ONE_WAY, SUB, HTTP);
    }

    @Test
    void aValidPortIsCreatedUnenlisted() {
        String name = unique("valid");
        Api.create(validPort(name)).statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith("/api/send-ports/" + name))
                .body("name", equalTo(name))
                .body("state", equalTo("unenlisted"))
                .body("transport.options.method", equalTo("POST"));
        Api.get(name).statusCode(200).body("name", equalTo(name));
        Api.delete(name).statusCode(204);
    }

    @Test
    void duplicateNamesAreConflictsIgnoringCase() {
        String name = unique("dup");
        Api.create(validPort(name)).statusCode(201);
        Api.create(validPort(name)).statusCode(409).header("Content-Type", startsWith(PROBLEM))
                .body("status", equalTo(409));
        Api.create(validPort(name.toUpperCase())).statusCode(409).header("Content-Type", startsWith(PROBLEM));
        Api.get(name.toUpperCase()).statusCode(200).body("name", equalTo(name));
        Api.delete(name).statusCode(204);
    }

    @Test
    void unknownPortIsA404Problem() {
        String name = unique("nobody");
        Api.get(name).statusCode(404).header("Content-Type", startsWith(PROBLEM)).body("status", equalTo(404));
        action(name, "start").statusCode(404).header("Content-Type", startsWith(PROBLEM));
        Api.delete(name).statusCode(404).header("Content-Type", startsWith(PROBLEM));
        given().contentType(ContentType.JSON).body(validPort(name)).when().put("/api/send-ports/" + name)
                .then().statusCode(404).header("Content-Type", startsWith(PROBLEM));
    }

    @Test
    void stoppingAnUnenlistedPortIsA409Problem() {
        String name = unique("stop");
        Api.create(validPort(name)).statusCode(201);
        action(name, "stop").statusCode(409).header("Content-Type", startsWith(PROBLEM));
        Api.get(name).statusCode(200).body("state", equalTo("unenlisted"));
        Api.delete(name).statusCode(204);
    }

    @Test
    void lifecycleActionsNeedNoContentType() throws Exception {
        String name = unique("curl");
        Api.create(validPort(name)).statusCode(201);
        HttpClient client = HttpClient.newHttpClient();
        URI base = URI.create("http://localhost:" + RestAssured.port + "/api/send-ports/" + name);
        HttpResponse<String> stop = client.send(HttpRequest.newBuilder(URI.create(base + "/stop"))
                .header("Authorization", io.sendports.testsupport.TestUsers.admin())
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(409, stop.statusCode(), stop.body());
        assertTrue(stop.headers().firstValue("Content-Type").orElse("").startsWith(PROBLEM));
        HttpResponse<String> enlist = client.send(HttpRequest.newBuilder(URI.create(base + "/enlist"))
                .header("Authorization", io.sendports.testsupport.TestUsers.admin())
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, enlist.statusCode(), enlist.body());
        action(name, "unenlist").statusCode(200).body("state", equalTo("unenlisted"));
        HttpResponse<String> delete = client.send(HttpRequest.newBuilder(base)
                .header("Authorization", io.sendports.testsupport.TestUsers.admin()).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(204, delete.statusCode(), delete.body());
    }

    @Test
    void putChangingKindIsAConflict() {
        String name = unique("kind");
        Api.create(validPort(name)).statusCode(201);
        given().contentType(ContentType.JSON)
                .body(port("\"name\":\"" + name + "\"", "\"kind\":\"dynamic\"", ONE_WAY, SUB,
                        "\"allowedDestinations\":[\"http://*.internal/**\"]"))
                .when().put("/api/send-ports/" + name)
                .then().statusCode(409).header("Content-Type", startsWith(PROBLEM));
        Api.get(name).statusCode(200).body("kind", equalTo("static"));
        Api.delete(name).statusCode(204);
    }

    @Test
    void putWithAnotherNameIsA400() {
        String name = unique("rename");
        Api.create(validPort(name)).statusCode(201);
        List<String> fields = given().contentType(ContentType.JSON).body(validPort(name + "-other"))
                .when().put("/api/send-ports/" + name)
                .then().statusCode(400).header("Content-Type", startsWith(PROBLEM))
                .extract().jsonPath().getList("errors.field");
        assertEquals(List.of("name"), fields);
        Api.get(name).statusCode(200);
        Api.get(name + "-other").statusCode(404);
        Api.delete(name).statusCode(204);
    }

    @Test
    void putIsValidatedLikeCreate() {
        String name = unique("put");
        Api.create(validPort(name)).statusCode(201);
        given().contentType(ContentType.JSON)
                .body(port("\"name\":\"" + name + "\"", STATIC, ONE_WAY, SUB, transport("http", "ftp://h/x", null)))
                .when().put("/api/send-ports/" + name)
                .then().statusCode(400).header("Content-Type", startsWith(PROBLEM))
                .body("errors.field", org.hamcrest.Matchers.hasItem("transport.address"));
        given().contentType(ContentType.JSON)
                .body(port("\"name\":\"" + name + "\"", STATIC, ONE_WAY, SUB, transport("kafka", "kafka:orders-copy", null)))
                .when().put("/api/send-ports/" + name)
                .then().statusCode(200).body("transport.address", equalTo("kafka:orders-copy"));
        Api.delete(name).statusCode(204);
    }

    /** What a wrong JSON type is called in the answer: the user's words, not the parser's. */
    static Stream<Arguments> wrongTypes() {
        return Stream.of(
                Arguments.of(with("\"name\":[\"x\"]"), "name", "must be a string"),
                Arguments.of(with("\"name\":123"), "name", "must be a string"),
                Arguments.of(with("\"subscription\":\"orders\""), "subscription", "must be a JSON object"),
                Arguments.of(with("\"subscription\":{\"topics\":\"orders\"}"), "subscription.topics", "must be a JSON array"),
                Arguments.of(with("\"orderedDelivery\":\"maybe\""), "orderedDelivery", "must be true or false"),
                Arguments.of("[" + with("\"name\":\"in-array\"") + "]", "body", "must be a JSON object"),
                Arguments.of(with("\"name\":\"x\"") + " {}", "body", "must hold one JSON value and nothing after it"));
    }

    @ParameterizedTest(name = "{1} {2}")
    @MethodSource("wrongTypes")
    void wrongJsonTypesAreNamedInTheUsersWords(String body, String field, String message) {
        given().contentType(ContentType.JSON).body(body).when().post("/api/send-ports")
                .then().statusCode(400).header("Content-Type", startsWith(PROBLEM))
                .body("errors.find { it.field == '" + field + "' }.message", equalTo(message));
    }

    @Test
    void aDuplicateKeyNamesTheKey() {
        given().contentType(ContentType.JSON).body("{\"name\":\"dup-b\"," + validPort("dup-a").substring(1))
                .when().post("/api/send-ports")
                .then().statusCode(400).header("Content-Type", startsWith(PROBLEM))
                .body("errors[0].field", equalTo("name"))
                .body("errors[0].message", equalTo("is given twice; give each field once"));
        Api.get("dup-a").statusCode(404);
        Api.get("dup-b").statusCode(404);
    }

    private static HttpResponse<String> send(String method, String path, String contentType, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path))
                .header("Authorization", io.sendports.testsupport.TestUsers.admin())
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aJsonBodyWithoutContentTypeIsA415Problem() throws Exception {
        String name = unique("untyped");
        HttpResponse<String> create = send("POST", "/api/send-ports", null, validPort(name));
        assertEquals(415, create.statusCode(), create.body());
        assertTrue(create.headers().firstValue("Content-Type").orElse("").startsWith(PROBLEM), create.headers().toString());
        assertTrue(create.body().contains("application/json"), create.body());
        Api.get(name).statusCode(404);

        Api.create(validPort(name)).statusCode(201);
        HttpResponse<String> put = send("PUT", "/api/send-ports/" + name, null, validPort(name));
        assertEquals(415, put.statusCode(), put.body());
        HttpResponse<String> publish = send("POST", "/api/topics/untyped/messages", null, "{\"value\":\"x\"}");
        assertEquals(415, publish.statusCode(), publish.body());
        assertTrue(publish.headers().firstValue("Content-Type").orElse("").startsWith(PROBLEM));
        HttpResponse<String> text = send("POST", "/api/send-ports", "text/plain", validPort(unique("text")));
        assertEquals(415, text.statusCode(), text.body());
        assertTrue(text.headers().firstValue("Content-Type").orElse("").startsWith(PROBLEM), text.headers().toString());
        Api.delete(name).statusCode(204);
    }

    @Test
    void putWithAnotherStateIsA400AndTheSameStateIsAccepted() {
        String name = unique("state");
        Api.create(validPort(name)).statusCode(201);
        given().contentType(ContentType.JSON).body(withTopLevel(validPort(name), "\"state\":\"started\""))
                .when().put("/api/send-ports/" + name)
                .then().statusCode(400).header("Content-Type", startsWith(PROBLEM))
                .body("errors.field", org.hamcrest.Matchers.hasItem("state"));
        Api.get(name).statusCode(200).body("state", equalTo("unenlisted"));
        given().contentType(ContentType.JSON).body(withTopLevel(validPort(name), "\"state\":\"unenlisted\""))
                .when().put("/api/send-ports/" + name)
                .then().statusCode(200).body("state", equalTo("unenlisted"));
        Api.delete(name).statusCode(204);
    }

    @Test
    void putWithAStatusOtherThanTheCurrentOneIsA400() {
        String name = unique("status");
        Api.create(validPort(name)).statusCode(201);
        given().contentType(ContentType.JSON)
                .body(withTopLevel(validPort(name), "\"status\":{\"running\":true,\"delivered\":99}"))
                .when().put("/api/send-ports/" + name)
                .then().statusCode(400).header("Content-Type", startsWith(PROBLEM))
                .body("errors.field", org.hamcrest.Matchers.hasItem("status"));
        Api.delete(name).statusCode(204);
    }

    /** The JSON object with one more top-level member. */
    private static String withTopLevel(String json, String member) {
        return json.substring(0, json.length() - 1) + "," + member + "}";
    }
}
