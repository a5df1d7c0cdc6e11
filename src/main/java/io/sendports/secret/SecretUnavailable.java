package io.sendports.secret;

import io.sendports.domain.SecretReference;

/**
 * A secret reference that cannot be resolved at delivery time: a delivery failure (DESIGN.md §7). The message
 * names the reference and why ("secret ${env:ERP_PASSWORD}: environment variable ERP_PASSWORD is not set"),
 * never a value, so it is safe in logs, metrics and a suspended record's error. It has no cause and no stack
 * trace: it is an answer, not a fault, and a cause (an exception of the file system or of a parser) could carry
 * text that was meant to stay inside.
 *
 * <p>Retrying makes sense for a file ({@link #retryable()}): it may appear, be mounted, be rewritten while it
 * was read, or get its missing key. It does not for an environment variable, since a running process' environment
 * does not change, nor for a file outside the allowed directories, which is a refusal like a destination
 * outside an allow-list.
 */
public final class SecretUnavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why the reference could not be resolved. */
    public enum Reason {
        /** The environment variable is not set. */
        MISSING_VARIABLE,
        /** The file, or the target of a link, does not exist. */
        MISSING_FILE,
        /** The properties file has no such key. */
        MISSING_KEY,
        /** The variable, the file or the key's value is empty or blank. */
        EMPTY,
        /** The file exists but cannot be read as a secret: not a regular file, too large, not UTF-8, no access. */
        UNREADABLE,
        /** The file lies outside {@code sendports.secrets.allowed-paths}, as written or through a symbolic link. */
        NOT_ALLOWED
    }

    private final transient SecretReference reference;
    private final Reason reason;

    SecretUnavailable(SecretReference reference, Reason reason, String why) {
        super("secret " + reference + ": " + why, null, false, false);
        this.reference = reference;
        this.reason = reason;
    }

    public SecretReference reference() {
        return reference;
    }

    public Reason reason() {
        return reason;
    }

    /** Whether another attempt later may succeed: for a file that is not refused, yes. */
    public boolean retryable() {
        return reference.kind() == SecretReference.Kind.FILE && reason != Reason.NOT_ALLOWED;
    }
}
