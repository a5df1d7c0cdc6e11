package io.sendports.transport.sftp;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * A real SFTP server in the test's JVM (Apache MINA SSHD) on a loopback port, serving a temporary directory as
 * its root to one user with a password or a public key. It can be stopped and started again on the same port.
 */
final class SftpTestServer implements AutoCloseable {
    static final String USER = "sendports";

    private final Path root;
    private final KeyPair hostKey = keyPair("EC", 256);
    private final KeyPair userKey = keyPair("RSA", 2048);
    private final String password;
    private final int port;
    private final AtomicInteger logins = new AtomicInteger();
    private SshServer server;

    SftpTestServer(Path root, String password) throws IOException {
        this.root = root;
        this.password = password;
        try (ServerSocket socket = new ServerSocket(0)) {
            this.port = socket.getLocalPort();
        }
        start();
    }

    synchronized void start() throws IOException {
        SshServer sshd = SshServer.setUpDefaultServer();
        sshd.setHost("127.0.0.1");
        sshd.setPort(port);
        // as OpenSSH does for its sessions: without it, each small answer may wait for a delayed acknowledgement
        CoreModuleProperties.TCP_NODELAY.set(sshd, true);
        sshd.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        sshd.setPasswordAuthenticator((user, given, session) -> {
            boolean ok = USER.equals(user) && password.equals(given);
            if (ok) {
                logins.incrementAndGet();
            }
            return ok;
        });
        sshd.setPublickeyAuthenticator((user, key, session) -> USER.equals(user)
                && KeyUtils.compareKeys(key, userKey.getPublic()));
        sshd.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        sshd.setFileSystemFactory(new VirtualFileSystemFactory(root));
        sshd.start();
        server = sshd;
    }

    synchronized void stop() throws IOException {
        if (server != null) {
            server.stop(true);
            server = null;
        }
    }

    Path root() {
        return root;
    }

    int port() {
        return port;
    }

    /** Successful password logins so far: each is a new connection. */
    int logins() {
        return logins.get();
    }

    /** The known_hosts line of this server's host key. */
    String knownHosts() {
        return knownHosts(hostKey.getPublic());
    }

    /** A known_hosts line for this server with another host key, as after a man in the middle. */
    String otherKnownHosts() {
        return knownHosts(keyPair("EC", 256).getPublic());
    }

    private String knownHosts(PublicKey key) {
        return "[127.0.0.1]:" + port + " " + PublicKeyEntry.toString(key) + "\n";
    }

    /** The user's private key, PKCS#8 PEM. */
    String privateKeyPem() {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(userKey.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    /** The address of a directory of this server. */
    String address(String directory) {
        return "sftp://127.0.0.1:" + port + directory;
    }

    Path directory(String name) throws IOException {
        return Files.createDirectories(root.resolve(name));
    }

    private static KeyPair keyPair(String algorithm, int size) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            generator.initialize(size);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        stop();
    }
}
