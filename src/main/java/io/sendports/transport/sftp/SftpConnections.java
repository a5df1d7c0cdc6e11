package io.sendports.transport.sftp;

import java.nio.charset.StandardCharsets;

import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;

import org.apache.camel.component.file.remote.RemoteFileConfiguration;
import org.apache.camel.component.file.remote.SftpConfiguration;
import org.apache.camel.component.file.remote.SftpOperations;

import io.sendports.secret.Secrets;

/**
 * Camel's SFTP operations of one producer, whose every new session resolves the credentials' secret references
 * right then: a rotated password, key or known_hosts file is used from the next connection on, and no secret is
 * ever kept in the endpoint, its URI or its configuration. The resolved values go into a configuration made for
 * that one session and referenced only by it.
 */
final class SftpConnections extends SftpOperations {
    /** What a connection logs in with, unresolved. */
    record Credentials(SftpCredentials references, Secrets secrets) {
    }

    private final Credentials credentials;

    SftpConnections(Credentials credentials) {
        this.credentials = credentials;
    }

    /**
     * @throws io.sendports.secret.SecretUnavailable when a reference cannot be resolved: before anything is sent
     */
    @Override
    protected Session createSession(RemoteFileConfiguration configuration) throws JSchException {
        SftpConfiguration shared = (SftpConfiguration) configuration;
        SftpCredentials references = credentials.references();
        Secrets secrets = credentials.secrets();
        SftpConfiguration session = new SftpConfiguration();
        session.setHost(shared.getHost());
        session.setPort(shared.getPort());
        session.setUsername(shared.getUsername());
        session.setDirectory(shared.getDirectory());
        session.setStrictHostKeyChecking(shared.getStrictHostKeyChecking());
        session.setUseUserKnownHostsFile(false);
        session.setConnectTimeout(shared.getConnectTimeout());
        session.setSoTimeout(shared.getSoTimeout());
        session.setKnownHosts(secrets.resolve(references.knownHosts()).getBytes(StandardCharsets.UTF_8));
        if (references.password() != null) {
            session.setPassword(secrets.resolve(references.password()));
            session.setPreferredAuthentications("password,keyboard-interactive");
        } else {
            // Secrets trims the content; a key file ends with a line break
            session.setPrivateKey((secrets.resolve(references.privateKey()) + "\n").getBytes(StandardCharsets.UTF_8));
            session.setPreferredAuthentications("publickey");
        }
        return super.createSession(session);
    }
}
