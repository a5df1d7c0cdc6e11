package io.sendports.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;
import org.wildfly.security.password.Password;
import org.wildfly.security.password.PasswordFactory;
import org.wildfly.security.password.WildFlyElytronPasswordProvider;
import org.wildfly.security.password.util.ModularCrypt;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.sendports.domain.Names;

/**
 * The embedded users (DESIGN.md §7): a file of bcrypt hashes, one line {@code <name>=<role>:<hash>} per user, read at
 * start-up and rewritten whole (a temporary file renamed over it, mode 0600) on every change made through
 * {@code /api/users}. With no user at all, the first start creates {@code admin} (see {@link #ensureAdmin}).
 *
 * <p>A password check costs a bcrypt verification ({@link #COST}: 50 to 250 ms here, docs/SECURITY.md), so a
 * successful check is remembered for {@link #CACHE_TTL_MILLIS} by user and SHA-256 of the password, for at most
 * {@link #CACHE_SIZE} pairs; any change of a user forgets every remembered check. Five failures in a row lock a
 * user for {@link #LOCK_MILLIS} (answers are 401 without a check meanwhile), and a success clears the count.
 */
public final class Users {
    private static final Logger LOG = Logger.getLogger(Users.class);
    /** bcrypt's cost (log2 of its rounds). */
    static final int COST = 10;
    static final long CACHE_TTL_MILLIS = 5 * 60_000;
    static final int CACHE_SIZE = 1_000;
    static final int FAILURES_BEFORE_LOCK = 5;
    static final long LOCK_MILLIS = 30_000;
    private static final String ADMIN = "admin";

    /** One user: the role and the bcrypt hash of the password. */
    public record User(String name, Role role, String hash) {
    }

    private record Failures(int count, long lockedUntil) {
    }

    private final Path file;
    private final java.util.function.LongSupplier clock;
    private volatile Map<String, User> users = Map.of();
    private final Map<String, Long> verified = new ConcurrentHashMap<>();
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    public Users(Path file, java.util.function.LongSupplier clock) {
        this.file = file;
        this.clock = clock;
    }

    /** Where the users are kept. */
    public Path file() {
        return file;
    }

