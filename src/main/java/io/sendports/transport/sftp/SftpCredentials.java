package io.sendports.transport.sftp;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.sendports.domain.SecretReference;

/**
 * Who a delivery logs in as and which server it trusts: a literal user name, a password or a private key (exactly
 * one), and the known_hosts content that the server's host key must be in. Every credential is a
 * {@link SecretReference}, resolved only when a connection is made ({@link SftpConnections}).
 *
 * @param password   null when a private key is used
 * @param privateKey null when a password is used
 */
public record SftpCredentials(String username, SecretReference password, SecretReference privateKey,
        SecretReference knownHosts) {

    public SftpCredentials {
        Objects.requireNonNull(username);
        Objects.requireNonNull(knownHosts);
        if ((password == null) == (privateKey == null)) {
            throw new IllegalArgumentException("exactly one of password and privateKey");
        }
    }

    /** The references by their option names: {@code password} or {@code privateKey}, and {@code knownHosts}. */
    Map<String, SecretReference> references() {
        Map<String, SecretReference> references = new LinkedHashMap<>();
        if (password != null) {
            references.put("password", password);
        } else {
            references.put("privateKey", privateKey);
        }
        references.put("knownHosts", knownHosts);
        return references;
    }
}
