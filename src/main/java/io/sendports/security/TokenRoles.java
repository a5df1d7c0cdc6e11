package io.sendports.security;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.runtime.Startup;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

import io.sendports.SendportsConfig;

/**
 * The roles of a JWT bearer token: the identity provider's groups (the token's {@code groups} claim) mapped by
 * {@code sendports.security.role-mapping}, and nothing else, so a group that happens to be called {@code admin}
 * gives no right unless it is mapped. While {@code sendports.security.jwt.enabled} is false (the default) a token is
 * refused whatever it says. Identities of the embedded users (Basic, session) pass unchanged.
 */
@ApplicationScoped
@Startup
public class TokenRoles implements SecurityIdentityAugmentor {
    private final boolean enabled;
    private final Map<String, Role> mapping;

    @Inject
    public TokenRoles(SendportsConfig config) {
        this(config.security().jwt().enabled(), config.security().roleMapping());
    }

    /** @throws IllegalStateException when a mapping names no role: the service does not start */
    TokenRoles(boolean enabled, Map<String, String> mapping) {
        this.enabled = enabled;
        this.mapping = new LinkedHashMap<>();
        mapping.forEach((group, role) -> this.mapping.put(group, Role.parse(role.strip()).orElseThrow(
                () -> new IllegalStateException("sendports.security.role-mapping.\"" + group + "\" is '" + role
                        + "': it must be admin, operator or viewer"))));
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (!(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        if (!enabled) {
            return Uni.createFrom().failure(new AuthenticationFailedException(
                    "bearer tokens are not accepted (sendports.security.jwt.enabled is false)"));
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                .setPrincipal(token)
                .addCredentials(identity.getCredentials())
                .addAttributes(identity.getAttributes())
                .addRoles(roles(token.getGroups()))
                .build());
    }

    /** The roles the groups give, through the mapping. */
    Set<String> roles(Set<String> groups) {
        Set<String> roles = new TreeSet<>();
        if (groups != null) {
            for (String group : groups) {
                Role role = mapping.get(group);
                if (role != null) {
                    roles.add(role.json());
                }
            }
        }
        return roles;
    }
}
