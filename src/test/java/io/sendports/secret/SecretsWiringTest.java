package io.sendports.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sendports.domain.Problems;
import io.sendports.domain.SecretPaths;
import io.sendports.domain.SecretReference;
import io.sendports.testsupport.KafkaTestResource;

/**
 * The application's {@link Secrets}: built from the configuration (the tests allow {@code target/test-secrets},
 * taken from the working directory; SecretPathsProducerTest has the default, none), reading the process
 * environment.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class SecretsWiringTest {

    @Inject
    Secrets secrets;

    private static SecretReference reference(String text) {
        return SecretReference.parse(text, "password", new Problems());
    }

    @Test
    void onlyTheConfiguredDirectoryIsAllowed() {
        assertEquals(SecretPaths.of(List.of(Path.of("target", "test-secrets").toAbsolutePath())), secrets.allowedPaths());
        SecretUnavailable refusal = assertThrows(SecretUnavailable.class,
                () -> secrets.resolve(reference("${file:/etc/hostname}")));
        assertEquals(SecretUnavailable.Reason.NOT_ALLOWED, refusal.reason());
    }

    @Test
    void theProcessEnvironmentIsRead() {
        assertEquals(System.getenv("PATH"), secrets.resolve(reference("${env:PATH}")));
    }
}
