package io.sendports.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sendports.domain.Problems;
import io.sendports.domain.SecretPaths;
import io.sendports.domain.SecretReference;
import io.sendports.testsupport.KafkaTestResource;

/** The application's {@link Secrets}: built from the configuration (no allowed directory by default), reading the process environment. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class SecretsWiringTest {

    @Inject
    Secrets secrets;

    private static SecretReference reference(String text) {
        return SecretReference.parse(text, "password", new Problems());
    }

    @Test
    void noDirectoryIsAllowedByDefault() {
        assertEquals(SecretPaths.NONE, secrets.allowedPaths());
        SecretUnavailable refusal = assertThrows(SecretUnavailable.class,
                () -> secrets.resolve(reference("${file:/etc/hostname}")));
        assertEquals(SecretUnavailable.Reason.NOT_ALLOWED, refusal.reason());
    }

    @Test
    void theProcessEnvironmentIsRead() {
        assertEquals(System.getenv("PATH"), secrets.resolve(reference("${env:PATH}")));
    }
}
