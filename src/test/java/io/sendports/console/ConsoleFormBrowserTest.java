package io.sendports.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.sendports.testsupport.Api;
import io.sendports.testsupport.HttpReceiver;
import io.sendports.testsupport.KafkaTestResource;
import io.sendports.testsupport.TestKafka;

/**
 * The Send Port Properties form in a real browser: one port of each of the four kinds made through it, each with a
 * filter of two OR groups, delivers to a real destination; a bad address shows the API's own message beside the
 * field and keeps what was typed; an existing port's properties come back into the same form.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class ConsoleFormBrowserTest extends BrowserTestBase {
    @TempDir
    Path out;

    /** Opens New ▸ and the form of one kind. */
    private void openNew(String linkText) {
        browser.go("/console/ports");
        browser.find(By.cssSelector("#new-menu summary")).click();
        browser.find(By.linkText(linkText)).click();
        browser.find(By.id("f-name"));
    }

    /** (region == eu AND priority > 5) OR (vip exists), typed into the filter editor. */
    private void typeTwoGroupFilter() {
        browser.find(By.cssSelector("[data-add-group]")).click();
        statement(0, 0, "region", "==", "eu");
        browser.all(By.cssSelector(".or-group")).get(0).findElement(By.cssSelector("[data-add-statement]")).click();
        statement(0, 1, "priority", ">", "5");
        browser.find(By.cssSelector("[data-add-group]")).click();
        statement(1, 0, "vip", "exists", null);
    }

    private void statement(int group, int index, String property, String operator, String value) {
        WebElement statement = browser.all(By.cssSelector(".or-groups > .or-group")).get(group)
                .findElements(By.cssSelector(".statement")).get(index);
        statement.findElement(By.cssSelector("[data-part='property']")).sendKeys(property);
        new Select(statement.findElement(By.cssSelector("[data-part='operator']"))).selectByValue(operator);
        if (value != null) {
            statement.findElement(By.cssSelector("[data-part='value']")).sendKeys(value);
        }
    }

    private void save() {
        browser.find(By.id("save")).click();
        try {
            browser.waitUntil(d -> d.getCurrentUrl().endsWith("/console/ports"));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("the form was not saved: " + browser.script(
                    "return Array.from(document.querySelectorAll('#form-errors, .field-error')).map(e => e.textContent)"
                            + ".join(' | ')"), e);
        }
    }

    private void start(String name) {
        ConsoleBrowserSupport.click(browser, "port", name, "Start");
        browser.waitUntil(d -> "started".equals(ConsoleBrowserSupport.state(browser, "port", name)));
    }

    /** Three messages: the first two match one OR group each, the third matches none. */
    private static void publishThree(String topic, Map<String, String> extra) {
        TestKafka.publish(topic, "k1", "first", with(extra, Map.of("region", "eu", "priority", "7")));
        TestKafka.publish(topic, "k2", "second", with(extra, Map.of("vip", "yes")));
        TestKafka.publish(topic, "k3", "third", with(extra, Map.of("region", "eu", "priority", "2")));
    }

    private static Map<String, String> with(Map<String, String> a, Map<String, String> b) {
        Map<String, String> all = new java.util.HashMap<>(a);
        all.putAll(b);
        return all;
    }

    @Test
    void onePortOfEachKindMadeThroughTheFormDeliversWhatItsFilterTakes() throws Exception {
        try (HttpReceiver oneWay = new HttpReceiver(); HttpReceiver solicit = new HttpReceiver();
                HttpReceiver dynamicSolicit = new HttpReceiver()) {
            solicit.reply(request -> new HttpReceiver.Reply(200, "ack " + request.body(), "text/plain"));
            dynamicSolicit.reply(request -> new HttpReceiver.Reply(200, "dyn " + request.body(), "text/plain"));
            String t1 = TestKafka.uniqueTopic("form-sow");
            String t2 = TestKafka.uniqueTopic("form-ssr");
            String t3 = TestKafka.uniqueTopic("form-dow");
            String t4 = TestKafka.uniqueTopic("form-dsr");
            Path dynamicDir = Files.createDirectories(out.resolve("dynamic"));

            openNew("Static One-way Send Port");
            browser.type(By.id("f-name"), "form-static-ow");
            browser.type(By.id("f-topics"), t1);
            typeTwoGroupFilter();
            browser.type(By.id("transport-address"), oneWay.url("/orders"));
            new Select(browser.find(By.id("transport-method"))).selectByValue("PUT");
            browser.screenshot("send-port-properties");
            save();
            start("form-static-ow");

            openNew("Static Solicit-Response Send Port");
            browser.type(By.id("f-name"), "form-static-sr");
            browser.type(By.id("f-topics"), t2);
            typeTwoGroupFilter();
            browser.type(By.id("transport-address"), solicit.url("/quote"));
            browser.type(By.id("f-response-timeout"), "PT20S");
            save();
            start("form-static-sr");

            openNew("Dynamic One-way Send Port");
            browser.type(By.id("f-name"), "form-dynamic-ow");
            browser.type(By.id("f-topics"), t3);
            typeTwoGroupFilter();
            browser.type(By.id("f-allowed"), fileAddress(out).replaceFirst("/$", "") + "/**");
            save();
            start("form-dynamic-ow");

            openNew("Dynamic Solicit-Response Send Port");
            browser.type(By.id("f-name"), "form-dynamic-sr");
            browser.type(By.id("f-topics"), t4);
            typeTwoGroupFilter();
            browser.type(By.id("f-allowed"), dynamicSolicit.url("/**"));
            save();
            start("form-dynamic-sr");

            JsonPath port = Api.get("form-static-ow").statusCode(200).extract().jsonPath();
            assertEquals(List.of(List.of(Map.of("property", "region", "operator", "==", "value", "eu"),
                    Map.of("property", "priority", "operator", ">", "value", "5")),
                    List.of(Map.of("property", "vip", "operator", "exists"))), port.getList("subscription.filter"));
            assertEquals("PUT", port.getString("transport.options.method"));

            publishThree(t1, Map.of());
            publishThree(t2, Map.of());
            String dynamicFileAddress = fileAddress(dynamicDir);
            publishThree(t3, Map.of("sendports.address", dynamicFileAddress));
            publishThree(t4, Map.of("sendports.address", dynamicSolicit.url("/dyn")));

            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> oneWay.requests().size() >= 2
                    && solicit.requests().size() >= 2 && dynamicSolicit.requests().size() >= 2 && files(dynamicDir) >= 2);
            assertEquals(Set.of("first", "second"), bodies(oneWay));
            assertEquals("PUT", oneWay.requests().get(0).method());
            assertEquals(Set.of("first", "second"), bodies(solicit));
            assertEquals(Set.of("first", "second"), bodies(dynamicSolicit));
            assertEquals("/dyn", dynamicSolicit.requests().get(0).path());
            Set<String> written = new TreeSet<>();
            try (var list = Files.list(dynamicDir)) {
                for (Path file : list.toList()) {
                    written.add(Files.readString(file));
                }
            }
            assertEquals(Set.of("first", "second"), written);
            assertEquals(Set.of("ack first", "ack second"), new TreeSet<>(texts("form-static-sr.responses", 2)));
            assertEquals(Set.of("dyn first", "dyn second"), new TreeSet<>(texts("form-dynamic-sr.responses", 2)));
            // the third message matched no group: nothing more arrived
            assertEquals(2, oneWay.attempts().size());

            for (String name : List.of("form-static-ow", "form-static-sr", "form-dynamic-ow", "form-dynamic-sr")) {
                Api.action(name, "unenlist").statusCode(200);
            }
        }
    }

    @Test
    void aBadAddressShowsTheApisMessageBesideTheFieldAndKeepsWhatWasTyped() throws Exception {
        openNew("Static One-way Send Port");
        browser.type(By.id("f-name"), "form-bad-address");
        browser.type(By.id("f-description"), "typed before the error");
        browser.type(By.id("f-topics"), "orders");
        browser.type(By.id("transport-address"), "ftp://nowhere/x");
        browser.find(By.id("save")).click();

        WebElement error = browser.find(By.cssSelector(".field-error[data-for='transport.address']"));
        String expected = io.restassured.RestAssured.given().contentType(io.restassured.http.ContentType.JSON)
                .body(Api.staticPort("form-bad-address", "orders", "{\"type\":\"http\",\"address\":\"ftp://nowhere/x\"}",
                        null)).post("/api/send-ports").then().statusCode(400).extract().jsonPath()
                .getString("errors.find { it.field == 'transport.address' }.message");
        assertTrue(error.getText().endsWith(expected), error.getText() + " / " + expected);
        // beside its field: the message follows the address field and names it for assistive technology
        WebElement address = browser.find(By.id("transport-address"));
        assertEquals("true", address.getAttribute("aria-invalid"));
        assertEquals(error.getAttribute("id"), address.getAttribute("aria-describedby"));
        assertEquals(Boolean.TRUE, browser.script("return arguments[0].previousElementSibling.contains(arguments[1])",
                error, address));
        assertEquals("typed before the error", browser.find(By.id("f-description")).getAttribute("value"));
        assertEquals("ftp://nowhere/x", address.getAttribute("value"));
        assertTrue(browser.driver().getCurrentUrl().contains("/console/ports/new"));
        browser.screenshot("send-port-properties-error");
        Api.get("form-bad-address").statusCode(404);
    }

    @Test
    void thePropertiesOfAPortComeBackIntoTheFormAndSaveWithItsRevision() {
        String topic = TestKafka.uniqueTopic("form-edit");
        Api.create("{\"name\":\"form-edit\",\"kind\":\"static\",\"pattern\":\"one-way\",\"subscription\":{\"topics\":[\""
                + topic + "\"],\"filter\":[[{\"property\":\"a\",\"operator\":\"<=\",\"value\":\"3\"}]]},"
                + "\"transport\":{\"type\":\"file\",\"address\":\"file:///tmp/form-edit\",\"options\":{\"mode\":\"append\"}},"
                + "\"retry\":{\"count\":2,\"interval\":\"PT1M\"},\"serviceWindow\":{\"from\":\"08:00\",\"to\":\"18:00\","
                + "\"zone\":\"Europe/Paris\"}}").statusCode(201);
        browser.go("/console/ports/form-edit/properties");
        assertEquals("file:///tmp/form-edit", browser.find(By.id("transport-address")).getAttribute("value"));
        assertEquals("append", new Select(browser.find(By.id("transport-mode"))).getFirstSelectedOption()
                .getAttribute("value"));
        assertEquals("<=", new Select(browser.find(By.cssSelector("[data-part='operator']"))).getFirstSelectedOption()
                .getAttribute("value"));
        assertEquals("Europe/Paris", browser.find(By.id("f-window-zone")).getAttribute("value"));
        browser.type(By.id("f-retry-count"), "5");
        browser.find(By.id("save")).click();
        browser.waitUntil(d -> d.getCurrentUrl().endsWith("/console/ports"));
        JsonPath port = Api.get("form-edit").statusCode(200).extract().jsonPath();
        assertEquals(5, port.getInt("retry.count"));
        assertEquals("append", port.getString("transport.options.mode"));
        assertEquals("<=", port.getString("subscription.filter[0][0].operator"));
        assertEquals(2, port.getInt("revision"));
        Api.delete("form-edit").statusCode(204);
    }

    private static String fileAddress(Path dir) {
        return Api.fileTransport(dir, null).replaceAll(".*\"address\":\"([^\"]+)\".*", "$1");
    }

    private static Set<String> bodies(HttpReceiver receiver) {
        return new TreeSet<>(receiver.bodies());
    }

    private static long files(Path dir) throws Exception {
        try (var list = Files.list(dir)) {
            return list.count();
        }
    }

    private static List<String> texts(String topic, int count) {
        return TestKafka.read(topic, count, Duration.ofSeconds(20)).stream().map(r -> TestKafka.text(r.value())).toList();
    }
}
