package io.sendports.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.sendports.SendportsConfig;
import io.sendports.domain.SecretPaths;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** {@code sendports.secrets.allowed-paths} read through the real config mapping: a list, by default empty. */
class SecretPathsProducerTest {

    private static SecretPaths configured(String value) {
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder().withMapping(SendportsConfig.class);
        if (value != null) {
            builder.withDefaultValue("sendports.secrets.allowed-paths", value);
        }
        SmallRyeConfig config = builder.build();
        return new SecretPathsProducer().secretPaths(config.getConfigMapping(SendportsConfig.class));
    }

    @Test
    void unsetAllowsNoFile() {
        assertEquals(SecretPaths.NONE, configured(null));
    }

    @Test
    void aCommaSeparatedListOfDirectories() {
        assertEquals(List.of(Path.of("/run/secrets"), Path.of("/etc/sendports/secrets")),
                configured("/run/secrets,/etc/sendports/secrets/").directories());
    }

    @Test
    void aRelativeDirectoryIsTakenFromTheWorkingDirectory() {
        assertEquals(List.of(Path.of("").toAbsolutePath().resolve("data/secrets")),
                configured("./data/secrets").directories());
    }
}
