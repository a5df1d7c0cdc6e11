package io.sendports.transport.sftp;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.camel.component.file.GenericFileEndpoint;
import org.apache.camel.component.file.GenericFileExist;
import org.apache.camel.component.file.remote.SftpComponent;
import org.apache.camel.component.file.remote.SftpConfiguration;
import org.apache.camel.component.file.remote.SftpRemoteFile;

import io.sendports.domain.Problems;
import io.sendports.domain.SecretReference;
import io.sendports.secret.Secrets;
import io.sendports.transport.UriText;
import io.sendports.transport.file.FileMode;

/**
 * The sftp transport's Camel component, {@code sendports-sftp:<host>:<port><directory>?mode=...[&username=...&
 * password=...|privateKey=...&knownHosts=...]}: Camel's SFTP producer ({@code camel-ftp}, over JSch) with the
 * settings Sendports needs set on the endpoint object when it is made, not read from the URI.
 *
 * <p>Invariants: the URI holds secret references, never a secret (they are resolved for each new connection,
 * {@link SftpConnections}); host, directory and parameters are written as the file transport's directories are
 * ({@link UriText}: every character but {@code A-Z a-z 0-9 / . _ -} as {@code ~XX} per UTF-8 byte), so that nothing
 * in them can be read as another option. An endpoint without credentials is a dynamic destination's: the operator's
 * {@link SftpHosts} entry for its server is used, and without one the endpoint is refused ({@link SftpRefused}).
 * The server's host key must be in the known_hosts content; none is accepted unchecked.
 *
 * <p>Modes: {@code create} and {@code overwrite} write a temporary file ({@code .sendports-<name>.<exchange>}) and
 * rename it; {@code create} fails when the target exists (checked before the write); {@code overwrite} removes an
 * existing target just before the rename, since a plain SFTP rename does not replace (a reader may find no file for
 * that moment, never a partial one). {@code append} appends to the target directly: there is nothing to rename.
 */
public final class SftpWriterComponent extends SftpComponent {
    public static final String SCHEME = "sendports-sftp";
    /** Connecting may take this long; a connection that answers nothing for {@link #READ_TIMEOUT_MS} is given up. */
    static final int CONNECT_TIMEOUT_MS = 10_000;
    static final int READ_TIMEOUT_MS = 30_000;

    private final Secrets secrets;
    private final SftpHosts hosts;

    public SftpWriterComponent(Secrets secrets, SftpHosts hosts) {
        this.secrets = secrets;
        this.hosts = hosts;
    }

    /** The endpoint URI of a destination. */
    static String uri(SftpDestination destination) {
        SftpAddress target = destination.target();
        StringBuilder uri = new StringBuilder(SCHEME).append(':').append(UriText.escape(target.host().uriText()))
                .append(':').append(target.port()).append(UriText.escape(target.directory())).append("?mode=")
                .append(destination.mode().json());
        SftpCredentials credentials = destination.credentials();
        if (credentials != null) {
            uri.append("&username=").append(UriText.escape(credentials.username()));
            credentials.references().forEach((name, reference) -> uri.append('&').append(name).append('=')
                    .append(UriText.escape(reference.toString())));
        }
        return uri.toString();
    }

