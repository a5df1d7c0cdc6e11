package io.sendports.console;

import io.quarkus.security.identity.SecurityIdentity;
import io.sendports.security.Role;
import io.sendports.security.SessionCsrf;

/**
 * The signed-in user as the console shows them: name, role, and the CSRF token that the console's own writes send
 * (sessions only; a browser signed in with Basic credentials sends none and needs none).
 *
 * @param csrfToken the session's token, or empty when the identity did not come from the session cookie
 */
public record ConsoleUser(String name, Role role, String csrfToken) {

    static ConsoleUser of(SecurityIdentity identity, SessionCsrf csrf) {
        Role role = identity.hasRole(Role.ADMIN_NAME) ? Role.ADMIN
                : identity.hasRole(Role.OPERATOR_NAME) ? Role.OPERATOR : Role.VIEWER;
        String name = identity.getPrincipal().getName();
        return new ConsoleUser(name, role, SessionCsrf.isSession(identity) ? csrf.token(name) : "");
    }

    /** May change definitions, membership, enlist and unenlist, import bindings, publish (DESIGN.md §7). */
    public boolean admin() {
        return role == Role.ADMIN;
    }

    /** May start and stop enlisted ports and groups, resume and terminate suspended messages. */
    public boolean operates() {
        return role == Role.ADMIN || role == Role.OPERATOR;
    }

    public String roleName() {
        return role.json();
    }
}
