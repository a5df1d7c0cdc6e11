package io.sendports.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.sendports.testsupport.KafkaTestResource;
import io.sendports.testsupport.TestUsers;

/**
 * The form login of the console (DESIGN.md §7), through real HTTP: {@code POST /console/login} sets an HttpOnly,
 * SameSite=Strict session cookie that authenticates as the user with their current role, and
 * {@code POST /api/logout} removes it. No Basic credentials are sent here except to set users up.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class SessionLoginTest {
    private static final String COOKIE = "sendports-session";
    private static final String PASSWORD = "session-password-1";

    private static Response login(String user, String password) {
        return given().auth().none().contentType(ContentType.URLENC).formParam("j_username", user)
                .formParam("j_password", password).post("/console/login");
    }

    private static RequestSpecification session(String cookie) {
        return given().auth().none().cookie(COOKIE, cookie);
    }

    /** A session's request with its CSRF token, which {@code GET /api/me} gives. */
    private static RequestSpecification writing(String cookie) {
        String token = session(cookie).get("/api/me").then().statusCode(200).extract().path("csrfToken");
        assertNotNull(token);
        return session(cookie).header("X-CSRF-Token", token);
    }

    private static String setCookie(Response response) {
        List<String> cookies = response.headers().getValues("Set-Cookie");
        return cookies.stream().filter(c -> c.startsWith(COOKIE + "=")).findFirst().orElse(null);
    }

    private static void user(String name, String role) {
        given().contentType(ContentType.JSON).body("{\"name\":\"" + name + "\",\"roles\":[\"" + role
                + "\"],\"password\":\"" + PASSWORD + "\"}").post("/api/users").then().statusCode(201);
    }

    @Test
    void aLoginSetsAStrictHttpOnlySessionCookieThatAuthenticates() {
        Response login = login(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        assertEquals(200, login.statusCode(), login.asString());
        String header = setCookie(login);
        assertNotNull(header, login.headers().toString());
        assertTrue(header.toLowerCase(java.util.Locale.ROOT).contains("; httponly"), header);
        assertTrue(header.contains("SameSite=Strict"), header);
        assertFalse(header.contains("Secure"), "plain HTTP here, so not Secure: " + header);

        String cookie = login.cookie(COOKIE);
        session(cookie).get("/api/me").then().statusCode(200).body("user", equalTo("admin"))
                .body("roles[0]", equalTo("admin"));
        // a session's write needs its CSRF token ...
        session(cookie).contentType(ContentType.JSON).body("{\"name\":\"sess-made\",\"roles\":[\"viewer\"],"
                + "\"password\":\"" + PASSWORD + "\"}").post("/api/users").then().statusCode(403)
                .contentType("application/problem+json");
        session(cookie).header("X-CSRF-Token", "forged").post("/api/logout").then().statusCode(403);
        writing(cookie).contentType(ContentType.JSON).body("{\"name\":\"sess-made\",\"roles\":[\"viewer\"],"
                + "\"password\":\"" + PASSWORD + "\"}").post("/api/users").then().statusCode(201)
                .body("roles[0]", equalTo("viewer")).body("role", equalTo("viewer"));
        // ... but not from a page of another site
        writing(cookie).header("Origin", "https://evil.example").contentType(ContentType.JSON)
                .body("{\"name\":\"sess-evil\",\"roles\":[\"admin\"],\"password\":\"" + PASSWORD + "\"}")
                .post("/api/users").then().statusCode(403);
                assertFalse(given().get("/api/users").asString().contains("sess-evil"));
    }

    @Test
    void basicCredentialsNeedNoCsrfTokenWhateverTheBody() {
        given().get("/api/me").then().statusCode(200).body("user", equalTo("admin"))
                .body("csrfToken", org.hamcrest.Matchers.nullValue());
        // curl -X POST, curl -d '' (a form content type), and JSON
        given().post("/api/send-ports/none/stop").then().statusCode(404);
        given().contentType(ContentType.URLENC).body("").post("/api/send-ports/none/stop").then().statusCode(404);
        given().contentType(ContentType.JSON).body("{}").post("/api/send-ports/none/stop").then().statusCode(404);
        // there is no session to end
        given().post("/api/logout").then().statusCode(204);
    }

    @Test
    void bearerTokensAreRefusedUnlessTurnedOn() throws java.security.GeneralSecurityException {
        java.security.KeyPairGenerator rsa = java.security.KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        String token = io.smallrye.jwt.build.Jwt.issuer("https://idp.example").upn("admin")
                .groups(java.util.Set.of("admin")).expiresIn(300).sign(rsa.generateKeyPair().getPrivate());
        given().auth().none().header("Authorization", "Bearer " + token).get("/api/me").then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void aWrongPasswordSetsNoCookie() {
        Response login = login(TestUsers.ADMIN, "not-the-password");
        assertEquals(401, login.statusCode());
        assertNull(setCookie(login), login.headers().toString());
        session("not-a-real-session-cookie").get("/api/me").then().statusCode(401);
    }

    @Test
    void theSessionCarriesTheUsersCurrentRoleAndEndsWithTheUser() {
        user("sess-viewer", "viewer");
        String cookie = login("sess-viewer", PASSWORD).then().statusCode(200).extract().cookie(COOKIE);
        session(cookie).get("/api/send-ports").then().statusCode(200);
        writing(cookie).post("/api/send-ports/none/stop").then().statusCode(403)
                .contentType("application/problem+json");

        given().contentType(ContentType.JSON).body("{\"roles\":[\"operator\"]}").put("/api/users/sess-viewer").then()
                .statusCode(200);
        writing(cookie).post("/api/send-ports/none/stop").then().statusCode(404);

        given().delete("/api/users/sess-viewer").then().statusCode(204);
        session(cookie).get("/api/me").then().statusCode(401);
    }

    @Test
    void logoutRemovesTheCookie() {
        String cookie = login(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD).then().statusCode(200).extract()
                .cookie(COOKIE);
        Response logout = writing(cookie).post("/api/logout");
        assertEquals(204, logout.statusCode());
        String removed = setCookie(logout);
        assertNotNull(removed, logout.headers().toString());
        assertTrue(removed.startsWith(COOKIE + "=;") || removed.contains("Max-Age=0"), removed);
        given().auth().none().post("/api/logout").then().statusCode(401);
    }

    @Test
    void usersTakeTheirRoleAsApiMdsRolesListOrAsRole() {
        given().contentType(ContentType.JSON).body("{\"name\":\"sess-two\",\"roles\":[\"viewer\",\"admin\"],"
                + "\"password\":\"" + PASSWORD + "\"}").post("/api/users").then().statusCode(400)
                .body("errors[0].field", equalTo("roles"));
        given().contentType(ContentType.JSON).body("{\"name\":\"sess-two\",\"roles\":[\"root\"],"
                + "\"password\":\"" + PASSWORD + "\"}").post("/api/users").then().statusCode(400)
                .body("errors[0].field", equalTo("roles[0]"));
        given().contentType(ContentType.JSON).body("{\"name\":\"sess-two\",\"role\":\"operator\","
                + "\"password\":\"" + PASSWORD + "\"}").post("/api/users").then().statusCode(201)
                .body("roles[0]", equalTo("operator"));
        given().get("/api/users").then().body("find { it.name == 'sess-two' }.roles[0]", equalTo("operator"));
        given().delete("/api/users/sess-two").then().statusCode(204);
    }
}
