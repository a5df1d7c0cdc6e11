package io.sendports.secret;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.sendports.domain.SecretPaths;
import io.sendports.domain.SecretReference;

/**
 * Resolves secret references at delivery time (DESIGN.md §7). Nothing is cached: every call reads the
 * environment or the file again, so a rotated file is used from the next resolution on.
 *
 * <p>Invariants: a file is read only when it lies under an allowed directory both as written and with every
 * symbolic link resolved (its real path under an allowed directory's real path), so a link inside an allowed
 * directory cannot lead out, while links that stay inside (a Kubernetes Secret volume's {@code ..data}) are
 * followed. The real path is what is read, without following a link at its end, which narrows the race
 * against a link swapped in between. A value is returned and never logged; a failure is a
 * {@link SecretUnavailable} that names the reference, never a value.
 */
@ApplicationScoped
public class Secrets {
    /** The largest secret file read: keys, tokens, JAAS files and known_hosts are far smaller. */
    public static final int MAX_FILE_BYTES = 1024 * 1024;

    private final SecretPaths allowed;
    private final Function<String, String> environment;

    /** Reads the process environment. */
    @Inject
    public Secrets(SecretPaths allowed) {
        this(allowed, System::getenv);
    }

    /** Reads variables from {@code environment} (a test's map), returning null for one that is not set. */
    public Secrets(SecretPaths allowed, Function<String, String> environment) {
        this.allowed = Objects.requireNonNull(allowed);
        this.environment = Objects.requireNonNull(environment);
    }

    /** The allowed directories, for the definition check ({@link SecretReference#parse(String, String, SecretPaths,
     * io.sendports.domain.Problems)}). */
    public SecretPaths allowedPaths() {
        return allowed;
    }

    /**
     * The value {@code reference} stands for now: the variable as set, the file's content trimmed, or the
     * key's value trimmed. Never empty.
     *
     * @throws SecretUnavailable when it cannot be resolved
     */
    public String resolve(SecretReference reference) {
        return reference.kind() == SecretReference.Kind.ENV ? variable(reference) : file(reference);
    }

    /**
     * The real path of a file that a client reads itself (a Kafka truststore), once it is known to lie under an
     * allowed directory both as written and with every link resolved, as for a secret file; its content is not read.
     *
     * @param file a {@code ${file:/path}} reference to it
     * @throws SecretUnavailable when it is not allowed or does not exist
     */
    public Path allowedFile(SecretReference file) {
        if (file.kind() != SecretReference.Kind.FILE || file.key() != null) {
            throw new IllegalArgumentException("a whole file's reference, not " + file);
        }
        String refusal = allowed.refusal(file);
        if (refusal != null) {
            throw new SecretUnavailable(file, SecretUnavailable.Reason.NOT_ALLOWED, refusal);
        }
        Path real = realPathInside(file);
        if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
            throw new SecretUnavailable(file, SecretUnavailable.Reason.UNREADABLE,
                    "file " + file.file() + " is not a regular file");
        }
        return real;
    }

    private String variable(SecretReference reference) {
        String value = environment.apply(reference.variable());
        if (value == null) {
            throw new SecretUnavailable(reference, SecretUnavailable.Reason.MISSING_VARIABLE,
                    "environment variable " + reference.variable() + " is not set");
        }
        if (value.isBlank()) {
            throw new SecretUnavailable(reference, SecretUnavailable.Reason.EMPTY,
                    "environment variable " + reference.variable() + " is empty");
        }
        return value;
    }

    private String file(SecretReference reference) {
        String refusal = allowed.refusal(reference);
        if (refusal != null) {
            throw new SecretUnavailable(reference, SecretUnavailable.Reason.NOT_ALLOWED, refusal);
        }
        Path real = realPathInside(reference);
        String content = read(reference, real).strip();
        if (reference.key() == null) {
            if (content.isEmpty()) {
                throw new SecretUnavailable(reference, SecretUnavailable.Reason.EMPTY,
                        "file " + reference.file() + " is empty");
            }
            return content;
        }
        String value = property(reference, content);
        if (value == null) {
            throw new SecretUnavailable(reference, SecretUnavailable.Reason.MISSING_KEY,
                    "file " + reference.file() + " has no key " + reference.key());
        }
        if (value.isBlank()) {
            throw new SecretUnavailable(reference, SecretUnavailable.Reason.EMPTY,
                    "key " + reference.key() + " of file " + reference.file() + " is empty");
        }
        return value.strip();
    }

    private Path realPathInside(SecretReference reference) {
        Path real;
        try {
            real = reference.file().toRealPath();
        } catch (NoSuchFileException e) {
            throw new SecretUnavailable(reference, SecretUnavailable.Reason.MISSING_FILE,
                    "file " + reference.file() + " does not exist");
        } catch (IOException e) {
            throw unreadable(reference, e);
        }
        for (Path directory : allowed.directories()) {
            try {
                Path base = directory.toRealPath();
                if (real.startsWith(base) && !real.equals(base)) {
                    return real;
                }
            } catch (IOException e) {
                // an allowed directory that does not exist (yet) allows nothing
            }
        }
        throw new SecretUnavailable(reference, SecretUnavailable.Reason.NOT_ALLOWED, "file " + reference.file()
                + " resolves through a symbolic link to " + real + ", outside " + SecretPaths.SETTING);
    }

    private static String read(SecretReference reference, Path real) {
        if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
            throw new SecretUnavailable(reference, SecretUnavailable.Reason.UNREADABLE,
                    "file " + reference.file() + " is not a regular file");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(real, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            // one byte beyond the limit tells a file at the limit from a larger one, without reading all of it
            bytes = in.readNBytes(MAX_FILE_BYTES + 1);
        } catch (IOException e) {
            throw unreadable(reference, e);
        }
        if (bytes.length > MAX_FILE_BYTES) {
            throw new SecretUnavailable(reference, SecretUnavailable.Reason.UNREADABLE,
                    "file " + reference.file() + " is larger than " + MAX_FILE_BYTES + " bytes");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new SecretUnavailable(reference, SecretUnavailable.Reason.UNREADABLE,
                    "file " + reference.file() + " is not UTF-8 text");
        }
    }

    private static String property(SecretReference reference, String content) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(content));
        } catch (IOException | IllegalArgumentException e) {
            // IllegalArgumentException: a malformed \\uXXXX escape; its message shows no content
            throw new SecretUnavailable(reference, SecretUnavailable.Reason.UNREADABLE,
                    "file " + reference.file() + " is not a properties file");
        }
        return properties.getProperty(reference.key());
    }

    /** Only the kind of I/O failure: its message could in principle carry more than a path. */
    private static SecretUnavailable unreadable(SecretReference reference, IOException e) {
        String why = e instanceof AccessDeniedException ? "cannot be read (access denied)"
                : "cannot be read (" + e.getClass().getSimpleName() + ")";
        return new SecretUnavailable(reference, SecretUnavailable.Reason.UNREADABLE, "file " + reference.file() + " " + why);
    }
}
