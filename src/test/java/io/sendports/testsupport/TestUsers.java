package io.sendports.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The test profile's first admin (application.properties, {@code %test.sendports.security.admin-password}; the ITs'
 * services and the benchmark's get the same password), and HTTP Basic headers for the tests' own HTTP clients.
 */
public final class TestUsers {
    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "test-admin-password";

    private TestUsers() {
    }

    /** The {@code Authorization} header value of HTTP Basic. */
    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The admin's {@code Authorization} header value. */
    public static String admin() {
        return basic(ADMIN, ADMIN_PASSWORD);
    }
}
