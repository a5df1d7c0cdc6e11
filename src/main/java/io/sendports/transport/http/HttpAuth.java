package io.sendports.transport.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.sendports.domain.Limits;
import io.sendports.domain.Problems;
import io.sendports.domain.SecretReference;

/**
 * How an http destination authenticates, the {@code auth} option (API.md "Secret references"): HTTP Basic with a
 * user name and a password, or a bearer token. The password or token is a {@link SecretReference}, resolved at each
 * delivery into the {@code Authorization} header.
 *
 * <p>Invariants: {@code username} is set for {@link Type#BASIC} only: 1 to {@link Limits#OPTION_TEXT} characters,
 * no colon (RFC 7617: it ends the user-id) and no control character; {@code secret} is never null.
 */
public record HttpAuth(Type type, String username, SecretReference secret) {
    /** The header it sets; a message's header of that name is not forwarded. */
    public static final String HEADER = "Authorization";

    /** The kinds of authentication, with the name of the field that holds the secret. */
    public enum Type {
        BASIC("basic", "password", List.of("type", "username", "password")),
        BEARER("bearer", "token", List.of("type", "token"));

        private final String text;
        private final String secretField;
        private final List<String> fields;

        Type(String text, String secretField, List<String> fields) {
            this.text = text;
            this.secretField = secretField;
            this.fields = fields;
        }

        /** As {@code auth.type} writes it. */
        public String text() {
            return text;
        }

        /** The field that holds the secret reference: {@code password} or {@code token}. */
        public String secretField() {
            return secretField;
        }
    }

    /**
     * The {@code auth} option as written, or null with its field errors added (every field checked, so that one
     * answer lists them all).
     *
     * @param field the option's JSON path, such as {@code transport.options.auth}
     */
    static HttpAuth parse(Object raw, String field, Problems problems) {
        if (!(raw instanceof Map<?, ?> auth)) {
            problems.add(field, "must be an object: {\"type\": \"basic\", \"username\": ..., \"password\": ...} or "
                    + "{\"type\": \"bearer\", \"token\": ...}");
            return null;
        }
        Type type = type(auth.get("type"), field + ".type", problems);
        if (type == null) {
            return null;
        }
        boolean ok = true;
        for (Object key : auth.keySet()) {
            if (!type.fields.contains(key)) {
                String name = String.valueOf(key);
                problems.add(field + "." + (name.length() > Limits.OPTION_TEXT ? name.substring(0, Limits.OPTION_TEXT)
                        : name), "is not a field of " + type.text + " auth; known: " + String.join(", ", type.fields));
                ok = false;
            }
        }
        String username = type == Type.BASIC ? username(auth.get("username"), field + ".username", problems) : null;
        ok &= type != Type.BASIC || username != null;
        SecretReference secret = reference(auth.get(type.secretField), field + "." + type.secretField, problems);
        return ok && secret != null ? new HttpAuth(type, username, secret) : null;
    }

    private static Type type(Object raw, String field, Problems problems) {
        if (raw == null) {
            problems.add(field, "is required: basic or bearer");
            return null;
        }
        String text = raw instanceof String string ? string.strip().toLowerCase(Locale.ROOT) : "";
        for (Type type : Type.values()) {
            if (type.text.equals(text)) {
                return type;
            }
        }
        problems.add(field, "must be basic or bearer");
        return null;
    }

    private static String username(Object raw, String field, Problems problems) {
        if (raw == null) {
            problems.add(field, "is required for basic auth");
            return null;
        }
        if (!(raw instanceof String name) || name.isEmpty()) {
            problems.add(field, "must be a user name");
            return null;
        }
        String tooLong = Limits.tooLong(name, Limits.OPTION_TEXT);
        if (tooLong != null) {
            problems.add(field, tooLong);
            return null;
        }
        if (SecretReference.looksLikeReference(name)) {
            // it would be sent as these very characters
            problems.add(field, "takes the user name itself, not a secret reference; only the password is a secret");
            return null;
        }
        if (name.indexOf(':') >= 0 || name.chars().anyMatch(Character::isISOControl)) {
            problems.add(field, "must not contain a colon or control characters (RFC 7617)");
            return null;
        }
        return name;
    }

    /** A credential field: a reference, never a literal; a refusal repeats nothing of what was sent. */
    static SecretReference reference(Object raw, String field, Problems problems) {
        if (raw == null) {
            problems.add(field, "is required: a secret reference, " + SecretReference.FORMS);
            return null;
        }
        return SecretReference.parse(raw instanceof String text ? text : null, field, problems);
    }

    /** The option as written back: type first, the reference, never a value. */
    Map<String, Object> options() {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("type", type.text);
        if (username != null) {
            options.put("username", username);
        }
        options.put(type.secretField, secret.toString());
        return options;
    }

    /** The value of the {@code Authorization} header for the secret's value now. */
    String header(String value) {
        if (type == Type.BASIC) {
            return "Basic " + Base64.getEncoder().encodeToString((username + ":" + value).getBytes(StandardCharsets.UTF_8));
        }
        return "Bearer " + value;
    }
}
