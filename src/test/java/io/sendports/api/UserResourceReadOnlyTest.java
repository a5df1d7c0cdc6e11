package io.sendports.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sendports.control.ConflictException;
import io.sendports.security.Role;
import io.sendports.security.Users;

/**
 * A users file that cannot be written (on Kubernetes it is the read-only Secret {@code sendports-users}): every
 * change through {@code /api/users} is a 409 that names the file and the Secret, and changes nothing; never a 5xx.
 */
class UserResourceReadOnlyTest {
    @TempDir
    Path dir;

    @Test
    void changesToAUsersFileThatCannotBeWrittenAreConflictsNamingTheFileAndTheSecret() throws Exception {
        Path mount = dir.resolve("mount");
        Path file = mount.resolve("users.properties");
        Users users = new Users(file, System::currentTimeMillis);
        users.load();
        users.put(new Users.User("first-admin", Role.ADMIN, Users.hash("first-admin-password")));
        users.put(new Users.User("second-admin", Role.ADMIN, Users.hash("second-admin-password")));
        // The file's directory becomes a regular file: nothing can be written there any more, not even by root.
        Files.delete(file);
        Files.delete(mount);
        Files.writeString(mount, "");
        UserResource resource = new UserResource(users, null, null);

        List<Runnable> changes = List.of(
                () -> resource.create(new UserResource.UserRequest("newcomer", null, "operator", "newcomer-password")),
                () -> resource.update("first-admin", new UserResource.UserRequest(null, null, "viewer", null)),
                () -> resource.delete("second-admin"));
        for (Runnable change : changes) {
            ConflictException conflict = assertThrows(ConflictException.class, change::run);
            assertTrue(conflict.getMessage().contains(file.toString())
                    && conflict.getMessage().contains("sendports-users"), conflict.getMessage());
        }
        assertEquals(List.of("first-admin=ADMIN", "second-admin=ADMIN"),
                users.list().stream().map(u -> u.name() + "=" + u.role()).sorted().toList(), "nothing changed");
    }
}
