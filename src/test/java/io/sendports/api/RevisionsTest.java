package io.sendports.api;

import static io.restassured.RestAssured.given;
import static io.sendports.testsupport.Api.create;
import static io.sendports.testsupport.Api.get;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.sendports.testsupport.Api;
import io.sendports.testsupport.KafkaTestResource;

/**
 * Revisions and concurrent changes (API.md): every answer with a port carries its revision as {@code ETag}
 * and in the JSON; {@code If-Match} with an older revision is {@code 412} and changes nothing; read-only
 * fields may be sent back unchanged but never set.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class RevisionsTest {

    @Test
    void everyAnswerWithAPortCarriesItsRevisionAsETagAndInTheJson() {
        create(port("tagged", "one")).statusCode(201).header("ETag", "\"1\"");
        get("tagged").statusCode(200).header("ETag", "\"1\"")
                .body("revision", equalTo(1)).body("lastChangedBy", equalTo("admin"))
                .body("lastChangedAt", notNullValue());
        put("tagged", null, port("tagged", "two")).statusCode(200).header("ETag", "\"2\"").body("revision", equalTo(2));
        Api.action("tagged", "enlist").statusCode(200).header("ETag", "\"3\"").body("revision", equalTo(3));
        given().get("/api/send-ports").then().statusCode(200).body("revision", hasItem(3));
    }

    @Test
    void putWithAnOlderIfMatchIs412AndChangesNothing() {
        create(port("revisioned", "one")).statusCode(201);
        put("revisioned", "\"1\"", port("revisioned", "two")).statusCode(200).header("ETag", "\"2\"");

        put("revisioned", "\"1\"", port("revisioned", "based on revision 1")).statusCode(412)
                .contentType("application/problem+json").body("status", equalTo(412));
        get("revisioned").statusCode(200).body("description", equalTo("two")).body("revision", equalTo(2));

        put("revisioned", "\"2\"", port("revisioned", "three")).statusCode(200).body("description", equalTo("three"));
        put("revisioned", "*", port("revisioned", "four")).statusCode(200).body("revision", equalTo(4));
    }

    @Test
    void lifecycleActionsWithAnOlderIfMatchAre412() {
        create(port("guarded-life", "one")).statusCode(201);
        put("guarded-life", null, port("guarded-life", "two")).statusCode(200);

        for (String action : new String[] {"enlist", "start"}) {
            given().header("If-Match", "\"1\"").post("/api/send-ports/guarded-life/" + action).then().statusCode(412)
                    .contentType("application/problem+json");
        }
        get("guarded-life").statusCode(200).body("state", equalTo("unenlisted")).body("revision", equalTo(2));
        given().header("If-Match", "\"2\"").post("/api/send-ports/guarded-life/start").then().statusCode(200)
                .header("ETag", "\"3\"").body("state", equalTo("started"));
        given().header("If-Match", "\"2\"").post("/api/send-ports/guarded-life/stop").then().statusCode(412);
        given().header("If-Match", "\"3\"").post("/api/send-ports/guarded-life/unenlist").then().statusCode(200);
    }

    @Test
    void deleteWithIfMatchDeletesOnlyTheRevisionItNames() {
        create(port("guarded-delete", "one")).statusCode(201);
        put("guarded-delete", null, port("guarded-delete", "two")).statusCode(200);

        given().header("If-Match", "\"1\"").delete("/api/send-ports/guarded-delete").then().statusCode(412)
                .contentType("application/problem+json");
        get("guarded-delete").statusCode(200);
        given().header("If-Match", "\"2\"").delete("/api/send-ports/guarded-delete").then().statusCode(204);
        get("guarded-delete").statusCode(404);

        create(port("guarded-delete", "again")).statusCode(201).header("ETag", "\"1\"");
    }

    @Test
    void aMalformedIfMatchIs400NamingTheHeader() {
        create(port("malformed-tag", "one")).statusCode(201);
        put("malformed-tag", "1", port("malformed-tag", "two")).statusCode(400)
                .body("errors.field", hasItem("If-Match"));
        put("malformed-tag", "W/\"1\"", port("malformed-tag", "two")).statusCode(412);
        get("malformed-tag").statusCode(200).body("description", equalTo("one"));
    }

    @Test
    void readOnlyFieldsWithOtherValuesAre400NamingTheField() {
        create(port("read-only", "one")).statusCode(201);

        put("read-only", null, withField(port("read-only", "two"), "\"revision\":7")).statusCode(400)
                .body("errors.field", hasItem("revision"));
        put("read-only", null, withField(port("read-only", "two"), "\"lastChangedBy\":\"mallory\"")).statusCode(400)
                .body("errors.field", hasItem("lastChangedBy"));
        put("read-only", null, withField(port("read-only", "two"), "\"lastChangedAt\":\"2020-01-01T00:00:00Z\""))
                .statusCode(400).body("errors.field", hasItem("lastChangedAt"));
        create(withField(port("read-only-new", "one"), "\"revision\":1")).statusCode(400)
                .body("errors.field", hasItem("revision"));
        get("read-only").statusCode(200).body("revision", equalTo(1)).body("description", equalTo("one"));
        get("read-only-new").statusCode(404);

        put("read-only", null, withField(port("read-only", "two"), "\"revision\":1,\"lastChangedBy\":\"admin\""))
                .statusCode(200).body("revision", equalTo(2));
    }

    @Test
    void aPortReadWithGetCanBeChangedAndPutBack() {
        create(port("round-trip", "one")).statusCode(201);
        String read = get("round-trip").statusCode(200).extract().asString();

        String changed = read.replace("\"description\":\"one\"", "\"description\":\"edited\"");
        put("round-trip", "\"1\"", changed).statusCode(200).body("description", equalTo("edited"));
        // the same document once more: its revision is no longer the current one
        assertEquals(400, put("round-trip", null, changed).extract().statusCode());
        put("round-trip", "\"1\"", changed.replace("\"revision\":1,", "")).statusCode(412);
    }

    private static ValidatableResponse put(String name, String ifMatch, String json) {
        var request = given().contentType(ContentType.JSON).body(json);
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return request.put("/api/send-ports/" + name).then();
    }

    private static String port(String name, String description) {
        return "{\"name\":\"" + name + "\",\"description\":\"" + description + "\",\"kind\":\"static\","
                + "\"pattern\":\"one-way\",\"subscription\":{\"topics\":[\"revisions-in\"]},"
                + "\"transport\":{\"type\":\"kafka\",\"address\":\"kafka:revisions-out\"}}";
    }

    private static String withField(String json, String field) {
        return json.substring(0, json.length() - 1) + "," + field + "}";
    }
}
