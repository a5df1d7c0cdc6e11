package io.sendports.console;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sendports.testsupport.Browser;
import io.sendports.testsupport.KafkaTestResource;
import io.sendports.testsupport.TestUsers;

/**
 * A real BizTalk binding file ({@code ../shared/fixtures/biztalk}, read in place, never copied) imported through the
 * console: the dry-run report with what was not mapped is shown before anything is written.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class ConsoleBizTalkBrowserTest {
    private static final Path FIXTURE = Path.of("..", "shared", "fixtures", "biztalk", "sdk-http-solicit-response.xml");
    private static Browser browser;

    @BeforeAll
    static void installed() {
        Browser.assumeInstalled();
        assumeTrue(Files.isRegularFile(FIXTURE), "no " + FIXTURE);
    }

    @AfterAll
    static void closeBrowser() throws Exception {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void aBizTalkBindingFileShowsItsNotMappedReportBeforeItIsImported() throws Exception {
        browser = Browser.open(ConsoleBrowserSupport.base());
        browser.login(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        browser.go("/console/bindings");
        browser.driver().findElement(By.id("i-file")).sendKeys(FIXTURE.toRealPath().toString());
        browser.type(By.id("i-topic"), "biztalk.console");
        browser.find(By.id("import-preview")).click();
        browser.waitUntil(d -> browser.find(By.id("import-report")).getText().contains("Dry run"));
        String report = browser.find(By.id("import-report")).getText();
        assertTrue(report.contains("Not mapped from the BizTalk file"), report);
        assertTrue(report.contains("created"), report);
        browser.screenshot("bindings-biztalk-report");
        browser.find(By.id("import-confirm")).click();
        browser.waitUntil(d -> browser.find(By.id("import-report")).getText().startsWith("Imported"));
    }
}
