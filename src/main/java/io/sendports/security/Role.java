package io.sendports.security;

import java.util.Locale;
import java.util.Optional;

/**
 * The three roles of DESIGN.md §7, after BizTalk's minimum security user rights: administrators change the
 * configuration and subscriptions, operators start and stop and handle suspended messages, viewers look.
 */
public enum Role {
    ADMIN, OPERATOR, VIEWER;

    /** The role names as {@code @RolesAllowed} and the API write them. */
    public static final String ADMIN_NAME = "admin";
    public static final String OPERATOR_NAME = "operator";
    public static final String VIEWER_NAME = "viewer";

    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> parse(String text) {
        for (Role role : values()) {
            if (role.json().equals(text)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
