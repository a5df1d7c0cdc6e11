package io.sendports.testsupport;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** REST calls of the Send Ports API, as an outside client makes them. */
public final class Api {
    private Api() {
    }

    public static ValidatableResponse create(String json) {
        return given().contentType(ContentType.JSON).body(json).when().post("/api/send-ports").then();
    }

    public static ValidatableResponse action(String port, String action) {
        return given().when().post("/api/send-ports/" + port + "/" + action).then();
    }

    public static ValidatableResponse get(String port) {
        return given().when().get("/api/send-ports/" + port).then();
    }

    public static ValidatableResponse delete(String port) {
        return given().when().delete("/api/send-ports/" + port).then();
    }

    /** A static one-way port definition. */
    public static String staticPort(String name, String topic, String transportJson, String filterJson) {
        return "{\"name\":\"" + name + "\",\"kind\":\"static\",\"pattern\":\"one-way\","
                + "\"subscription\":{\"topics\":[\"" + topic + "\"]" + (filterJson == null ? "" : ",\"filter\":" + filterJson) + "},"
                + "\"transport\":" + transportJson + "}";
    }

    public static String fileTransport(java.nio.file.Path dir, String optionsJson) {
        return "{\"type\":\"file\",\"address\":\"" + dir.toUri().toString().replaceFirst("^file:/+", "file:///")
                + "\"" + (optionsJson == null ? "" : ",\"options\":" + optionsJson) + "}";
    }

    public static ValidatableResponse createGroup(String json) {
        return given().contentType(ContentType.JSON).body(json).when().post("/api/send-port-groups").then();
    }

    public static ValidatableResponse updateGroup(String name, String json) {
        return given().contentType(ContentType.JSON).body(json).when().put("/api/send-port-groups/" + name).then();
    }

    public static ValidatableResponse groupAction(String group, String action) {
        return given().when().post("/api/send-port-groups/" + group + "/" + action).then();
    }

    public static ValidatableResponse getGroup(String group) {
        return given().when().get("/api/send-port-groups/" + group).then();
    }

    public static ValidatableResponse deleteGroup(String group) {
        return given().when().delete("/api/send-port-groups/" + group).then();
    }

    /** A group definition; {@code filterJson} may be null. */
    public static String group(String name, String topic, String filterJson, String... members) {
        StringBuilder list = new StringBuilder();
        for (String member : members) {
            list.append(list.length() == 0 ? "" : ",").append('"').append(member).append('"');
        }
        return "{\"name\":\"" + name + "\",\"sendPorts\":[" + list + "],"
                + "\"subscription\":{\"topics\":[\"" + topic + "\"]"
                + (filterJson == null ? "" : ",\"filter\":" + filterJson) + "}}";
    }
}
