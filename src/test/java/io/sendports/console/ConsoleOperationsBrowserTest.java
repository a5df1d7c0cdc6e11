package io.sendports.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sendports.testsupport.Api;
import io.sendports.testsupport.HttpReceiver;
import io.sendports.testsupport.KafkaTestResource;
import io.sendports.testsupport.TestKafka;

/**
 * The operator's pages in a real browser: a suspended message resumed from the console reaches its receiver;
 * bindings are imported with the dry-run report shown first; an admin publishes a test message; every view is
 * readable at 390 px wide.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class ConsoleOperationsBrowserTest extends BrowserTestBase {
    @TempDir
    Path out;

    @Test
    void aSuspendedMessageResumedFromTheConsoleReachesItsReceiver() throws Exception {
        try (HttpReceiver receiver = new HttpReceiver()) {
            receiver.answer(request -> 500);
            suspendAll("ops-suspend", receiver, Map.of("resume me", Map.of("region", "eu")));

            browser.go("/console/suspended");
            new Select(browser.find(By.id("s-port"))).selectByValue("ops-suspend");
            browser.waitUntil(d -> d.findElements(By.cssSelector("#suspended-rows tr[data-name]")).size() == 1);
            browser.find(By.cssSelector("#suspended-rows tr[data-name] button")).click();
            assertEquals("resume me", browser.find(By.id("suspended-body")).getText());
            assertTrue(browser.find(By.id("suspended-detail")).getText().contains("region"));
            browser.screenshot("suspended-messages");

            receiver.answer(request -> 200);
            browser.find(By.cssSelector("#suspended-rows input[data-select]")).click();
            browser.find(By.cssSelector("[data-bulk='resume']")).click();
            browser.waitUntil(d -> browser.find(By.id("outcome")).getText().contains("delivered"));
            assertEquals(List.of("resume me"), receiver.bodies());
            browser.waitUntil(d -> d.findElements(By.cssSelector("#suspended-rows tr[data-name]")).isEmpty());
            Api.action("ops-suspend", "unenlist").statusCode(200);
        }
    }

    /**
     * A started http port without retries to a receiver that refuses, and one message per value, each with its
     * headers; returns once every message is suspended.
     */
    private static void suspendAll(String port, HttpReceiver receiver, Map<String, Map<String, String>> messages) {
        String topic = TestKafka.uniqueTopic(port);
        Api.create("{\"name\":\"" + port + "\",\"kind\":\"static\",\"pattern\":\"one-way\",\"subscription\":{\"topics\":[\""
                + topic + "\"]},\"transport\":{\"type\":\"http\",\"address\":\"" + receiver.url("/in")
                + "\"},\"retry\":{\"count\":0}}").statusCode(201);
        Api.action(port, "start").statusCode(200);
        messages.forEach((value, headers) -> TestKafka.publish(topic, "k-" + value, value, headers));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> io.restassured.RestAssured
                .given().queryParam("port", port).get("/api/suspended-messages").jsonPath()
                .getList("$").size() == messages.size());
    }

    @Test
    void bindingsAreImportedWithTheDryRunReportShownFirst() throws Exception {
        String topic = TestKafka.uniqueTopic("console-bindings");
        Path file = out.resolve("bindings.json");
        Files.writeString(file, "{\"version\":1,\"sendPorts\":[" + Api.staticPort("ops-imported", topic,
                "{\"type\":\"http\",\"address\":\"http://erp.example:8081/orders\"}", null) + "],\"sendPortGroups\":[]}");
        browser.go("/console/bindings");
        browser.driver().findElement(By.id("i-file")).sendKeys(file.toString());
        browser.find(By.id("import-preview")).click();
        browser.waitUntil(d -> browser.find(By.id("import-report")).getText().contains("Dry run"));
        assertTrue(browser.find(By.id("import-report")).getText().contains("ops-imported created"),
                browser.find(By.id("import-report")).getText());
        Api.get("ops-imported").statusCode(404);
        browser.screenshot("bindings");

        browser.find(By.id("import-confirm")).click();
        browser.waitUntil(d -> browser.find(By.id("import-report")).getText().startsWith("Imported"));
        Api.get("ops-imported").statusCode(200).body("state", org.hamcrest.Matchers.equalTo("unenlisted"));
        Api.delete("ops-imported").statusCode(204);
    }

    @Test
    void anAdminPublishesATestMessage() throws Exception {
        String topic = TestKafka.uniqueTopic("console-publish");
        browser.go("/console/publish");
        browser.type(By.id("p-topic"), topic);
        browser.type(By.id("p-key"), "k-7");
        browser.type(By.id("p-headers"), "region=eu\npriority=9");
        browser.type(By.id("p-value"), "hello from the console");
        browser.find(By.cssSelector("#publish-form button[type='submit']")).click();
        browser.waitUntil(d -> browser.find(By.id("publish-result")).getText().startsWith("Published to " + topic));
        var record = TestKafka.read(topic, 1, Duration.ofSeconds(10)).get(0);
        assertEquals("hello from the console", TestKafka.text(record.value()));
        assertEquals("k-7", TestKafka.text(record.key()));
        assertEquals("9", TestKafka.header(record, "priority"));
        browser.screenshot("publish");

        // a reserved topic is the API's 400, shown beside the topic field
        browser.type(By.id("p-topic"), "sendports.control");
        browser.find(By.cssSelector("#publish-form button[type='submit']")).click();
        browser.find(By.cssSelector(".field-error[data-for='topic']"));
    }

    @Test
    void bindingsAreExportedAsJsonAndYamlDownloads() throws Exception {
        String topic = TestKafka.uniqueTopic("console-export");
        Api.create(Api.staticPort("ops-exported", topic, "{\"type\":\"http\",\"address\":\"http://erp.example/x\"}",
                null)).statusCode(201);
        browser.go("/console/bindings");
        Path json = browser.downloads().resolve("sendports-bindings.json");
        Path yaml = browser.downloads().resolve("sendports-bindings.yaml");
        // one after the other, as a person would: the second click comes once the first file is saved
        browser.find(By.cssSelector("[data-export='json']")).click();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(json));
        browser.find(By.cssSelector("[data-export='yaml']")).click();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(yaml));
        assertTrue(Files.readString(json).contains("\"ops-exported\""));
        assertTrue(Files.readString(yaml).contains("name: \"ops-exported\"")
                || Files.readString(yaml).contains("name: ops-exported"), Files.readString(yaml));
        Api.delete("ops-exported").statusCode(204);
    }

    @Test
    void everyFieldAndControlHasALabel() {
        for (String view : List.of("ports", "groups", "suspended", "bindings", "publish", "ports/new",
                "ports/new?kind=dynamic&pattern=solicit-response", "groups/new")) {
            browser.go("/console/" + view);
            browser.script("document.querySelectorAll('[data-add-group]').forEach(b => b.click())");
            Object unlabelled = browser.script("return Array.from(document.querySelectorAll("
                    + "'input:not([type=hidden]), select, textarea, button')).filter(e => !e.closest('template'))"
                    + ".filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')"
                    + " && !(e.tagName === 'BUTTON' && e.textContent.trim())).map(e => e.outerHTML)");
            assertEquals(List.of(), unlabelled, view);
        }
    }

    @Test
    void suspendedMessagesAreFoundByErrorTextAndTerminatedSeveralAtOnce() throws Exception {
        try (HttpReceiver receiver = new HttpReceiver()) {
            receiver.answer(request -> 503);
            suspendAll("ops-terminate", receiver, Map.of("one", Map.of(), "two", Map.of()));
            browser.go("/console/suspended");
            browser.type(By.id("s-text"), "503");
            browser.waitUntil(d -> d.findElements(By.cssSelector("#suspended-rows tr[data-name]")).stream()
                    .allMatch(row -> row.getText().contains("ops-terminate")));
            browser.type(By.id("s-text"), "no such error text anywhere");
            browser.waitUntil(d -> d.findElements(By.cssSelector("#suspended-rows tr[data-name]")).isEmpty());
            browser.type(By.id("s-text"), "503");
            browser.waitUntil(d -> d.findElements(By.cssSelector("#suspended-rows tr[data-name]")).size() >= 2);
            new Select(browser.find(By.id("s-port"))).selectByValue("ops-terminate");
            browser.waitUntil(d -> d.findElements(By.cssSelector("#suspended-rows tr[data-name]")).size() == 2);
            browser.find(By.cssSelector("#suspended-table input[data-select-all]")).click();
            browser.script("window.confirm = () => true");
            browser.find(By.cssSelector("[data-bulk='terminate']")).click();
            browser.waitUntil(d -> browser.find(By.id("outcome")).getText().split("terminated", -1).length == 3);
            browser.waitUntil(d -> d.findElements(By.cssSelector("#suspended-rows tr[data-name]")).isEmpty());
            assertEquals(List.of(), io.restassured.RestAssured.given().queryParam("port", "ops-terminate")
                    .get("/api/suspended-messages").jsonPath().getList("$"));
            Api.action("ops-terminate", "unenlist").statusCode(200);
        }
    }

    @Test
    void everyViewIsReadableAt390PixelsWide() throws Exception {
        Api.create(Api.staticPort("ops-narrow", TestKafka.uniqueTopic("console-narrow"), Api.fileTransport(out, null),
                null)).statusCode(201);
        browser.width(390, 844);
        for (String view : List.of("ports", "groups", "suspended", "bindings", "publish", "ports/new")) {
            browser.go("/console/" + view);
            long overflow = (Long) browser.script(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertTrue(overflow <= 0, view + " is wider than the window by " + overflow + " px");
        }
        browser.go("/console/ports");
        browser.find(By.id("port-ops-narrow"));
        browser.screenshot("send-ports-390px");
        Api.delete("ops-narrow").statusCode(204);
    }
}
