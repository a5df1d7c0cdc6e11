package io.sendports.console;

import static io.sendports.console.ConsoleBrowserSupport.actions;
import static io.sendports.console.ConsoleBrowserSupport.row;
import static io.sendports.console.ConsoleBrowserSupport.state;
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
import io.sendports.testsupport.KafkaTestResource;
import io.sendports.testsupport.TestKafka;

/**
 * The Send Ports and Send Port Groups views in a real browser: the lifecycle buttons follow DESIGN.md §3's state
 * table in every state, a group made and started from the console delivers to its members, and a change made with
 * the API appears in an open page within 2 s without a reload.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class ConsoleLifecycleBrowserTest extends BrowserTestBase {
    @TempDir
    Path out;

    private void click(String name, String label) {
        ConsoleBrowserSupport.click(browser, "port", name, label);
    }

    private void awaitState(String kind, String name, String expected) {
        browser.waitUntil(d -> expected.equals(state(browser, kind, name)));
    }

    @Test
    void theButtonsFollowTheStateTableInEveryState() throws Exception {
        String topic = TestKafka.uniqueTopic("console-life");
        Api.create(Api.staticPort("life-a", topic, Api.fileTransport(out, null), null)).statusCode(201);
        browser.go("/console/ports");

        assertEquals(List.of("Start", "Enlist", "Delete", "Properties"), actions(browser, "port", "life-a"));
        click("life-a", "Enlist");
        awaitState("port", "life-a", "stopped");
        assertEquals(List.of("Start", "Unenlist", "Properties"), actions(browser, "port", "life-a"));
        click("life-a", "Start");
        awaitState("port", "life-a", "started");
        assertEquals(List.of("Stop", "Unenlist", "Properties"), actions(browser, "port", "life-a"));
        browser.waitUntil(d -> browser.find(By.id("outcome")).getText().contains("life-a: started"));
        browser.screenshot("send-ports");
        click("life-a", "Stop");
        awaitState("port", "life-a", "stopped");
        click("life-a", "Unenlist");
        awaitState("port", "life-a", "unenlisted");
        assertEquals(List.of("Start", "Enlist", "Delete", "Properties"), actions(browser, "port", "life-a"));
        Api.get("life-a").statusCode(200).body("state", org.hamcrest.Matchers.equalTo("unenlisted"));

        // Start from unenlisted enlists first, as the table says
        click("life-a", "Start");
        awaitState("port", "life-a", "started");
        Api.action("life-a", "unenlist").statusCode(200);
        awaitState("port", "life-a", "unenlisted");
        browser.script("window.confirm = () => true");
        click("life-a", "Delete");
        browser.waitUntil(d -> d.findElements(row("port", "life-a")).isEmpty());
        Api.get("life-a").statusCode(404);
    }

    @Test
    void aChangeMadeWithTheApiAppearsInAnOpenPageWithinTwoSeconds() {
        String topic = TestKafka.uniqueTopic("console-live");
        browser.go("/console/ports");
        browser.script("window.notReloaded = true");

        long created = System.nanoTime();
        Api.create(Api.staticPort("live-a", topic, Api.fileTransport(out, null), null)).statusCode(201);
        browser.waitUntil(Duration.ofSeconds(2), d -> !d.findElements(row("port", "live-a")).isEmpty());
        long appeared = System.nanoTime();

        Api.action("live-a", "start").statusCode(200);
        browser.waitUntil(Duration.ofSeconds(2), d -> "started".equals(state(browser, "port", "live-a")));
        assertEquals(Boolean.TRUE, browser.script("return window.notReloaded"), "the page was not reloaded");
        assertTrue(Duration.ofNanos(appeared - created).toMillis() < 2000);

        Api.action("live-a", "unenlist").statusCode(200);
        Api.delete("live-a").statusCode(204);
        browser.waitUntil(Duration.ofSeconds(2), d -> d.findElements(row("port", "live-a")).isEmpty());
    }

    @Test
    void severalSelectedRowsTakeTheSameActionAndTheTableSortsFiltersAndCountsOnItsOwn() throws Exception {
        String topic = TestKafka.uniqueTopic("console-bulk");
        for (String name : List.of("bulk-c", "bulk-a", "bulk-b")) {
            Api.create(Api.staticPort(name, topic, Api.fileTransport(out, "{\"fileName\":\"" + name + "-%MessageID%\"}"),
                    null)).statusCode(201);
        }
        browser.go("/console/ports");
        browser.type(By.cssSelector("[data-filter-text='port-table']"), "bulk-");
        browser.waitUntil(d -> visibleNames().equals(List.of("bulk-c", "bulk-a", "bulk-b"))
                || visibleNames().equals(List.of("bulk-a", "bulk-b", "bulk-c")));
        browser.find(By.xpath("//th/button[.='Name']")).click();
        assertEquals(List.of("bulk-a", "bulk-b", "bulk-c"), visibleNames());
        browser.find(By.xpath("//th/button[.='Name']")).click();
        assertEquals(List.of("bulk-c", "bulk-b", "bulk-a"), visibleNames());

        browser.find(By.cssSelector("#port-table input[data-select-all]")).click();
        browser.find(By.cssSelector("[data-bulk='start']")).click();
        for (String name : List.of("bulk-a", "bulk-b", "bulk-c")) {
            awaitState("port", name, "started");
        }
        new Select(browser.find(By.cssSelector("[data-filter-state='port-table']"))).selectByValue("unenlisted");
        assertEquals(List.of(), visibleNames());
        new Select(browser.find(By.cssSelector("[data-filter-state='port-table']"))).selectByValue("started");
        assertEquals(List.of("bulk-c", "bulk-b", "bulk-a"), visibleNames());

        // the counters refresh on their own
        TestKafka.publish(topic, "k", "counted", Map.of());
        browser.waitUntil(Duration.ofSeconds(20), d -> "1".equals(browser.script(
                "return document.querySelector('#port-bulk-a td[data-col=delivered]').dataset.value")));

        browser.find(By.cssSelector("[data-bulk='unenlist']")).click();
        for (String name : List.of("bulk-a", "bulk-b", "bulk-c")) {
            awaitState("port", name, "unenlisted");
        }
    }

    @Test
    void aRowRefreshedAfterAnActionObeysTheFilterFromTheMomentItIsSwappedIn() {
        String topic = TestKafka.uniqueTopic("console-kept");
        Api.create(Api.staticPort("kept-a", topic, Api.fileTransport(out, null), null)).statusCode(201);
        Api.action("kept-a", "start").statusCode(200);
        browser.go("/console/ports");
        awaitState("port", "kept-a", "started");
        new Select(browser.find(By.cssSelector("[data-filter-state='port-table']"))).selectByValue("started");
        assertTrue(visibleNames().contains("kept-a"));

        // after every change to the rows (checked before the page paints), was a port not started shown?
        browser.script("window.shownAgainstTheFilter = [];"
                + "new MutationObserver(() => document.querySelectorAll('#port-rows tr').forEach(r => {"
                + "  if (!r.hidden && r.dataset.state !== 'started') window.shownAgainstTheFilter.push(r.dataset.state);"
                + "})).observe(document.getElementById('port-rows'), {childList: true, subtree: true, attributes: true})");

        browser.find(By.cssSelector("#port-rows input[data-select][value='kept-a']")).click();
        browser.find(By.cssSelector("[data-bulk='stop']")).click();
        awaitState("port", "kept-a", "stopped");
        browser.waitUntil(d -> browser.find(By.id("outcome")).getText().contains("kept-a: stopped")
                && Boolean.TRUE.equals(browser.script("return !document.querySelector('#port-rows .htmx-settling')")));
        assertEquals(List.of(), browser.script("return window.shownAgainstTheFilter"));
        assertEquals(List.of(), visibleNames());

        Api.action("kept-a", "unenlist").statusCode(200);
        Api.delete("kept-a").statusCode(204);
    }

    @SuppressWarnings("unchecked")
    private List<String> visibleNames() {
        return (List<String>) browser.script("return Array.from(document.querySelectorAll('#port-rows tr'))"
                + ".filter(r => !r.hidden).map(r => r.dataset.name)");
    }

    @Test
    void aGroupMadeAndStartedFromTheConsoleDeliversToItsMembers() throws Exception {
        String own = TestKafka.uniqueTopic("console-own");
        String topic = TestKafka.uniqueTopic("console-group");
        Path a = Files.createDirectories(out.resolve("a"));
        Path b = Files.createDirectories(out.resolve("b"));
        Api.create(Api.staticPort("member-a", own, Api.fileTransport(a, "{\"fileName\":\"%MessageID%.txt\"}"), null))
                .statusCode(201);
        Api.create(Api.staticPort("member-b", own, Api.fileTransport(b, "{\"fileName\":\"%MessageID%.txt\"}"), null))
                .statusCode(201);
        Api.action("member-a", "start").statusCode(200);
        Api.action("member-b", "start").statusCode(200);

        browser.go("/console/groups");
        browser.find(By.id("new-group")).click();
        browser.type(By.id("f-name"), "fanout");
        browser.find(By.id("m-member-a")).click();
        browser.find(By.id("m-member-b")).click();
        browser.type(By.id("f-topics"), topic);
        browser.find(By.cssSelector("[data-add-group]")).click();
        browser.type(By.cssSelector(".or-group [data-part='property']"), "status");
        browser.type(By.cssSelector(".or-group [data-part='value']"), "confirmed");
        browser.find(By.id("save")).click();
        browser.waitUntil(d -> d.getCurrentUrl().endsWith("/console/groups"));

        assertEquals(List.of("Start", "Enlist", "Delete", "Properties"), actions(browser, "group", "fanout"));
        ConsoleBrowserSupport.click(browser, "group", "fanout", "Start");
        awaitState("group", "fanout", "started");
        assertEquals(List.of("Stop", "Unenlist", "Properties"), actions(browser, "group", "fanout"));
        browser.screenshot("send-port-groups");

        TestKafka.publish(topic, "k1", "confirmed order", Map.of("status", "confirmed"));
        TestKafka.publish(topic, "k2", "draft order", Map.of("status", "draft"));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> files(a) == 1 && files(b) == 1);
        assertEquals("confirmed order", Files.readString(only(a)));
        assertEquals("confirmed order", Files.readString(only(b)));

        Api.groupAction("fanout", "unenlist").statusCode(200);
        Api.deleteGroup("fanout").statusCode(204);
        for (String port : List.of("member-a", "member-b")) {
            Api.action(port, "unenlist").statusCode(200);
            Api.delete(port).statusCode(204);
        }
    }

    private static long files(Path dir) throws Exception {
        try (var list = Files.list(dir)) {
            return list.filter(p -> p.toString().endsWith(".txt")).count();
        }
    }

    private static Path only(Path dir) throws Exception {
        try (var list = Files.list(dir)) {
            return list.filter(p -> p.toString().endsWith(".txt")).findFirst().orElseThrow();
        }
    }
}
