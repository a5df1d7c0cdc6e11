package io.sendports.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded users file: the first admin, bcrypt checks, the lock after repeated failures. */
class UsersTest {
    @TempDir
    Path dir;

    private final AtomicLong clock = new AtomicLong(1_000_000);

    private Users users() {
        Users users = new Users(dir.resolve("users.properties"), clock::get);
        users.load();
        return users;
    }

    @Test
    void theFirstStartWritesAGeneratedPasswordReadableOnlyByItsAccountAndASecondStartKeepsIt() throws Exception {
        Path passwordFile = dir.resolve("initial-admin-password");
        assertTrue(users().ensureAdmin(Optional.empty(), passwordFile));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                dir.resolve("users.properties"))));
        String password = Files.readString(passwordFile).strip();
        assertEquals(24, password.length());
        assertFalse(Files.readString(dir.resolve("users.properties")).contains(password), "only a hash is stored");

        Users again = users();
        assertFalse(again.ensureAdmin(Optional.of("another-password"), passwordFile), "users exist: nothing is created");
        assertEquals("admin", again.check("admin", password).orElseThrow().name());
        assertEquals(Role.ADMIN, again.check("ADMIN", password).orElseThrow().role(), "names ignore case");
        assertTrue(again.check("admin", "another-password").isEmpty());
    }

    @Test
    void theConfiguredPasswordWinsOnAFreshDataDirectory() {
        Path passwordFile = dir.resolve("initial-admin-password");
        Users users = users();
        assertTrue(users.ensureAdmin(Optional.of("from-the-environment"), passwordFile));
        assertFalse(Files.exists(passwordFile), "no generated password when one is given");
        assertTrue(users.check("admin", "from-the-environment").isPresent());
    }

    @Test
    void fiveFailuresInARowLockTheUserForThirtySeconds() {
        Users users = users();
        users.ensureAdmin(Optional.of("right-password"), dir.resolve("p"));
        for (int i = 0; i < Users.FAILURES_BEFORE_LOCK; i++) {
            assertTrue(users.check("admin", "wrong-" + i).isEmpty());
        }
        assertTrue(users.check("admin", "right-password").isEmpty(), "locked: even the right password is refused");
        clock.addAndGet(Users.LOCK_MILLIS + 1);
        assertTrue(users.check("admin", "right-password").isPresent(), "the lock has ended");
        assertTrue(users.check("admin", "wrong").isEmpty());
        assertTrue(users.check("admin", "right-password").isPresent(), "a success clears the count");
    }

    @Test
    void aRememberedCheckIsForgottenWhenTheUserChanges() {
        Users users = users();
        users.ensureAdmin(Optional.of("first-password"), dir.resolve("p"));
        assertTrue(users.check("admin", "first-password").isPresent());
        users.put(new Users.User("admin", Role.ADMIN, Users.hash("second-password")));
        assertTrue(users.check("admin", "first-password").isEmpty(), "the old password no longer works");
        assertTrue(users.check("admin", "second-password").isPresent());
    }

    @Test
    void onlyARememberedUnlockedCheckIsAnsweredWithoutBcrypt() {
        Users users = users();
        users.ensureAdmin(Optional.of("right-password"), dir.resolve("p"));
        assertTrue(users.remembered("admin", "right-password").isEmpty(), "never checked yet");
        assertTrue(users.check("admin", "right-password").isPresent());
        assertTrue(users.remembered("admin", "right-password").isPresent());
        assertTrue(users.remembered("ADMIN", "right-password").isPresent(), "names ignore case");
        assertTrue(users.remembered("admin", "other-password").isEmpty());
        for (int i = 0; i < Users.FAILURES_BEFORE_LOCK; i++) {
            users.check("admin", "wrong-" + i);
        }
        assertTrue(users.remembered("admin", "right-password").isEmpty(), "a locked user is not remembered");
        clock.addAndGet(Users.LOCK_MILLIS + 1);
        assertTrue(users.remembered("admin", "right-password").isPresent(), "the lock has ended");
        clock.addAndGet(5 * 60 * 1000);
        assertTrue(users.remembered("admin", "right-password").isEmpty(), "forgotten after 5 minutes");
    }

    @Test
    void aMalformedUsersFileIsRefusedAtStart() throws Exception {
        Files.writeString(dir.resolve("users.properties"), "alice=superuser:$2a$10$abc\n");
        IllegalStateException refused = assertThrows(IllegalStateException.class, this::users);
        assertTrue(refused.getMessage().contains("line 1"), refused.getMessage());
    }
}
