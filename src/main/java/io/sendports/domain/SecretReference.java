package io.sendports.domain;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A reference to a credential, as a credential field holds it (API.md "Secret references", DESIGN.md §7):
 * {@code ${env:NAME}} (an environment variable), {@code ${file:/path}} (a file's content, trimmed) or
 * {@code ${file:/path:key}} (a key of a properties file). Only the reference is kept, stored and shown; the
 * value is looked up at delivery time, outside the domain.
 *
 * <p>Invariants: a variable name is {@code [A-Za-z_][A-Za-z0-9_]*}; a file is an absolute path without empty,
 * {@code .} or {@code ..} segments, control characters or {@code :}; a key is non-empty, without whitespace,
 * {@code :}, {@code =}, <code>{</code> or <code>}</code>. {@link #toString()} is the reference exactly as
 * written. A refusal never repeats any of the text it refuses: in a credential field that text may be the
 * password itself.
 */
public final class SecretReference {
    /** Characters of a reference as written. */
    public static final int MAX_LENGTH = 1_024;

    /** The accepted forms, as a refusal of a literal shows them. */
    public static final String FORMS = "${env:NAME}, ${file:/path} or ${file:/path:key}";

    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern KEY = Pattern.compile("[^\\s:={}\\p{Cntrl}]+");
    private static final String ENV_PREFIX = "env:";
    private static final String FILE_PREFIX = "file:";

    /** Where the value comes from. */
    public enum Kind {
        /** An environment variable of the Sendports process. */
        ENV,
        /** A file, whole or one key of it as a properties file. */
        FILE
    }

    private final String text;
    private final Kind kind;
    private final String variable;
    private final Path file;
    private final String key;

    private SecretReference(String text, Kind kind, String variable, Path file, String key) {
        this.text = text;
        this.kind = kind;
        this.variable = variable;
        this.file = file;
        this.key = key;
    }

    /**
     * The reference written in a credential field, or null after adding a field error to {@code problems}.
     * Anything that is not one whole reference, such as a literal password, is refused.
     */
    public static SecretReference parse(String text, String field, Problems problems) {
        String refusal = refusal(text);
        if (refusal != null) {
            problems.add(field, refusal);
            return null;
        }
        String body = text.substring(2, text.length() - 1);
        if (body.startsWith(ENV_PREFIX)) {
            return new SecretReference(text, Kind.ENV, body.substring(ENV_PREFIX.length()), null, null);
        }
        String rest = body.substring(FILE_PREFIX.length());
        int colon = rest.indexOf(':');
        return colon < 0 ? new SecretReference(text, Kind.FILE, null, Path.of(rest), null)
                : new SecretReference(text, Kind.FILE, null, Path.of(rest.substring(0, colon)), rest.substring(colon + 1));
    }

    /**
     * As {@link #parse(String, String, Problems)}, and a file must also lie under one of the {@code allowed}
     * directories as written (links are checked when the value is read: the file may not exist yet).
     */
    public static SecretReference parse(String text, String field, SecretPaths allowed, Problems problems) {
        SecretReference reference = parse(text, field, problems);
        String refusal = reference == null ? null : allowed.refusal(reference);
        if (refusal != null) {
            problems.add(field, refusal);
            return null;
        }
        return reference;
    }

    /**
     * Whether a text is meant as a reference: wrapped whole in <code>${</code> and <code>}</code>. A field that
     * takes no reference can use it to refuse one rather than pass it on as a literal.
     */
    public static boolean looksLikeReference(String text) {
        return text != null && text.startsWith("${") && text.endsWith("}");
    }

    /** Why a text is not one whole reference, in words that repeat none of it; null when it is one. */
    private static String refusal(String text) {
        if (text == null || text.isBlank()) {
            return "must be a secret reference: " + FORMS;
        }
        if (text.length() > MAX_LENGTH) {
            return "must be a secret reference of at most " + MAX_LENGTH + " characters: " + FORMS;
        }
        String body = looksLikeReference(text) ? text.substring(2, text.length() - 1) : null;
        if (body == null || body.contains("}") || body.contains("${")) {
            return "must be a secret reference, not a literal value: " + FORMS;
        }
        if (body.startsWith(ENV_PREFIX)) {
            return VARIABLE.matcher(body.substring(ENV_PREFIX.length())).matches() ? null
                    : "${env:NAME} takes an environment variable name of letters, digits and _, not starting with a digit";
        }
        if (!body.startsWith(FILE_PREFIX)) {
            return "names no known kind of secret reference: " + FORMS;
        }
        String rest = body.substring(FILE_PREFIX.length());
        int colon = rest.indexOf(':');
        if (!absoluteAndPlain(colon < 0 ? rest : rest.substring(0, colon))) {
            return "${file:/path} takes an absolute path without empty, . or .. segments, colons or control characters";
        }
        if (colon >= 0 && !KEY.matcher(rest.substring(colon + 1)).matches()) {
            return "${file:/path:key} takes a non-empty key without whitespace, colons, equals signs or braces";
        }
        return null;
    }

    private static boolean absoluteAndPlain(String path) {
        if (!path.startsWith("/") || path.length() == 1) {
            return false;
        }
        if (path.chars().anyMatch(c -> Character.isISOControl(c) || c == '\\' || c == '{' || c == '}')) {
            return false;
        }
        for (String segment : path.substring(1).split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    public Kind kind() {
        return kind;
    }

    /** The environment variable's name; null for a file. */
    public String variable() {
        return variable;
    }

    /** The file, absolute and normalized; null for an environment variable. */
    public Path file() {
        return file;
    }

    /** The key in the properties file; null for an environment variable or a whole file. */
    public String key() {
        return key;
    }

    /** The reference as written, never a value: safe in logs, errors and API answers. */
    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SecretReference that && that.text.equals(text);
    }

    @Override
    public int hashCode() {
        return Objects.hash(text);
    }
}
