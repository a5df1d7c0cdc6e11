package io.sendports.security;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Checks a user name and password (HTTP Basic, the form login) against the embedded {@link Users}. A check that
 * is remembered answers at once; any other takes a bcrypt verification, so it runs off the event loop.
 */
@ApplicationScoped
public class UsersIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {
    private final Users users;

    public UsersIdentityProvider(Users users) {
        this.users = users;
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
            AuthenticationRequestContext context) {
        String name = request.getUsername();
        String password = new String(request.getPassword().getPassword());
        Optional<Users.User> remembered = users.remembered(name, password);
        if (remembered.isPresent()) {
            return Uni.createFrom().item(identity(remembered.get()));
        }
        return context.runBlocking(() -> users.check(name, password)
                .map(UsersIdentityProvider::identity)
                .orElseThrow(() -> new AuthenticationFailedException("wrong user name or password")));
    }

    /** A user's identity: its name, and its one role. */
    static SecurityIdentity identity(Users.User user) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(user.name()))
                .addRole(user.role().json())
                .build();
    }
}
