package io.sendports.transport.sftp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts the SFTP test server before the application and configures the application for it: the server's
 * credentials for dynamic ports ({@code sendports.transport.sftp.hosts.local.*}), read from files in
 * a directory of its own under {@code target/test-secrets} (the password and the known_hosts line), the directory
 * the tests allow.
 * It is a resource of the whole suite (not restricted to SftpTransportTest), so that the suite runs one
 * application, not a second one for this class.
 */
public class SftpServerResource implements QuarkusTestResourceLifecycleManager {
    static final String PASSWORD = "pw-" + Long.toHexString(Double.doubleToLongBits(Math.random())) + "&=x";
    private static volatile SftpTestServer server;
    private static volatile Path secrets;

    @Override
    public Map<String, String> start() {
        try {
            Path base = Files.createTempDirectory("sendports-sftp-test");
            // one directory per start: each test JVM (forkCount 2) runs its own server with its own key and password,
            // and a shared directory let the other JVM's start overwrite this one's known_hosts and password
            secrets = Files.createTempDirectory(Files.createDirectories(Path.of("target", "test-secrets")
                    .toAbsolutePath()), "sftp-");
            server = new SftpTestServer(Files.createDirectories(base.resolve("root")), PASSWORD);
            Files.writeString(secrets.resolve("password"), PASSWORD + "\n");
            Files.writeString(secrets.resolve("known_hosts"), server.knownHosts());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Map<String, String> config = new HashMap<>();
        String local = "sendports.transport.sftp.hosts.local.";
        config.put(local + "host", "127.0.0.1");
        config.put(local + "port", Integer.toString(server.port()));
        config.put(local + "username", SftpTestServer.USER);
        config.put(local + "password", "file:" + secrets.resolve("password"));
        config.put(local + "known-hosts", "file:" + secrets.resolve("known_hosts"));
        return config;
    }

    @Override
    public void stop() {
        try {
            if (server != null) {
                server.close();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static SftpTestServer server() {
        return server;
    }

    static Path secrets() {
        return secrets;
    }
}
