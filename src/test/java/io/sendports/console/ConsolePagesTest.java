package io.sendports.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.sendports.testsupport.Api;
import io.sendports.testsupport.KafkaTestResource;
import io.sendports.testsupport.TestKafka;
import io.sendports.testsupport.TestUsers;

/**
 * The console's pages over plain HTTP: who may open what, where a browser without a session goes, and what a live
 * update carries (the changed row, not the page).
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class ConsolePagesTest {
    @TempDir
    Path out;

    @Test
    void aBrowserWithoutASessionGoesToTheLoginPageAndEverythingElseGets401() {
        given().auth().none().accept("text/html,application/xhtml+xml").redirects().follow(false)
                .get("/console/ports").then().statusCode(303).header("Location", containsString("/console/login"));
        given().get("/console").then().statusCode(200).body(containsString("id=\"port-table\""));
        given().auth().none().get("/console").then().statusCode(401);
        given().auth().none().get("/console/ports").then().statusCode(401)
                .contentType("application/problem+json");
        given().auth().none().get("/console/events?view=ports").then().statusCode(401);
        given().auth().none().get("/console/login").then().statusCode(200).body(containsString("j_password"));
        given().auth().none().get("/assets/console.js").then().statusCode(200);
        given().auth().none().get("/webjars/htmx.org/dist/htmx.min.js").then().statusCode(200);
        given().auth().none().get("/webjars/htmx-ext-sse/sse.js").then().statusCode(200);
    }

    @Test
    void pagesForAdminsOnlyAreRefusedToOthers() {
        ConsoleBrowserSupport.user("pages-viewer", "viewer");
        given().auth().preemptive().basic("pages-viewer", ConsoleBrowserSupport.PASSWORD).get("/console/ports")
                .then().statusCode(200).body(containsString("Send Ports"));
        for (String page : new String[] {"/console/ports/new", "/console/groups/new", "/console/publish"}) {
            given().auth().preemptive().basic("pages-viewer", ConsoleBrowserSupport.PASSWORD).get(page)
                    .then().statusCode(403);
        }
        given().get("/console/ports/new?kind=static&pattern=both-ways").then().statusCode(400)
                .body(containsString("pattern"));
        given().get("/console/ports/no-such-port/properties").then().statusCode(404);
    }

    @Test
    void aPortNamedNewHasPropertiesOfItsOwn() {
        Api.create(Api.staticPort("new", TestKafka.uniqueTopic("pages-new"), Api.fileTransport(out, null), null))
                .statusCode(201);
        given().get("/console/ports/new/properties").then().statusCode(200).body(containsString("value=\"new\""))
                .body(containsString("Send Port Properties: new"));
        given().get("/console/ports/new").then().statusCode(200).body(containsString("New Static One-way Send Port"));
        Api.delete("new").statusCode(204);
    }

    @Test
    void aLiveUpdateCarriesTheChangedRowOnly() throws Exception {
        String topic = TestKafka.uniqueTopic("pages-live");
        Api.create(Api.staticPort("pages-live", topic, Api.fileTransport(out, null), null)).statusCode(201);
        // the stream starts from the snapshot a page was rendered from, taken here before the change
        long since = io.quarkus.arc.Arc.container().instance(ConsoleSnapshots.class).get().take().id();
        Api.action("pages-live", "enlist").statusCode(200);
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port
                + "/console/events?view=ports&since=" + since)).header("Authorization", TestUsers.admin())
                .header("Accept", "text/event-stream").build();
        HttpResponse<java.io.InputStream> response = client.sendAsync(request,
                HttpResponse.BodyHandlers.ofInputStream()).get(10, TimeUnit.SECONDS);
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            CompletableFuture<String> event = CompletableFuture.supplyAsync(() -> {
                StringBuilder data = new StringBuilder();
                try {
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        if (line.startsWith("data:")) {
                            data.append(line.substring(5)).append('\n');
                        } else if (line.isEmpty() && data.length() > 0) {
                            return data.toString();
                        }
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return data.toString();
            });
            String html = event.get(10, TimeUnit.SECONDS);
            assertTrue(html.contains("id=\"port-pages-live\""), html);
            assertTrue(html.contains("hx-swap-oob=\"true\""), html);
            assertTrue(html.contains("data-state=\"stopped\""), html);
            assertFalse(html.contains("<html") || html.contains("<thead"), html);
            assertTrue(html.length() < 4000, "one row, " + html.length() + " characters");
        } finally {
            Api.action("pages-live", "unenlist").statusCode(200);
        }
    }
}
