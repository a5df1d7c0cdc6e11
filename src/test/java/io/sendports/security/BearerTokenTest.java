package io.sendports.security;

import static io.restassured.RestAssured.given;
import static io.sendports.testsupport.Api.fileTransport;
import static io.sendports.testsupport.Api.staticPort;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.sendports.testsupport.KafkaTestResource;
import io.sendports.testsupport.TestKafka;
import io.smallrye.jwt.build.Jwt;

/**
 * JWT bearer tokens (DESIGN.md §7) with an identity provider played by this test: it makes an RSA key pair, gives
 * the service the public key, and signs tokens with the private one. The token's groups give roles only through
 * {@code sendports.security.role-mapping}; an expired token, another issuer or another key's signature is 401.
 */
@QuarkusTest
@TestProfile(BearerTokenTest.Tokens.class)
@WithTestResource(KafkaTestResource.class)
class BearerTokenTest {
    private static final String ISSUER = "https://idp.sendports.test";
    private static final Path KEYS = Path.of("target", "test-jwt");

    /** Bearer tokens on, verified with the test's public key, with three groups mapped to the three roles. */
    public static class Tokens implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            keys();
            return Map.of("sendports.security.jwt.enabled", "true",
                    "mp.jwt.verify.publickey.location", KEYS.resolve("public.pem").toAbsolutePath().toString(),
                    "mp.jwt.verify.issuer", ISSUER,
                    "sendports.security.role-mapping.\"cn=integration-admins,ou=groups\"", "admin",
                    "sendports.security.role-mapping.\"ops\"", "operator",
                    "sendports.security.role-mapping.\"readers\"", "viewer");
        }
    }

    @TempDir
    Path dir;

    /** The test's key pair, made once: the private key signs, the public key (PEM) is the service's. */
    private static synchronized PrivateKey keys() {
        try {
            Path privateKey = KEYS.resolve("private.der");
            if (!Files.exists(privateKey)) {
                KeyPair pair = rsa();
                Files.createDirectories(KEYS);
                Files.writeString(KEYS.resolve("public.pem"), "-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder().encodeToString(pair.getPublic().getEncoded())
                        + "\n-----END PUBLIC KEY-----\n");
                Files.write(privateKey, pair.getPrivate().getEncoded());
            }
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(privateKey)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair rsa() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static String token(String user, Set<String> groups) {
        return Jwt.issuer(ISSUER).upn(user).groups(groups).expiresIn(300).sign(keys());
    }

    private static RequestSpecification bearer(String token) {
        return given().auth().none().header("Authorization", "Bearer " + token);
    }

    @Test
    void aMappedGroupGivesItsRoleAndTheUserIsTheActor() {
        bearer(token("carol", Set.of("cn=integration-admins,ou=groups", "unrelated"))).get("/api/me").then()
                .statusCode(200).body("user", equalTo("carol")).body("roles", equalTo(java.util.List.of("admin")));
        bearer(token("carol", Set.of("cn=integration-admins,ou=groups"))).contentType(ContentType.JSON)
                .body(staticPort("jwt-port", TestKafka.uniqueTopic("jwt"), fileTransport(dir, null), null))
                .post("/api/send-ports").then().statusCode(201).body("lastChangedBy", equalTo("carol"));

        String operator = token("olga", Set.of("ops"));
        bearer(operator).post("/api/send-ports/jwt-port/start").then().statusCode(403)
                .body("detail", containsString("would enlist it"));
        bearer(operator).delete("/api/send-ports/jwt-port").then().statusCode(403);
        bearer(token("vera", Set.of("readers"))).get("/api/send-ports/jwt-port").then().statusCode(200);
        bearer(token("vera", Set.of("readers"))).post("/api/send-ports/jwt-port/stop").then().statusCode(403);
        given().delete("/api/send-ports/jwt-port").then().statusCode(204);
    }

    @Test
    void anUnmappedGroupGivesNoRole() {
        // a group named like a role is still only a group: it gives nothing without a mapping
        String token = token("mallory", Set.of("admin", "operator", "viewer", "everyone"));
        bearer(token).get("/api/me").then().statusCode(200).body("roles", empty());
        bearer(token).get("/api/send-ports").then().statusCode(403).contentType("application/problem+json");
        bearer(token).get("/api/users").then().statusCode(403);
    }

    @Test
    void anExpiredTokenAnotherIssuerOrAnotherKeyIsRefused() throws GeneralSecurityException {
        Set<String> admins = Set.of("cn=integration-admins,ou=groups");
        String expired = Jwt.issuer(ISSUER).upn("carol").groups(admins).issuedAt(Instant.now().minusSeconds(7200))
                .expiresAt(Instant.now().minusSeconds(3600)).sign(keys());
        String otherIssuer = Jwt.issuer("https://idp.elsewhere.test").upn("carol").groups(admins).expiresIn(300)
                .sign(keys());
        String otherKey = Jwt.issuer(ISSUER).upn("carol").groups(admins).expiresIn(300).sign(rsa().getPrivate());
        for (String token : new String[] {expired, otherIssuer, otherKey, "not.a.token"}) {
            bearer(token).get("/api/send-ports").then().statusCode(401).contentType("application/problem+json")
                    .header("WWW-Authenticate", containsString("Basic"));
        }
        // the same claims, signed right, pass: the refusals above are the expiry, the issuer and the key
        bearer(token("carol", admins)).get("/api/send-ports").then().statusCode(200);
    }

    @Test
    void basicCredentialsStillWork() {
        given().get("/api/me").then().statusCode(200).body("user", equalTo("admin"));
    }
}