    @Override
    protected GenericFileEndpoint<SftpRemoteFile> buildFileEndpoint(String uri, String remaining,
            Map<String, Object> parameters) {
        SftpAddress target = target(remaining, uri);
        FileMode mode = FileMode.parse(String.valueOf(parameters.remove("mode")))
                .orElseThrow(() -> new IllegalArgumentException("no file mode in " + uri));
        SftpCredentials credentials = parameters.containsKey("username") ? credentials(parameters, uri)
                : hosts.credentials(target).orElseThrow(() -> new SftpRefused("sftp server " + target.server()
                        + " has no credentials for dynamic ports: the operator configures them as "
                        + SftpHosts.PREFIX + "<name>.host, .port, .username, .password or .private-key and"
                        + " .known-hosts (configured: " + hosts.servers() + ")"));
        SftpConfiguration configuration = new SftpConfiguration();
        // an IPv6 address without its brackets, as the SFTP client connects to it
        configuration.setHost(target.host().text());
        configuration.setPort(target.port());
        configuration.setUsername(credentials.username());
        configuration.setDirectory(target.directory());
        configuration.setStrictHostKeyChecking("yes");
        configuration.setUseUserKnownHostsFile(false);
        configuration.setConnectTimeout(CONNECT_TIMEOUT_MS);
        configuration.setSoTimeout(READ_TIMEOUT_MS);
        // absolute paths in one request each, no cd back and forth; a directory is checked with one listing
        configuration.setStepwise(false);
        configuration.setExistDirCheckUsingLs(true);
        // a no-op per file costs a round trip (47 ms a file, BUILD-NOTES); SftpWriter checks the session locally
        configuration.setSendNoop(false);
        SftpWriterEndpoint endpoint = new SftpWriterEndpoint(uri, this, configuration,
                new SftpConnections.Credentials(credentials, secrets), mode);
        endpoint.setFileExist(switch (mode) {
            case CREATE -> GenericFileExist.Fail;
            case OVERWRITE -> GenericFileExist.Override;
            case APPEND -> GenericFileExist.Append;
        });
        if (mode != FileMode.APPEND) {
            endpoint.setTempFileName(new TemporaryName());
            // create: refused before anything is written; overwrite: the target is removed only once the new
            // content is complete under its temporary name
            endpoint.setEagerDeleteTargetFile(mode == FileMode.CREATE);
        }
        endpoint.setFastExistsCheck(true);
        // SftpWriter creates a missing directory when a write finds it missing
        endpoint.setAutoCreate(false);
        endpoint.setAllowNullBody(true);
        // Sendports retries, counted and spaced; a connection attempt fails fast
        endpoint.setMaximumReconnectAttempts(0);
        return endpoint;
    }

    private static SftpAddress target(String remaining, String uri) {
        int colon = remaining.indexOf(':');
        int slash = colon < 0 ? -1 : remaining.indexOf('/', colon);
        if (colon < 1 || slash < 0) {
            throw new IllegalArgumentException("not an endpoint written by SftpWriterComponent.uri: " + uri);
        }
        return SftpAddress.parse("sftp://" + UriText.unescape(remaining.substring(0, colon)) + ":"
                + remaining.substring(colon + 1, slash) + encodePath(UriText.unescape(remaining.substring(slash))));
    }

    /** The decoded directory as a raw URI path again, each segment percent-encoded. */
    private static String encodePath(String directory) {
        StringBuilder path = new StringBuilder();
        for (String segment : directory.split("/", -1)) {
            if (segment.isEmpty()) {
                continue;
            }
            path.append('/');
            for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
                char c = (char) (b & 0xff);
                if (c < 0x80 && (Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-')) {
                    path.append(c);
                } else {
                    path.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
                }
            }
        }
        return path.length() == 0 ? "/" : path.toString();
    }

    private static SftpCredentials credentials(Map<String, Object> parameters, String uri) {
        String username = UriText.unescape(String.valueOf(parameters.remove("username")));
        SecretReference password = reference(parameters.remove("password"), uri);
        SecretReference privateKey = reference(parameters.remove("privateKey"), uri);
        SecretReference knownHosts = reference(parameters.remove("knownHosts"), uri);
        return new SftpCredentials(username, password, privateKey, knownHosts);
    }

    private static SecretReference reference(Object text, String uri) {
        if (text == null) {
            return null;
        }
        Problems problems = new Problems();
        SecretReference reference = SecretReference.parse(UriText.unescape(String.valueOf(text)), "uri", problems);
        if (reference == null) {
            throw new IllegalArgumentException("not a secret reference in " + uri);
        }
        return reference;
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
}
