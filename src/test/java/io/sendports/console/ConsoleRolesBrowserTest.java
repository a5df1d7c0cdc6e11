package io.sendports.console;

import static io.sendports.console.ConsoleBrowserSupport.actions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sendports.testsupport.Api;
import io.sendports.testsupport.Browser;
import io.sendports.testsupport.KafkaTestResource;
import io.sendports.testsupport.TestKafka;
import io.sendports.testsupport.TestUsers;

/**
 * Each role sees exactly the actions DESIGN.md §7 and §3 allow, in every state: a viewer none at all, an operator
 * Start and Stop of enlisted ports only, an admin everything the state table allows. A forbidden action is not
 * shown, and a viewer's forged request is refused all the same.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class ConsoleRolesBrowserTest {
    private static Browser browser;

    @TempDir
    static Path out;

    @BeforeAll
    static void installed() {
        Browser.assumeInstalled();
    }

    /** Once, in the first test: REST Assured knows the application's port only from the first test on. */
    @BeforeEach
    void ports() throws Exception {
        if (browser != null) {
            return;
        }
        ConsoleBrowserSupport.user("console-viewer", "viewer");
        ConsoleBrowserSupport.user("console-operator", "operator");
        String topic = TestKafka.uniqueTopic("console-roles");
        for (String name : List.of("roles-unenlisted", "roles-stopped", "roles-started")) {
            Api.create(Api.staticPort(name, topic, Api.fileTransport(out, null), null)).statusCode(201);
        }
        Api.action("roles-stopped", "enlist").statusCode(200);
        Api.action("roles-started", "start").statusCode(200);
        browser = Browser.open(ConsoleBrowserSupport.base());
    }

    @AfterAll
    static void closeBrowser() throws Exception {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    private Map<String, List<String>> seen() {
        browser.go("/console/ports");
        return Map.of("unenlisted", actions(browser, "port", "roles-unenlisted"),
                "stopped", actions(browser, "port", "roles-stopped"),
                "started", actions(browser, "port", "roles-started"));
    }

    @Test
    void aViewerSeesNoActionAtAllAndAForgedChangeIsRefused() throws Exception {
        browser.login("console-viewer", ConsoleBrowserSupport.PASSWORD);
        assertEquals(Map.of("unenlisted", List.of(), "stopped", List.of(), "started", List.of()), seen());
        assertEquals("viewer", browser.find(By.id("user-role")).getText());
        assertTrue(browser.all(By.cssSelector("#new-menu, [data-bulk], input[data-select], [data-add-group]")).isEmpty());
        assertTrue(browser.all(By.linkText("Publish")).isEmpty());
        browser.screenshot("send-ports-viewer");

        // the page offers nothing, so forge it: the viewer's own session and CSRF token, sent by the page's script
        Object status = browser.asyncScript("const done = arguments[arguments.length - 1];"
                + "fetch('/api/send-ports/roles-stopped/start', {method: 'POST', headers: {'X-CSRF-Token':"
                + " document.querySelector('meta[name=csrf-token]').content}}).then(r => done(r.status));");
        assertEquals(403L, status);
        Object console = browser.asyncScript("const done = arguments[arguments.length - 1];"
                + "fetch('/console/ports/new').then(r => done(r.status));");
        assertEquals(403L, console);
        Api.get("roles-stopped").statusCode(200).body("state", org.hamcrest.Matchers.equalTo("stopped"));
        // and the properties are shown, read-only
        browser.go("/console/ports/roles-stopped/properties");
        assertEquals(Boolean.TRUE, browser.script("return document.querySelector('fieldset.whole').disabled"));
        assertTrue(browser.all(By.id("save")).isEmpty());
    }

    @Test
    void anOperatorStartsAndStopsOnlyWhatIsEnlisted() {
        browser.login("console-operator", ConsoleBrowserSupport.PASSWORD);
        assertEquals(Map.of("unenlisted", List.of(), "stopped", List.of("Start"), "started", List.of("Stop")), seen());
        assertTrue(browser.all(By.cssSelector("#new-menu, [data-bulk='enlist'], [data-bulk='delete']")).isEmpty());
        assertEquals(2, browser.all(By.cssSelector("[data-bulk]")).size(), "Start selected and Stop selected");
        Object status = browser.asyncScript("const done = arguments[arguments.length - 1];"
                + "fetch('/api/send-ports/roles-unenlisted/start', {method: 'POST', headers: {'X-CSRF-Token':"
                + " document.querySelector('meta[name=csrf-token]').content}}).then(r => done(r.status));");
        assertEquals(403L, status, "starting an unenlisted port would enlist it: an admin's right");
    }

    @Test
    void anAdminSeesWhatTheStateTableAllows() {
        browser.login(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        assertEquals(Map.of("unenlisted", List.of("Start", "Enlist", "Delete", "Properties"),
                "stopped", List.of("Start", "Unenlist", "Properties"),
                "started", List.of("Stop", "Unenlist", "Properties")), seen());
    }
}
