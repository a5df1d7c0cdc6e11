package io.sendports.transport.sftp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.sendports.domain.DestinationRefused;
import io.sendports.domain.FieldError;
import io.sendports.domain.Host;
import io.sendports.domain.Problems;
import io.sendports.domain.SecretPaths;
import io.sendports.domain.SecretReference;

/**
 * The credentials a dynamic port's sftp destinations use, by server ({@link SftpSettings}). A destination whose
 * host and port have no entry is refused ({@link SftpRefused}): its message cannot supply any.
 *
 * <p>Invariants: at most one entry per host and port; every entry's references are valid and their files lie under
 * {@code sendports.secrets.allowed-paths} as written. Immutable.
 */
public final class SftpHosts {
    static final String PREFIX = "sendports.transport.sftp.hosts.";
    public static final SftpHosts NONE = new SftpHosts(Map.of());

    private final Map<String, SftpCredentials> byServer;

    private SftpHosts(Map<String, SftpCredentials> byServer) {
        this.byServer = Map.copyOf(byServer);
    }

    /**
     * The settings checked.
     *
     * @throws IllegalArgumentException naming each wrong setting and why, never repeating a value
     */
    public static SftpHosts of(SftpSettings settings, SecretPaths allowed) {
        Problems problems = new Problems();
        Map<String, SftpCredentials> byServer = new LinkedHashMap<>();
        settings.hosts().forEach((name, entry) -> {
            String prefix = PREFIX + name + ".";
            Host host = null;
            try {
                host = Host.parse(entry.host().strip());
            } catch (DestinationRefused e) {
                problems.add(prefix + "host", e.reason());
            }
            if (entry.port() < 1 || entry.port() > 65535) {
                problems.add(prefix + "port", "must be 1 to 65535");
            }
            if (entry.password().isPresent() == entry.privateKey().isPresent()) {
                problems.add(prefix + "password", "or private-key: exactly one of them must be set");
            }
            SecretReference password = entry.password().map(text -> reference(text, prefix + "password", allowed,
                    problems)).orElse(null);
            SecretReference privateKey = entry.privateKey().map(text -> reference(text, prefix + "private-key",
                    allowed, problems)).orElse(null);
            SecretReference knownHosts = reference(entry.knownHosts(), prefix + "known-hosts", allowed, problems);
            if (host == null || knownHosts == null || (password == null) == (privateKey == null)) {
                return;
            }
            String server = new SftpAddress(host, entry.port(), List.of()).server();
            if (byServer.put(server, new SftpCredentials(entry.username().strip(), password, privateKey, knownHosts))
                    != null) {
                problems.add(prefix + "host", "names " + server + ", which another entry names too");
            }
        });
        if (!problems.isEmpty()) {
            List<String> errors = new ArrayList<>();
            for (FieldError error : problems.errors()) {
                errors.add(error.field() + " " + error.message());
            }
            throw new IllegalArgumentException("sftp settings: " + String.join("; ", errors));
        }
        return new SftpHosts(byServer);
    }

    /** A reference as the configuration writes it: {@code env:NAME}, or whole when it comes with its braces. */
    private static SecretReference reference(String text, String field, SecretPaths allowed, Problems problems) {
        String stripped = text.strip();
        String whole = SecretReference.looksLikeReference(stripped) ? stripped : "${" + stripped + "}";
        return SecretReference.parse(whole, field, allowed, problems);
    }

    /** The credentials for a server, if the operator configured them. */
    Optional<SftpCredentials> credentials(SftpAddress target) {
        return Optional.ofNullable(byServer.get(target.server()));
    }

    /** The servers configured, for messages. */
    String servers() {
        return byServer.isEmpty() ? "none" : byServer.keySet().stream().sorted().collect(Collectors.joining(", "));
    }
}
