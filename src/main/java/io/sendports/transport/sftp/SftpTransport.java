package io.sendports.transport.sftp;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.JSchHostKeyException;
import com.jcraft.jsch.SftpException;

import io.sendports.domain.Destination;
import io.sendports.domain.DestinationPattern;
import io.sendports.domain.DestinationRefused;
import io.sendports.domain.Limits;
import io.sendports.domain.Options;
import io.sendports.domain.Problems;
import io.sendports.domain.SecretReference;
import io.sendports.secret.SecretUnavailable;
import io.sendports.transport.DeliveryContext;
import io.sendports.transport.DeliveryShape;
import io.sendports.transport.OutboundPreparer;
import io.sendports.transport.Transport;
import io.sendports.transport.file.FileMode;
import io.sendports.transport.file.FileNamePattern;

/**
 * The sftp transport (DESIGN.md §6): each message a file in a directory of an SFTP server, named and written as
 * the file transport does (its {@link FileNamePattern} and {@link FileMode}), through Camel's SFTP client classes
 * ({@link SftpWriterComponent}). A static destination names its user and secret references; a dynamic port's
 * destinations take theirs from the operator's per-host configuration ({@link SftpHosts}), never from a message.
 *
 * <p>Connection failures (refused, timed out, reset) are retried; a refused host key, a failed login, a denied
 * permission, a file that exists in {@code create} mode and a host without credentials are not. Their reasons
 * ({@link #describe}) name hosts, users, files and references, never a secret.
 */
public final class SftpTransport implements Transport {
    private static final Set<String> OPTIONS = Set.of("username", "password", "privateKey", "knownHosts", "fileName",
            "mode");

    @Override
    public String type() {
        return SftpDestination.TYPE;
    }

    @Override
    public Set<String> schemes() {
        return Set.of(SftpAddress.SCHEME);
    }

    @Override
    public String patternForm() {
        return "sftp://host[:port]/directory";
    }

    @Override
    public Set<String> options() {
        return OPTIONS;
    }

    @Override
    public SftpDestination parse(String address, Map<String, Object> options, String field, Problems problems) {
        // the file name pattern and the references have their own limits
        if (!Options.strings(options, OPTIONS, Set.of("fileName", "password", "privateKey", "knownHosts"), field,
                problems)) {
            return null;
        }
        boolean ok = true;
        SftpAddress target = null;
        try {
            target = SftpAddress.parse(address);
        } catch (DestinationRefused e) {
            problems.add(field + ".address", e.reason());
            ok = false;
        }
        String prefix = field + ".options.";
        String username = (String) options.get("username");
        if (username == null || username.isBlank()) {
            problems.add(prefix + "username", "is required: the user the sftp transport logs in as");
            ok = false;
        } else if (SecretReference.looksLikeReference(username)) {
            problems.add(prefix + "username", "takes the user name itself, not a secret reference");
            ok = false;
        } else if (username.chars().anyMatch(c -> Character.isISOControl(c) || Character.isWhitespace(c))) {
            problems.add(prefix + "username", "must not contain whitespace or control characters");
            ok = false;
        }
        SecretReference password = reference(options, "password", prefix, problems);
        SecretReference privateKey = reference(options, "privateKey", prefix, problems);
        if (options.get("password") == null && options.get("privateKey") == null) {
            problems.add(prefix + "password", "is required, or privateKey: exactly one of them, as a secret reference ("
                    + SecretReference.FORMS + ")");
            ok = false;
        } else if (options.get("password") != null && options.get("privateKey") != null) {
            problems.add(prefix + "privateKey", "must not be given with password: exactly one of them");
            ok = false;
        }
        SecretReference knownHosts = null;
        if (options.get("knownHosts") == null) {
            problems.add(prefix + "knownHosts", "is required: a secret reference to known_hosts content ("
                    + SecretReference.FORMS + "); no host key is accepted unchecked");
            ok = false;
        } else {
            knownHosts = reference(options, "knownHosts", prefix, problems);
        }
        String fileName = Options.text(options.get("fileName"), FileNamePattern.DEFAULT);
        String patternError = FileNamePattern.error(fileName);
        if (patternError != null) {
            problems.add(prefix + "fileName", patternError);
        }
        FileMode mode = FileMode.parse(Options.text(options.get("mode"), SftpDestination.DEFAULT_MODE.json()))
                .orElse(null);
        if (mode == null) {
            problems.add(prefix + "mode", "must be one of create, overwrite, append");
        }
        boolean referencesOk = (options.get("password") == null || password != null)
                && (options.get("privateKey") == null || privateKey != null) && knownHosts != null;
        if (!ok || !referencesOk || patternError != null || mode == null) {
            return null;
        }
        return new SftpDestination(target, FileNamePattern.of(fileName), mode,
                new SftpCredentials(username, password, privateKey, knownHosts));
    }

    /** The option as a secret reference; null when absent, or with a problem that never repeats its text. */
    private static SecretReference reference(Map<String, Object> options, String name, String prefix,
            Problems problems) {
        Object value = options.get(name);
        return value == null ? null : SecretReference.parse((String) value, prefix + name, problems);
    }

