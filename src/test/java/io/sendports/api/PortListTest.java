package io.sendports.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.sendports.testsupport.Api;
import io.sendports.testsupport.KafkaTestResource;
import io.sendports.testsupport.TestKafka;

/**
 * {@code GET /api/send-ports} answers from memory and may reuse its last answer: every change of a port's
 * definition, state or status still shows in the next list, exactly as the port's own GET shows it.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class PortListTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void theListShowsEveryChangeOfADefinitionAStateAndAStatus() {
        String topic = TestKafka.uniqueTopic("listed");
        String out = topic + "-out";
        String definition = Api.staticPort("listed", topic, "{\"type\":\"kafka\",\"address\":\"kafka:" + out + "\"}", null);
        Api.create(definition).statusCode(201);
        assertEquals("", listed("description"));
        assertEquals("unenlisted", listed("state"));

        given().contentType(ContentType.JSON).body(definition.replaceFirst("\\{", "{\"description\":\"changed\","))
                .put("/api/send-ports/listed").then().statusCode(200);
        assertEquals("changed", listed("description"));

        Api.action("listed", "start").statusCode(200);
        assertEquals("started", listed("state"));
        assertEquals("true", listed("status.running"));

        TestKafka.publish(topic, "k", "one", Map.of());
        await().atMost(WAIT).until(() -> listed("status.delivered").equals("1"));
        TestKafka.publish(topic, "k", "two", Map.of());
        await().atMost(WAIT).until(() -> listed("status.delivered").equals("2"));
        assertEquals(Api.get("listed").extract().path("status.delivered").toString(), listed("status.delivered"),
                "the list says what the port's own GET says");

        Api.action("listed", "stop").statusCode(200);
        assertEquals("stopped", listed("state"));
        Api.action("listed", "unenlist").statusCode(200);
    }

    /** The field at {@code path} of port {@code listed} in the list of all ports, as text. */
    private static String listed(String path) {
        Object value = given().get("/api/send-ports").then().statusCode(200).extract()
                .path("find { it.name == 'listed' }." + path);
        return String.valueOf(value);
    }
}
