package io.sendports.bindings;

import static io.restassured.RestAssured.given;
import static io.sendports.testsupport.Api.action;
import static io.sendports.testsupport.Api.create;
import static io.sendports.testsupport.Api.createGroup;
import static io.sendports.testsupport.Api.delete;
import static io.sendports.testsupport.Api.deleteGroup;
import static io.sendports.testsupport.Api.fileTransport;
import static io.sendports.testsupport.Api.get;
import static io.sendports.testsupport.Api.group;
import static io.sendports.testsupport.Api.staticPort;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.sendports.testsupport.KafkaTestResource;
import io.sendports.testsupport.TestKafka;

/**
 * Bindings through real HTTP (DESIGN.md §9, API.md "Bindings"): export as JSON and YAML, the same bytes twice;
 * import keyed by name, all or nothing, with a dry run; a round trip gives the same file.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class BindingsApiTest {
    private static final String YAML = "application/yaml";

    @TempDir
    Path dir;

    private byte[] export(String query, String accept) {
        return given().accept(accept).get("/api/bindings" + query).then().statusCode(200)
                .contentType(startsWith(accept)).extract().asByteArray();
    }

    private static io.restassured.response.ValidatableResponse importing(String query, String type, String body) {
        return given().contentType(type).body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/bindings" + query).then();
    }

    @Test
    void anExportHoldsDefinitionsOnlyAndIsTheSameFileTwice() {
        String topic = TestKafka.uniqueTopic("bx");
        create(staticPort("bx-b", topic, fileTransport(dir, null), null)).statusCode(201);
        create(staticPort("bx-a", topic, fileTransport(dir, "{\"fileName\":\"%MessageID%.xml\"}"), null))
                .statusCode(201);
        action("bx-a", "start").statusCode(200);
        createGroup(group("bx-g", topic, null, "bx-b", "bx-a")).statusCode(201);

        byte[] first = export("?ports=bx-b,bx-a&groups=bx-g", "application/json");
        assertArrayEquals(first, export("?ports=bx-a,bx-b&groups=bx-g", "application/json"));
        JsonPath json = JsonPath.from(new String(first, java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(1, json.getInt("version"));
        assertEquals(List.of("bx-a", "bx-b"), json.getList("sendPorts.name"));
        assertEquals(List.of("bx-b", "bx-a"), json.getList("sendPortGroups[0].sendPorts"));
        String text = json.prettify();
        for (String field : List.of("\"state\"", "\"status\"", "\"revision\"", "\"groups\"", "\"lastChangedBy\"",
                "\"lastChangedAt\"")) {
            assertFalse(text.contains(field), field + " in " + text);
        }
        assertEquals("PT5M", json.getString("sendPorts[0].retry.interval"), "defaults are written out");

        byte[] yaml = export("?ports=bx-a,bx-b&groups=bx-g", YAML);
        assertArrayEquals(yaml, export("?ports=bx-b,bx-a&groups=bx-g", YAML));
        assertTrue(new String(yaml, java.nio.charset.StandardCharsets.UTF_8).contains("name: \"bx-a\""));

        for (String other : List.of("text/yaml", "application/x-yaml")) {
            assertArrayEquals(yaml, given().accept(other).get("/api/bindings?ports=bx-a,bx-b&groups=bx-g").then()
                    .statusCode(200).contentType(startsWith(YAML)).extract().asByteArray(), other);
        }
        given().accept("text/csv").get("/api/bindings").then().statusCode(406);
        given().get("/api/bindings?ports=bx-none").then().statusCode(404);
        deleteGroup("bx-g").statusCode(204);
        action("bx-a", "unenlist").statusCode(200);
        delete("bx-a").statusCode(204);
        delete("bx-b").statusCode(204);
    }

    @Test
    void anExportImportedWhereItsEntitiesAreMissingExportsTheSameFile() {
        String topic = TestKafka.uniqueTopic("br");
        create(staticPort("br-one", topic, fileTransport(dir, null), "[[{\"property\":\"BTS.ReceivePortName\","
                + "\"operator\":\"==\",\"value\":\"yes\"}],[{\"property\":\"no\",\"operator\":\"!=\","
                + "\"value\":\"on\"}]]")).statusCode(201);
        given().contentType(ContentType.JSON).body("{\"name\":\"br-two\",\"kind\":\"dynamic\",\"pattern\":\"one-way\","
                + "\"description\":\"off\",\"subscription\":{\"topics\":[\"" + topic + "\"]},"
                + "\"allowedDestinations\":[\"kafka:br-*\"]}").post("/api/send-ports").then().statusCode(201);
        createGroup(group("br-g", topic, null, "br-one")).statusCode(201);
        String query = "?ports=br-one,br-two&groups=br-g";
        for (String type : List.of("application/json", YAML)) {
            byte[] before = export(query, type);
            deleteGroup("br-g").statusCode(204);
            delete("br-one").statusCode(204);
            delete("br-two").statusCode(204);
            importing("", type, new String(before, java.nio.charset.StandardCharsets.UTF_8)).statusCode(200)
                    .body("dryRun", equalTo(false)).body("sendPorts.action", equalTo(List.of("created", "created")))
                    .body("sendPortGroups[0].action", equalTo("created"));
            assertArrayEquals(before, export(query, type), type);
            get("br-one").body("state", equalTo("unenlisted")).body("subscription.filter[0][0].value", equalTo("yes"))
                    .body("subscription.filter[1][0].property", equalTo("no"))
                    .body("subscription.filter[1][0].value", equalTo("on"));
            get("br-two").body("description", equalTo("off"));
        }
        deleteGroup("br-g").statusCode(204);
        delete("br-one").statusCode(204);
        delete("br-two").statusCode(204);
    }

    @Test
    void anImportWithOneBadEntryWritesNothingAndListsEveryError() {
        String topic = TestKafka.uniqueTopic("bn");
        String good = staticPort("bn-good", topic, fileTransport(dir, null), null);
        String bad = "{\"name\":\"bn-bad\",\"kind\":\"static\",\"pattern\":\"one-way\",\"subscription\":{\"topics\":[\""
                + topic + "\"]},\"transport\":{\"type\":\"http\",\"address\":\"ftp://nowhere\"},\"state\":\"started\"}";
        String body = "{\"version\":1,\"sendPorts\":[" + good + "," + bad + "],\"sendPortGroups\":["
                + group("bn-g", topic, null, "bn-good", "bn-missing") + "]}";
        importing("", "application/json", body).statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("sendPorts[1].transport.address"))
                .body("errors.field", hasItem("sendPorts[1].state"))
                .body("errors.field", hasItem("sendPortGroups[0].sendPorts[1]"))
                .body("errors.find { it.field == 'sendPorts[1].transport.address' }.message",
                        startsWith("port 'bn-bad': "));
        get("bn-good").statusCode(404);
        given().get("/api/send-port-groups/bn-g").then().statusCode(404);
        importing("?dryRun=true", "application/json", body).statusCode(400);
        importing("", "application/json", "{\"version\":2,\"sendPorts\":[],\"sendPortGroups\":[]}").statusCode(400)
                .body("errors[0].field", equalTo("version"));
        importing("", "application/json", "{\"version\":1,\"sendPorts\":[],\"extra\":1}").statusCode(400);
        importing("?dryRun=maybe", "application/json", "{\"version\":1}").statusCode(400)
                .body("errors[0].field", equalTo("dryRun"));
    }

    @Test
    void oneBadEntryAmongAHundredWritesNothing() {
        String topic = TestKafka.uniqueTopic("bh");
        StringBuilder ports = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            String port = staticPort(String.format("bh-%03d", i), topic, fileTransport(dir, null), null);
            if (i == 57) {
                port = port.replace("\"one-way\"", "\"one-way-or-another\"");
            }
            ports.append(i == 0 ? "" : ",").append(port);
        }
        long before = TestKafka.endOffset("sendports.control");
        importing("", "application/json", "{\"version\":1,\"sendPorts\":[" + ports + "]}").statusCode(400)
                .body("errors.field", equalTo(List.of("sendPorts[57].pattern")));
        assertEquals(before, TestKafka.endOffset("sendports.control"), "nothing was written");
        get("bh-000").statusCode(404);
        get("bh-099").statusCode(404);
    }

    @Test
    void aDryRunReportsWhatAnImportDoesAndWritesNothing() {
        String topic = TestKafka.uniqueTopic("bd");
        create(staticPort("bd-same", topic, fileTransport(dir, null), null)).statusCode(201);
        create(staticPort("bd-changed", topic, fileTransport(dir, null), null)).statusCode(201);
        action("bd-changed", "start").statusCode(200);
        String changed = "{\"name\":\"bd-changed\",\"description\":\"now described\",\"kind\":\"static\","
                + "\"pattern\":\"one-way\",\"subscription\":{\"topics\":[\"" + topic + "\"]},\"transport\":"
                + fileTransport(dir, null) + ",\"retry\":{\"count\":1,\"interval\":\"PT1S\"}}";
        String body = "{\"version\":1,\"sendPorts\":[" + staticPort("bd-same", topic, fileTransport(dir, null), null)
                + "," + changed + "," + staticPort("bd-new", topic, fileTransport(dir, null), null) + "],"
                + "\"sendPortGroups\":[" + group("bd-g", topic, null, "bd-new", "bd-same") + "]}";
        for (String query : List.of("?dryRun=true", "")) {
            long before = TestKafka.endOffset("sendports.control");
            importing(query, "application/json", body).statusCode(200).body("dryRun", equalTo(!query.isEmpty()))
                    .body("sendPorts.action", equalTo(List.of("unchanged", "updated", "created")))
                    .body("sendPorts[1].changed", equalTo(List.of("description", "retry")))
                    .body("sendPortGroups[0].action", equalTo("created"))
                    .body("notMapped", equalTo(List.of()));
            if (!query.isEmpty()) {
                assertEquals(before, TestKafka.endOffset("sendports.control"), "a dry run writes nothing");
                get("bd-new").statusCode(404);
                get("bd-changed").body("description", org.hamcrest.Matchers.not(equalTo("now described")));
            }
        }
        get("bd-changed").body("description", equalTo("now described")).body("state", equalTo("started"))
                .body("lastChangedBy", equalTo("admin"));
        get("bd-new").body("state", equalTo("unenlisted"));
        importing("", "application/json", body.replace("now described", "now described")).statusCode(200)
                .body("sendPorts.action", equalTo(List.of("unchanged", "unchanged", "unchanged")))
                .body("sendPortGroups[0].action", equalTo("unchanged"));
        deleteGroup("bd-g").statusCode(204);
        action("bd-changed", "unenlist").statusCode(200);
        for (String port : List.of("bd-same", "bd-changed", "bd-new")) {
            delete(port).statusCode(204);
        }
    }

    @Test
    void anImportKeepsTheRulesOfPutAndOfGroups() {
        String topic = TestKafka.uniqueTopic("bk");
        create(staticPort("bk-port", topic, fileTransport(dir, null), null)).statusCode(201);
        action("bk-port", "start").statusCode(200);
        createGroup(group("bk-g", topic, null, "bk-port")).statusCode(201);
        String dynamic = "{\"name\":\"bk-port\",\"kind\":\"dynamic\",\"pattern\":\"one-way\",\"subscription\":"
                + "{\"topics\":[\"" + topic + "\"]},\"allowedDestinations\":[\"kafka:x\"]}";
        importing("", "application/json", "{\"version\":1,\"sendPorts\":[" + dynamic + "]}").statusCode(400)
                .body("errors[0].field", equalTo("sendPorts[0].kind"));
        importing("", "application/json", "{\"version\":1,\"sendPortGroups\":[" + group("bk-g", topic, null) + "]}")
                .statusCode(400).body("errors[0].field", equalTo("sendPortGroups[0].sendPorts"))
                .body("errors[0].message", containsString("while the port is started"));
        importing("", "application/json", "{\"version\":1,\"sendPorts\":["
                + staticPort("BK-PORT", topic, fileTransport(dir, null), null) + "]}").statusCode(400)
                .body("errors[0].field", equalTo("sendPorts[0].name"));
        importing("", "application/json", "{\"version\":1,\"sendPorts\":["
                + staticPort("bk-twice", topic, fileTransport(dir, null), null) + ","
                + staticPort("BK-Twice", topic, fileTransport(dir, null), null) + "]}").statusCode(400)
                .body("errors[0].field", equalTo("sendPorts[1].name"));
        action("bk-port", "stop").statusCode(200);
        importing("", "application/json", "{\"version\":1,\"sendPortGroups\":[" + group("bk-g", topic, null) + "]}")
                .statusCode(200).body("sendPortGroups[0].changed", equalTo(List.of("sendPorts")));
        deleteGroup("bk-g").statusCode(204);
        action("bk-port", "unenlist").statusCode(200);
        delete("bk-port").statusCode(204);
    }

    @Test
    void yamlIsReadStrictlyAndWithinBounds() {
        String topic = TestKafka.uniqueTopic("by");
        String yaml = "version: 1\nsendPorts:\n- name: by-port\n  description: yes\n  kind: static\n  pattern: one-way\n"
                + "  subscription:\n    topics: [\"" + topic + "\"]\n  transport:\n    type: file\n    address: \""
                + fileTransport(dir, null).replaceAll(".*\"address\":\"([^\"]+)\".*", "$1") + "\"\n";
        // an unquoted yes is a YAML 1.1 boolean: a description must be a string
        importing("", YAML, yaml).statusCode(400);
        importing("", YAML, yaml.replace("description: yes", "description: \"yes\"")).statusCode(200)
                .body("sendPorts[0].action", equalTo("created"));
        get("by-port").body("description", equalTo("yes"));
        importing("", YAML, yaml.replace("version: 1\n", "version: 1\nversion: 1\n")).statusCode(400);
        StringBuilder laughs = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            char p = (char) (c - 1);
            laughs.append(c).append(": &").append(c).append(" [*").append(p).append(",*").append(p).append(",*")
                    .append(p).append(",*").append(p).append(",*").append(p).append(",*").append(p).append(",*")
                    .append(p).append(",*").append(p).append("]\n");
        }
        importing("", YAML, laughs.toString()).statusCode(400).contentType("application/problem+json");
        delete("by-port").statusCode(204);
    }
}
