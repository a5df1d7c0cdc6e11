package io.sendports.security;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * The identity behind a session cookie of the form login: the cookie, encrypted and signed by Quarkus, carries only
 * the user's name, so the role is the user's role now. A user deleted since the login has no session any more, and a
 * changed role applies to the next request.
 */
@ApplicationScoped
public class SessionIdentityProvider implements IdentityProvider<TrustedAuthenticationRequest> {
    private final Users users;

    public SessionIdentityProvider(Users users) {
        this.users = users;
    }

    @Override
    public Class<TrustedAuthenticationRequest> getRequestType() {
        return TrustedAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TrustedAuthenticationRequest request, AuthenticationRequestContext context) {
        return Uni.createFrom().item(() -> users.find(request.getPrincipal())
                .map(user -> QuarkusSecurityIdentity.builder(UsersIdentityProvider.identity(user))
                        .addAttribute(SessionCsrf.SESSION, true)
                        .build())
                .orElseThrow(() -> new AuthenticationFailedException("the session's user no longer exists")));
    }
}
