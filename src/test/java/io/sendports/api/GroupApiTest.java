package io.sendports.api;

import static io.restassured.RestAssured.given;
import static io.sendports.testsupport.Api.action;
import static io.sendports.testsupport.Api.create;
import static io.sendports.testsupport.Api.createGroup;
import static io.sendports.testsupport.Api.delete;
import static io.sendports.testsupport.Api.deleteGroup;
import static io.sendports.testsupport.Api.fileTransport;
import static io.sendports.testsupport.Api.get;
import static io.sendports.testsupport.Api.getGroup;
import static io.sendports.testsupport.Api.group;
import static io.sendports.testsupport.Api.groupAction;
import static io.sendports.testsupport.Api.staticPort;
import static io.sendports.testsupport.Api.updateGroup;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.sendports.testsupport.KafkaTestResource;
import io.sendports.testsupport.TestKafka;

/**
 * The rules of DESIGN.md §3a through the API, each refusal a {@code 409} (or {@code 400} for members) with a
 * sentence that names the rule; and the group's CRUD, revisions and read-only fields.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class GroupApiTest {
    private static final String PROBLEM = "application/problem+json";

    @TempDir
    Path dir;

    private void port(String name) {
        create(staticPort(name, TestKafka.uniqueTopic(name), fileTransport(dir, null), null)).statusCode(201);
    }

    @Test
    void membersMustBeExistingOneWayPortsSpeltAsThePortIs() {
        port("ga-one");
        create("""
                {"name":"ga-sr","kind":"static","pattern":"solicit-response","subscription":{"topics":["ga-sr-in"]},
                 "transport":{"type":"http","address":"http://localhost:1/x"}}""").statusCode(201);
        createGroup(group("ga-bad", "ga-t", null, "ga-missing", "ga-sr", "GA-ONE", "ga-one")).statusCode(400)
                .contentType(PROBLEM)
                .body("errors.find { it.field == 'sendPorts[0]' }.message", equalTo("'ga-missing' names no send port"))
                .body("errors.find { it.field == 'sendPorts[1]' }.message", containsString("solicit-response"))
                .body("errors.find { it.field == 'sendPorts[3]' }.message", equalTo("is listed twice"));
        getGroup("ga-bad").statusCode(404).contentType(PROBLEM);

        createGroup(group("ga-good", "ga-t", null, "GA-ONE")).statusCode(201)
                .header("Location", containsString("/api/send-port-groups/ga-good"))
                .header("ETag", "\"1\"")
                .body("sendPorts", equalTo(List.of("ga-one")))
                .body("state", equalTo("unenlisted")).body("revision", equalTo(1));
        createGroup(group("GA-good", "ga-t", null)).statusCode(409).contentType(PROBLEM)
                .body("detail", containsString("already exists"));
        createGroup(group("ga-one", "ga-t", null)).statusCode(201); // a separate namespace from ports
        get("ga-one").body("groups", equalTo(List.of("ga-good")));
        deleteGroup("ga-one").statusCode(204);
        deleteGroup("ga-good").statusCode(204);
    }

    @Test
    void noStartWithoutAnEnlistedMemberAndGroupActionsNeverChangeMembers() {
        port("gb-a");
        port("gb-b");
        createGroup(group("gb", "gb-t", null, "gb-a", "gb-b")).statusCode(201);
        groupAction("gb", "start").statusCode(409).contentType(PROBLEM)
                .body("detail", containsString("none of its send ports is enlisted"));
        String started = group("gb-started", "gb-t", null, "gb-a");
        createGroup(started.substring(0, started.length() - 1) + ",\"state\":\"started\"}").statusCode(409)
                .body("detail", containsString("none of its send ports is enlisted"));
        groupAction("gb", "stop").statusCode(409).body("detail", containsString("unenlisted group"));
        groupAction("gb", "enlist").statusCode(200).body("state", equalTo("stopped")).body("revision", equalTo(2));

        action("gb-a", "enlist").statusCode(200);
        groupAction("gb", "start").statusCode(200).body("state", equalTo("started"))
                .body("status.members.name", equalTo(List.of("gb-a", "gb-b")))
                .body("status.members.state", equalTo(List.of("stopped", "unenlisted")));
        groupAction("gb", "stop").statusCode(200).body("state", equalTo("stopped"));
        groupAction("gb", "unenlist").statusCode(200).body("state", equalTo("unenlisted"));
        get("gb-a").body("state", equalTo("stopped"));
        get("gb-b").body("state", equalTo("unenlisted"));

        groupAction("gb", "start").statusCode(200).body("state", equalTo("started"));
        get("gb-a").body("state", equalTo("stopped"));
        get("gb-b").body("state", equalTo("unenlisted"));
        groupAction("gb", "unenlist").statusCode(200);
        action("gb-a", "unenlist").statusCode(200);
    }

    @Test
    void theLastEnlistedMemberOfAnEnlistedGroupStaysEnlisted() {
        port("gc-a");
        port("gc-b");
        action("gc-a", "start").statusCode(200);
        action("gc-b", "enlist").statusCode(200);
        createGroup(group("gc", "gc-t", null, "gc-a", "gc-b")).statusCode(201);
        action("gc-a", "unenlist").statusCode(200); // the group is unenlisted: no rule
        action("gc-a", "start").statusCode(200);
        groupAction("gc", "start").statusCode(200);

        action("gc-b", "unenlist").statusCode(200); // gc-a is still enlisted
        action("gc-a", "stop").statusCode(200);
        action("gc-a", "unenlist").statusCode(409).contentType(PROBLEM)
                .body("detail", containsString("last enlisted send port of group 'gc'"));
        get("gc-a").body("state", equalTo("stopped"));
        groupAction("gc", "stop").statusCode(200);
        action("gc-a", "unenlist").statusCode(409);
        groupAction("gc", "unenlist").statusCode(200);
        action("gc-a", "unenlist").statusCode(200);
        deleteGroup("gc").statusCode(204);
    }

    @Test
    void aMemberLeavesOnlyWhenNotStartedAndAMemberCannotBeDeleted() {
        port("gd-a");
        port("gd-b");
        action("gd-a", "start").statusCode(200);
        createGroup(group("gd", "gd-t", null, "gd-a", "gd-b")).statusCode(201);
        updateGroup("gd", group("gd", "gd-t", null, "gd-b")).statusCode(409).contentType(PROBLEM)
                .body("detail", containsString("cannot remove port 'gd-a' from group 'gd' while the port is started"));
        delete("gd-b").statusCode(409).contentType(PROBLEM)
                .body("detail", containsString("belongs to send port group 'gd'"));

        action("gd-a", "stop").statusCode(200);
        updateGroup("gd", group("gd", "gd-t", null, "gd-b")).statusCode(200).body("sendPorts", equalTo(List.of("gd-b")))
                .body("revision", equalTo(2));
        get("gd-a").body("groups", equalTo(List.of()));
        get("gd-b").body("groups", equalTo(List.of("gd")));

        groupAction("gd", "enlist").statusCode(200);
        deleteGroup("gd").statusCode(409).contentType(PROBLEM).body("detail", containsString("unenlist it first"));
        groupAction("gd", "unenlist").statusCode(200);
        deleteGroup("gd").statusCode(204);
        getGroup("gd").statusCode(404);
        get("gd-b").statusCode(200).body("groups", equalTo(List.of())).body("state", equalTo("unenlisted"));
        delete("gd-b").statusCode(204);
        action("gd-a", "unenlist").statusCode(200);
    }

    @Test
    void revisionsAndReadOnlyFieldsAsForPorts() {
        port("ge-a");
        createGroup(group("ge", "ge-t", null, "ge-a")).statusCode(201);
        String etag = getGroup("ge").statusCode(200).extract().header("ETag");
        given().header("If-Match", "\"7\"").when().post("/api/send-port-groups/ge/enlist").then().statusCode(412)
                .contentType(PROBLEM);
        given().header("If-Match", etag).when().post("/api/send-port-groups/ge/enlist").then().statusCode(200)
                .header("ETag", "\"2\"");

        // a GET's answer without its status (which changes as it is measured), as API-LIMITS.md says
        String body = getGroup("ge").extract().asString().replaceFirst(",\"status\":\\{.*\\}\\}$", "}");
        updateGroup("ge", body).statusCode(200).body("revision", equalTo(2)); // a GET's answer sent back: no change
        updateGroup("ge", body.replace("\"revision\":2", "\"revision\":5")).statusCode(400)
                .body("errors.field", hasItem("revision"));
        updateGroup("ge", body.replace("\"state\":\"stopped\"", "\"state\":\"started\"")).statusCode(400)
                .body("errors.field", hasItem("state"));
        updateGroup("ge", group("other", "ge-t", null, "ge-a")).statusCode(400).body("errors.field", hasItem("name"));
        updateGroup("ge", "{\"name\":\"ge\",\"sendPorts\":[\"ge-a\"],\"subscription\":{\"topics\":[\"bad topic\"]}}")
                .statusCode(400).body("errors.field", hasItem("subscription.topics[0]"));
        given().contentType(ContentType.JSON).body("{\"name\":\"ge\",\"extra\":1}").when()
                .put("/api/send-port-groups/ge").then().statusCode(400);

        String port = get("ge-a").extract().asString();
        given().contentType(ContentType.JSON).body(port.replace("\"groups\":[\"ge\"]", "\"groups\":[]")).when()
                .put("/api/send-ports/ge-a").then().statusCode(400).body("errors.field", hasItem("groups"));
        given().contentType(ContentType.JSON).body(port).when().put("/api/send-ports/ge-a").then().statusCode(200);
        groupAction("ge", "unenlist").statusCode(200);
        deleteGroup("ge").statusCode(204);
        getGroup("ge").statusCode(404).contentType(PROBLEM);
        groupAction("ge", "start").statusCode(404);
    }
}