    /**
     * A message's destination: the sanitized {@code sendports.file-name} header as the name when present (the
     * message id otherwise) and {@code overwrite}, as for the file transport; the credentials are the operator's
     * for that host.
     */
    @Override
    public SftpDestination resolve(String address) {
        return new SftpDestination(SftpAddress.parse(address), FileNamePattern.of("%SourceFileName%"),
                SftpDestination.DEFAULT_MODE, null);
    }

    @Override
    public DestinationPattern pattern(String text) {
        return SftpPattern.parse(text);
    }

    @Override
    public String refusal(Destination destination, List<DestinationPattern> patterns) {
        SftpAddress target = ((SftpDestination) destination).target();
        String shown = DestinationRefused.shown(target.text());
        if (patterns.stream().anyMatch(pattern -> ((SftpPattern) pattern).matches(target))) {
            return null;
        }
        if (patterns.isEmpty()) {
            return shown + " is refused: the port allows no sftp destinations";
        }
        if (target.host().sensitive()) {
            return shown + " is a link-local or cloud metadata address, allowed only by a pattern naming it exactly";
        }
        return shown + " matches no allowed destination";
    }

    @Override
    public String endpointUri(Destination destination, EndpointUse use) {
        return SftpWriterComponent.uri((SftpDestination) destination);
    }

    @Override
    public OutboundPreparer preparer(Destination destination, DeliveryContext context, boolean dynamic) {
        return new SftpPreparer((SftpDestination) destination, context.clock());
    }

    /**
     * Message by message, a few at once (each a connection of its own, at most
     * {@code sendports.delivery.file-writers}); appends one after the other, consecutive messages to the same file
     * in one write, as for the file transport.
     */
    @Override
    public DeliveryShape shape(Destination destination, boolean ordered) {
        if (((SftpDestination) destination).mode() == FileMode.APPEND) {
            return new DeliveryShape(DeliveryShape.Batching.APPEND, true);
        }
        return new DeliveryShape(DeliveryShape.Batching.NONE, true);
    }

    @Override
    public Optional<Boolean> retryable(Throwable error) {
        Failure failure = classify(error);
        return failure == null ? Optional.empty() : Optional.of(failure.retryable());
    }

    @Override
    public Optional<String> describe(Throwable error) {
        Failure failure = classify(error);
        return failure == null ? Optional.empty() : Optional.of(failure.reason());
    }

    /** What went wrong, when the failure is this transport's. */
    record Failure(boolean retryable, String reason) {
    }

    /**
     * The failure of an sftp delivery, or null when it is none: only failures whose causes hold this transport's
     * own exceptions or the SFTP client's are claimed. An unresolvable secret is left to the delivery core
     * ({@link SecretUnavailable} says whether it may be retried and names only the reference).
     */
    static Failure classify(Throwable error) {
        if (find(error, SecretUnavailable.class) != null) {
            return null;
        }
        SftpRefused refused = find(error, SftpRefused.class);
        if (refused != null) {
            return new Failure(false, refused.getMessage());
        }
        JSchHostKeyException hostKey = find(error, JSchHostKeyException.class);
        if (hostKey != null) {
            return new Failure(false, "sftp host key refused (" + hostKey.getMessage()
                    + "): it does not match the knownHosts entries for the server");
        }
        SftpException sftp = find(error, SftpException.class);
        if (sftp != null) {
            String operation = operation(error, sftp);
            if (sftp.id == ChannelSftp.SSH_FX_PERMISSION_DENIED) {
                return new Failure(false, "sftp permission denied: " + operation);
            }
            return new Failure(true, "sftp " + operation + " (SFTP status " + sftp.id + ": " + sftp.getMessage() + ")");
        }
        JSchException jsch = find(error, JSchException.class);
        if (jsch != null) {
            String message = String.valueOf(jsch.getMessage());
            String server = operation(error, jsch);
            if (message.startsWith("Auth fail") || message.startsWith("Auth cancel")) {
                return new Failure(false, "sftp authentication failed: " + server + " (" + message
                        + "): check the user name and the password or private key");
            }
            if (message.toLowerCase(Locale.ROOT).contains("invalid privatekey")) {
                return new Failure(false, "sftp private key cannot be read: " + server
                        + " (it must be an unencrypted OpenSSH or PEM key)");
            }
            return new Failure(true, "sftp connection failed: " + server + " (" + message + ")");
        }
        return null;
    }

    /**
     * The outermost message that says what was attempted ("Cannot connect to sftp://user@host:port", "Cannot store
     * file: /in/x"): Camel's SFTP client writes those without secrets; the client's own message is kept apart.
     */
    private static String operation(Throwable error, Throwable cause) {
        for (Throwable t = error; t != null && t != cause; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage();
            if (message != null && !message.isBlank() && message.length() <= Limits.OPTION_TEXT * 2) {
                return message;
            }
        }
        return String.valueOf(cause.getMessage());
    }

    static <T extends Throwable> T find(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
