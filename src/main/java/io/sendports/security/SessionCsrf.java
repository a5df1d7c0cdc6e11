package io.sendports.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * The CSRF token of a form-login session. A write (any method but GET, HEAD, OPTIONS) authenticated by the session
 * cookie must carry it in the header {@value #HEADER}; a page of another site can neither read the token nor set
 * the header without a CORS grant, which Sendports never gives. Writes with Basic credentials or a bearer token
 * carry no cookie a browser would add on its own, so they need no token.
 *
 * <p>The token is an HMAC of the user's name under a key derived from the session cookie's own key
 * ({@code quarkus.http.auth.session.encryption-key}), so every instance that shares that key accepts it; without the
 * setting both keys are made at start-up, and a restart ends the sessions and their tokens together.
 */
@ApplicationScoped
public class SessionCsrf {
    public static final String HEADER = "X-CSRF-Token";
    /** The identity attribute that marks an identity restored from the session cookie. */
    static final String SESSION = "sendports.session";

    private final SecretKeySpec key;

    SessionCsrf(@ConfigProperty(name = "quarkus.http.auth.session.encryption-key") Optional<String> sessionKey) {
        byte[] material = new byte[32];
        if (sessionKey.isPresent()) {
            material = sha256("sendports csrf " + sessionKey.get());
        } else {
            new SecureRandom().nextBytes(material);
        }
        this.key = new SecretKeySpec(material, "HmacSHA256");
    }

    /** Whether the identity came from the session cookie of the form login. */
    public static boolean isSession(SecurityIdentity identity) {
        return Boolean.TRUE.equals(identity.getAttribute(SESSION));
    }

    /** The token of a user's sessions. */
    public String token(String user) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(user.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /** Whether a request of the identity may write: not a session, or a session that sent its token. */
    public boolean allowsWrite(SecurityIdentity identity, String header) {
        if (!isSession(identity)) {
            return true;
        }
        return header != null && MessageDigest.isEqual(header.getBytes(StandardCharsets.UTF_8),
                token(identity.getPrincipal().getName()).getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
