package io.sendports.console;

import static io.restassured.RestAssured.given;

import java.util.List;

import org.openqa.selenium.By;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.sendports.testsupport.Browser;

/** What the console's browser tests share: the address of the application, users, a row's buttons. */
final class ConsoleBrowserSupport {
    static final String PASSWORD = "console-password-1";

    private ConsoleBrowserSupport() {
    }

    static String base() {
        return RestAssured.baseURI + ":" + RestAssured.port;
    }

    /** Makes the user with the role unless it exists (the test application outlives a test class). */
    static void user(String name, String role) {
        int status = given().contentType(ContentType.JSON).body("{\"name\":\"" + name + "\",\"roles\":[\"" + role
                + "\"],\"password\":\"" + PASSWORD + "\"}").post("/api/users").statusCode();
        if (status != 201 && status != 409) {
            throw new AssertionError("creating user " + name + " answered " + status);
        }
    }

    static By row(String kind, String name) {
        return By.id(kind + "-" + name);
    }

    /** The labels of the action buttons and links in a row, in order. */
    @SuppressWarnings("unchecked")
    static List<String> actions(Browser browser, String kind, String name) {
        browser.find(row(kind, name));
        // one read in the page: a live update may replace the row between two WebDriver calls
        return (List<String>) browser.script("const row = document.getElementById(arguments[0]);"
                + "return row ? Array.from(row.querySelectorAll('td.actions button, td.actions a'))"
                + ".map(e => e.textContent.trim()) : null;", kind + "-" + name);
    }

    static String state(Browser browser, String kind, String name) {
        return (String) browser.script("const row = document.getElementById(arguments[0]);"
                + "return row ? row.dataset.state : null;", kind + "-" + name);
    }

    /** Clicks a row's action button, found and clicked in one step of the page. */
    static void click(Browser browser, String kind, String name, String label) {
        browser.waitUntil(d -> Boolean.TRUE.equals(browser.script("const row = document.getElementById(arguments[0]);"
                + "const b = row && Array.from(row.querySelectorAll('td.actions button'))"
                + ".find(e => e.textContent.trim() === arguments[1]);"
                + "if (b) { b.click(); return true; } return false;", kind + "-" + name, label)));
    }
}
