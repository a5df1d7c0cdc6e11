package io.sendports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sendports.broker.KafkaBroker;
import io.sendports.testsupport.LocalHttp;
import io.sendports.testsupport.ServiceProcess;
import io.sendports.testsupport.TestUsers;

/**
 * The packaged service's first start without a configured password (DESIGN.md §7): it writes a generated password
 * for {@code admin} to a file only its account can read, names the file once in the log and never the password; the
 * password works; a second start keeps it and creates nothing.
 */
class SecurityIT {
    @TempDir
    Path work;

    @Test
    void theFirstStartGeneratesTheAdminPasswordAndTheSecondKeepsIt() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start(work.resolve("kafka"), KafkaBroker.freePort(), KafkaBroker.freePort());
                ServiceProcess service = new ServiceProcess(broker.bootstrapServers(), work).withGeneratedAdminPassword()
                        .start()) {
            Path file = service.initialPasswordFile();
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            String password = Files.readString(file).strip();
            String log = Files.readString(service.log());
            assertEquals(1, log.split("Created the user 'admin'", -1).length - 1, log);
            assertTrue(log.contains(file.toAbsolutePath().normalize().toString()), "the log names the file");
            assertFalse(log.contains(password), "the log never shows the password");

            Map<String, String> admin = Map.of("Authorization", TestUsers.basic("admin", password));
            assertEquals(200, service.call("GET", "/api/me", null, admin).statusCode());
            assertEquals(401, service.call("GET", "/api/me", null, Map.of("Authorization", "")).statusCode());
            assertEquals(401, service.call("GET", "/api/send-ports", null,
                    Map.of("Authorization", TestUsers.basic("admin", "not-it"))).statusCode());
            assertEquals(200, service.call("GET", "/q/health/ready", null, Map.of("Authorization", "")).statusCode());

            service.stop();
            service.start();
            String again = Files.readString(service.log());
            assertFalse(again.contains("Created the user"), "a second start creates nothing: " + again);
            assertEquals(password, Files.readString(file).strip());
            assertEquals(200, service.call("GET", "/api/me", null, admin).statusCode());
        }
    }

    /**
     * The form login's cookie is {@code Secure} on HTTPS, and not on plain HTTP, of one service; the same service has
     * its metrics opened, the API still closed.
     */
    @Test
    void theSessionCookieIsSecureOverTls() throws Exception {
        Path keystore = work.resolve("tls.p12");
        String storePassword = "test-keystore-password";
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "sendports", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", storePassword).redirectErrorStream(true).start();
        assertEquals(0, keytool.waitFor(), new String(keytool.getInputStream().readAllBytes()));
        int httpsPort = KafkaBroker.freePort();
        try (KafkaBroker broker = KafkaBroker.start(work.resolve("kafka"), KafkaBroker.freePort(), KafkaBroker.freePort());
                ServiceProcess service = new ServiceProcess(broker.bootstrapServers(), work)
                        .with("quarkus.http.ssl-port", String.valueOf(httpsPort))
                        .with("quarkus.tls.key-store.p12.path", keystore.toString())
                        .with("quarkus.tls.key-store.p12.password", storePassword)
                        // and metrics opened to a scraper without credentials, as docs/SECURITY.md says
                        .with("quarkus.http.auth.permission.operations.policy", "permit")
                        .start()) {
            assertEquals(200, service.call("GET", "/q/metrics", null, Map.of("Authorization", "")).statusCode());
            assertEquals(401, service.call("GET", "/api/me", null, Map.of("Authorization", "")).statusCode());

            String form = "j_username=admin&j_password=" + TestUsers.ADMIN_PASSWORD;
            String overHttp = sessionCookie(LocalHttp.form(service.port(), "/console/login", form));
            assertFalse(overHttp.contains("Secure"), overHttp);

            KeyStore trusted = KeyStore.getInstance("PKCS12");
            try (var in = Files.newInputStream(keystore)) {
                trusted.load(in, storePassword.toCharArray());
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, trust.getTrustManagers(), null);
            HttpResponse<String> login = HttpClient.newBuilder().sslContext(tls).build().send(HttpRequest
                    .newBuilder(URI.create("https://localhost:" + httpsPort + "/console/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            String overTls = sessionCookie(login);
            assertTrue(overTls.contains("; Secure") && overTls.contains("SameSite=Strict"), overTls);
        }
    }

    private static String sessionCookie(HttpResponse<String> login) {
        assertEquals(200, login.statusCode(), login.body());
        return login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("sendports-session="))
                .findFirst().orElseThrow(() -> new AssertionError("no session cookie: " + login.headers()));
    }

    /** {@code SENDPORTS_ADMIN_PASSWORD}, as README and deploy/ set it, is the first admin's password on a fresh start. */
    @Test
    void theEnvironmentsAdminPasswordWinsOnAFreshDataDirectory() throws Exception {
        String password = "from-the-environment-1";
        try (KafkaBroker broker = KafkaBroker.start(work.resolve("kafka"), KafkaBroker.freePort(), KafkaBroker.freePort());
                ServiceProcess service = new ServiceProcess(broker.bootstrapServers(), work).withGeneratedAdminPassword()
                        .withEnvironment("SENDPORTS_ADMIN_PASSWORD", password).start()) {
            assertEquals(200, service.call("GET", "/api/me", null,
                    Map.of("Authorization", TestUsers.basic("admin", password))).statusCode());
            assertFalse(Files.exists(service.initialPasswordFile()), "no generated password");
            assertTrue(Files.readString(service.log()).contains("with the password of SENDPORTS_ADMIN_PASSWORD"));
        }
    }

    /** The benchmark's switch that turns authentication off is refused on any address but loopback. */
    @Test
    void withoutAuthenticationTheServiceStartsOnlyOnLoopback() throws Exception {
        try (ServiceProcess service = ServiceProcess.embedded(work)
                .with("sendports.security.benchmark-without-authentication", "true")) {
            assertTrue(service.startExpectingExit(Duration.ofSeconds(60)) != 0);
            String log = Files.readString(service.log());
            assertTrue(log.contains("benchmark-without-authentication is set, but quarkus.http.host is '0.0.0.0'"), log);
        }
    }
}
