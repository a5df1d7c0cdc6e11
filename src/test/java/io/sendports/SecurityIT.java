package io.sendports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sendports.broker.KafkaBroker;
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
}
