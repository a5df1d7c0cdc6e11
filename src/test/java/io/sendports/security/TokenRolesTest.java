package io.sendports.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The mapping of an identity provider's groups to roles ({@code sendports.security.role-mapping}). */
class TokenRolesTest {

    @Test
    void onlyMappedGroupsGiveRoles() {
        TokenRoles roles = new TokenRoles(true, Map.of("cn=admins", "admin", "ops", " operator ", "all", "viewer"));
        assertEquals(Set.of("admin", "viewer"), roles.roles(Set.of("cn=admins", "all", "admin", "unknown")));
        assertEquals(Set.of("operator"), roles.roles(Set.of("ops")));
        assertTrue(roles.roles(Set.of("admin", "operator", "viewer")).isEmpty());
        assertTrue(roles.roles(null).isEmpty());
    }

    @Test
    void aMappingToNoRoleStopsTheStart() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new TokenRoles(false, Map.of("ops", "superuser")));
        assertTrue(e.getMessage().contains("sendports.security.role-mapping.\"ops\"")
                && e.getMessage().contains("admin, operator or viewer"), e.getMessage());
    }
}
