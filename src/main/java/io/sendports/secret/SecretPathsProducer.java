package io.sendports.secret;

import java.nio.file.Path;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.sendports.SendportsConfig;
import io.sendports.domain.SecretPaths;

/**
 * {@code sendports.secrets.allowed-paths} as the domain's {@link SecretPaths}: relative directories are taken
 * from the working directory, as {@code sendports.embedded-broker.data-dir} is. Unset allows no file.
 */
@ApplicationScoped
public class SecretPathsProducer {

    @Produces
    @Singleton
    SecretPaths secretPaths(SendportsConfig config) {
        List<Path> directories = config.secrets().allowedPaths().orElse(List.of());
        return SecretPaths.of(directories.stream().map(path -> path.toAbsolutePath().normalize()).toList());
    }
}
