package io.sendports.console;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import io.sendports.testsupport.Browser;
import io.sendports.testsupport.TestUsers;

/**
 * One browser for a test class, opened at its first test (REST Assured knows the application's address only from
 * then on), signed in as the test admin before each test, closed after the class. Unannotated: each subclass is
 * the {@code @QuarkusTest} (BUILD-NOTES: a test class extending another annotated one starts two applications).
 */
abstract class BrowserTestBase {
    static Browser browser;

    @BeforeAll
    static void installed() {
        Browser.assumeInstalled();
    }

    @BeforeEach
    void openAndLogIn() throws Exception {
        if (browser == null) {
            browser = Browser.open(ConsoleBrowserSupport.base());
        }
        browser.width(1280, 900);
        browser.login(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
    }

    @AfterAll
    static void closeBrowser() throws Exception {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }
}
