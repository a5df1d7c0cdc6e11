package io.sendports.transport.sftp;

import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The operator's sftp settings ({@code sendports.transport.sftp.*}): the credentials of the servers that dynamic
 * ports may deliver to, since a message must never carry credentials. Each entry has a name of the operator's
 * choosing: {@code sendports.transport.sftp.hosts.<name>.host=files.example}, {@code .port} (22),
 * {@code .username}, {@code .password} or {@code .private-key}, and {@code .known-hosts}. The last three are secret
 * references written without the <code>${...}</code> around them ({@code env:SFTP_PW},
 * {@code file:/run/secrets/known_hosts}), because the configuration itself would expand <code>${...}</code>.
 */
@ConfigMapping(prefix = "sendports.transport.sftp")
public interface SftpSettings {

    /** The servers' credentials, by the operator's name for each. */
    Map<String, HostCredentials> hosts();

    /** One server's credentials. */
    interface HostCredentials {
        /** The host as dynamic addresses name it (a name or an IP address). */
        String host();

        @WithDefault("22")
        int port();

        String username();

        Optional<String> password();

        Optional<String> privateKey();

        String knownHosts();
    }
}