    /** Reads the users file; a missing file has no users. */
    public synchronized void load() {
        Map<String, User> read = new LinkedHashMap<>();
        if (Files.exists(file)) {
            List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the users file " + file, e);
            }
            int number = 0;
            for (String line : lines) {
                number++;
                String text = line.strip();
                if (text.isEmpty() || text.startsWith("#")) {
                    continue;
                }
                int equals = text.indexOf('=');
                int colon = text.indexOf(':', equals + 1);
                Optional<Role> role = equals < 0 || colon < 0 ? Optional.empty()
                        : Role.parse(text.substring(equals + 1, colon));
                String name = equals < 0 ? "" : text.substring(0, equals);
                if (role.isEmpty() || Names.entityNameError(name) != null || !text.substring(colon + 1).startsWith("$2")) {
                    throw new IllegalStateException("line " + number + " of the users file " + file
                            + " is not <name>=<admin|operator|viewer>:<bcrypt hash>");
                }
                read.put(Names.key(name), new User(name, role.get(), text.substring(colon + 1)));
            }
        }
        users = Map.copyOf(read);
    }

    /**
     * With no user at all, creates {@code admin} with {@code password} when given, else with a generated one that is
     * written to {@code passwordFile} (mode 0600); the log names the file, never the password.
     *
     * @return whether the admin was created
     */
    public synchronized boolean ensureAdmin(Optional<String> password, Path passwordFile) {
        if (!users.isEmpty()) {
            return false;
        }
        String chosen = password.filter(p -> !p.isBlank()).orElse(null);
        if (chosen == null) {
            chosen = generated();
            writePrivately(passwordFile, chosen + "\n");
            LOG.infof("Created the user '%s' (role admin) with a generated password; it is in %s (readable only by "
                    + "this account). Sign in and change it, or add users, through /api/users.", ADMIN,
                    passwordFile.toAbsolutePath().normalize());
        } else {
            LOG.infof("Created the user '%s' (role admin) with the password of SENDPORTS_ADMIN_PASSWORD", ADMIN);
        }
        put(new User(ADMIN, Role.ADMIN, hash(chosen)));
        return true;
    }

    public List<User> list() {
        return new TreeMap<>(users).values().stream().toList();
    }

    public Optional<User> find(String name) {
        return Optional.ofNullable(users.get(Names.key(name)));
    }

    /** Adds or replaces a user, and writes the file. */
    public synchronized void put(User user) {
        Map<String, User> next = new LinkedHashMap<>(users);
        next.put(Names.key(user.name()), user);
        store(next);
    }

    /** Removes a user, and writes the file. */
    public synchronized void remove(String name) {
        Map<String, User> next = new LinkedHashMap<>(users);
        next.remove(Names.key(name));
        store(next);
    }

    private void store(Map<String, User> next) {
        StringBuilder text = new StringBuilder("# Sendports users: <name>=<role>:<bcrypt hash>. Managed through /api/users.\n");
        new TreeMap<>(next).values().forEach(u -> text.append(u.name()).append('=').append(u.role().json()).append(':')
                .append(u.hash()).append('\n'));
        writePrivately(file, text.toString());
        users = Map.copyOf(next);
        verified.clear();
    }

    /**
     * The user whose password this is, or empty: unknown user, wrong password, or a user locked after repeated
     * failures.
     */
    public Optional<User> check(String name, String password) {
        User user = users.get(Names.key(name));
        long now = clock.getAsLong();
        Failures failed = failures.get(Names.key(name));
        if (failed != null && failed.lockedUntil() > now) {
            return Optional.empty();
        }
        if (user == null) {
            return Optional.empty();
        }
        String remembered = user.name() + ":" + digest(password);
        if (isRemembered(remembered, now)) {
            return Optional.of(user);
        }
        if (!matches(password, user.hash())) {
            int count = failed == null ? 1 : failed.count() + 1;
            failures.put(Names.key(name), new Failures(count, count >= FAILURES_BEFORE_LOCK ? now + LOCK_MILLIS : 0));
            if (count == FAILURES_BEFORE_LOCK) {
                LOG.warnf("User '%s' locked for %d s after %d failed sign-ins", user.name(), LOCK_MILLIS / 1000, count);
            }
            return Optional.empty();
        }
        failures.remove(Names.key(name));
        if (verified.size() >= CACHE_SIZE) {
            verified.clear();
        }
        verified.put(remembered, now + CACHE_TTL_MILLIS);
        return Optional.of(user);
    }

    /**
     * The user, when this password's check is remembered and the user is not locked; empty when a full
     * {@link #check} is needed. Cheap: no bcrypt, so it may run on an event loop.
     */
    public Optional<User> remembered(String name, String password) {
        User user = users.get(Names.key(name));
        long now = clock.getAsLong();
        Failures failed = failures.get(Names.key(name));
        if (user == null || failed != null && failed.lockedUntil() > now
                || !isRemembered(user.name() + ":" + digest(password), now)) {
            return Optional.empty();
        }
        return Optional.of(user);
    }

    private boolean isRemembered(String remembered, long now) {
        Long until = verified.get(remembered);
        return until != null && until > now;
    }

    /** A bcrypt hash of a password, at {@link #COST}. */
    public static String hash(String password) {
        return BcryptUtil.bcryptHash(password, COST);
    }

    static boolean matches(String password, String hash) {
        try {
            Password stored = ModularCrypt.decode(hash);
            PasswordFactory factory = PasswordFactory.getInstance(stored.getAlgorithm(),
                    new WildFlyElytronPasswordProvider());
            return factory.verify(factory.translate(stored), password.toCharArray());
        } catch (java.security.GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static String digest(String password) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String generated() {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 24; i++) {
            password.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return password.toString();
    }

    /** Writes a file readable by this account only (0600 where POSIX permissions exist), by renaming a temporary file. */
    static void writePrivately(Path target, String text) {
        try {
            Path dir = target.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path temporary = Files.createTempFile(dir, ".sendports-", ".tmp");
            try {
                try {
                    Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    // a file system without POSIX permissions: the directory's rules apply
                }
                Files.writeString(temporary, text, StandardCharsets.UTF_8);
                try {
                    Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    /** The names of the users with a role, for checks such as "the last admin stays". */
    public List<String> withRole(Role role) {
        List<String> names = new ArrayList<>();
        users.values().stream().filter(u -> u.role() == role).forEach(u -> names.add(u.name()));
        return names;
    }
}
