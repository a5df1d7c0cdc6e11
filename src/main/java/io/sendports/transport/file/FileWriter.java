package io.sendports.transport.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;


/**
 * Writes one message body to one file of a directory (DESIGN.md §6), with as few system calls as the mode
 * allows:
 * <ul>
 * <li>{@code overwrite}: the body goes to a temporary file, renamed onto the target: rename(2) replaces it
 * atomically, so a reader sees the old file or the new one, never a part.</li>
 * <li>{@code create}: the same temporary file, hard-linked to the target name, which fails if the target
 * exists: no other write can slip in between a check and the link. Where the file system has no hard links,
 * the target is checked and the temporary file moved without replacing.</li>
 * <li>{@code append}: the body is appended to the target, created if missing. Appends to one file take turns,
 * within this process and with other processes (a lock of the file), so each body stays in one piece.</li>
 * </ul>
 * The temporary file is {@code .sendports-<name>.<host>-<process>-<thread>} (a hash for a very long name;
 * {@code <host>} eight hex digits of the host's name): writes of the same name from several threads or instances
 * never share one. A crash between write and rename can leave one behind, never a partly written target;
 * {@link #removeStaleTemporaryFiles} removes those that no live writer can be using. The directory is created
 * when a write finds it missing. Nothing is synced to disk, as with Camel's file producer: a delivery is done
 * when the file system took it.
 */
public final class FileWriter {
    public static final String TEMP_PREFIX = ".sendports-";
    private static final long PID = ProcessHandle.current().pid();
    private static final String HOST = hostToken();
    /** When this process started: a temporary file of its process id older than that is another's. */
    private static final Instant STARTED = ProcessHandle.current().info().startInstant().orElseGet(Instant::now);
    /**
     * A temporary file older than this is stale whoever wrote it: a writer renames its file as soon as it has
     * written it, and the time of a file changes while it is written.
     */
    public static final Duration STALE_AFTER = Duration.ofHours(1);
    private static final Pattern TEMP_NAME = Pattern.compile(Pattern.quote(TEMP_PREFIX)
            + ".+\\.(?:([0-9a-f]{8})-)?(\\d{1,19})-\\d{1,19}");
    /** The most bytes of the target's name kept in a temporary name: with the rest, it stays under 255. */
    private static final int MAX_STEM = 200;
    /**
     * Appends to one file take turns (by a lock of the file's stripe), whichever port or thread makes them: a
     * body longer than one write call must not be interleaved with another's. Other processes: {@link #append}.
     */
    private static final Object[] APPENDS = new Object[64];
    /** The directories whose file system refused a file lock (warned about once each). */
    private static final java.util.Set<Path> UNLOCKED = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static final Logger LOG = Logger.getLogger(FileWriter.class);

    static {
        for (int i = 0; i < APPENDS.length; i++) {
            APPENDS[i] = new Object();
        }
    }

    private final Path directory;
    private final FileMode mode;

    public FileWriter(Path directory, FileMode mode) {
        this.directory = directory;
        this.mode = mode;
    }

    /**
     * Writes {@code body} to the file {@code name} of the directory and returns its path.
     *
     * @throws FileAlreadyExistsException in {@code create} mode, when the file exists
     * @throws IllegalArgumentException   when {@code name} is not a plain file name
     */
    public Path write(String name, byte[] body) throws IOException {
        Path target = target(name);
        try {
            return write(target, body);
        } catch (NoSuchFileException e) {
            // The directory is missing, or was when this write began and another write has created it since:
            // either way once more, after making sure it exists (createDirectories is idempotent).
            Files.createDirectories(directory);
            return write(target, body);
        }
    }

    private Path write(Path target, byte[] body) throws IOException {
        if (mode == FileMode.APPEND) {
            synchronized (APPENDS[Math.floorMod(target.hashCode(), APPENDS.length)]) {
                append(target, body);
            }
            return target;
        }
        Path temp = directory.resolve(temporaryName(target.getFileName().toString(), PID,
                Thread.currentThread().getId()));
        try {
            Files.write(temp, body);
            if (mode == FileMode.OVERWRITE) {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } else {
                create(temp, target);
            }
        } catch (IOException | RuntimeException e) {
            deleteQuietly(temp, e);
            throw e;
        }
        return target;
    }

    /**
     * Appends under an exclusive lock of the whole file ({@code fcntl} on Linux, which NFS passes to the server):
     * other processes appending the same way (Sendports' other instances on a shared volume) wait for it, so a body
     * that takes several write calls is never interleaved with theirs. In this process the stripe lock is held
     * already, so the file lock is never asked for twice here (which Java refuses). A file system that has no locks
     * (an NFS mount with {@code nolock}) refuses the lock: the append is made without it, as before, and a warning
     * says once per directory that several instances appending to one file there may interleave.
     */
    private static void append(Path target, byte[] body) throws IOException {
        try (FileChannel channel = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.WRITE)) {
            FileLock lock = lock(channel, target);
            try {
                ByteBuffer rest = ByteBuffer.wrap(body);
                while (rest.hasRemaining()) {
                    channel.write(rest);
                }
            } finally {
                if (lock != null) {
                    lock.release();
                }
            }
        }
    }

    /** The file's exclusive lock, or null where the file system has none. */
    private static FileLock lock(FileChannel channel, Path target) throws IOException {
        try {
            return channel.lock();
        } catch (java.nio.channels.ClosedChannelException stopped) {
            throw stopped; // interrupted or closed (the port stops): not a file system without locks
        } catch (IOException | UnsupportedOperationException noLocks) {
            Path directory = target.toAbsolutePath().getParent();
            if (UNLOCKED.add(directory)) {
                LOG.warnf("The file system of %s takes no file locks (%s): appends there are made without one, and "
                        + "several instances appending to one file there may interleave their records "
                        + "(docs/DEPLOYMENT.md, \"File ports' directories\")", directory, noLocks.toString());
            }
            return null;
        }
    }

    /** The temporary name of a file written on this host by the process {@code pid} on its thread {@code thread}. */
    public static String temporaryName(String name, long pid, long thread) {
        return TEMP_PREFIX + tempStem(name) + "." + HOST + "-" + pid + "-" + thread;
    }

    private static void deleteQuietly(Path temp, Exception cause) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    /** Gives the temporary file the target's name unless the target exists; the temporary name is gone after. */
    private static void create(Path temp, Path target) throws IOException {
        try {
            Files.createLink(target, temp);
        } catch (FileAlreadyExistsException e) {
            throw exists(target);
        } catch (UnsupportedOperationException | FileSystemException e) {
            // No hard links here: the check and the move are two steps.
            if (Files.exists(target)) {
                throw exists(target);
            }
            Files.move(temp, target);
            return;
        }
        Files.delete(temp);
    }

    private static FileAlreadyExistsException exists(Path target) {
        return new FileAlreadyExistsException(target.toString(), null,
                "exists, and mode create does not replace a file");
    }

    /**
     * The target's name in its temporary name, or a hash of it when the name is so long that the temporary name
     * would pass the file system's limit of 255 bytes.
     */
    private static String tempStem(String name) {
        if (name.length() <= MAX_STEM / 4 || name.getBytes(StandardCharsets.UTF_8).length <= MAX_STEM) {
            return name;
        }
        return Integer.toHexString(name.hashCode());
    }

    /**
     * Removes the temporary files of a directory that no live writer can be using, and returns them. Only files
     * named as this class names its temporary files are looked at, and one is removed when
     * <ul>
     * <li>it was written on this host (its host part is this host's) by a process that is no longer running, or by
     * a process of the same id that started after the file was last written (the id was reused, as when a
     * container restarts and the service has process id 1 again), or</li>
     * <li>it was last written more than {@link #STALE_AFTER} ago, whichever host or process wrote it: for a file
     * of another host whose processes cannot be seen from here (several instances sharing one directory), and
     * for a name without a host part.</li>
     * </ul>
     * So another live instance's temporary file, here or on another host, is never removed while it is written
     * or renamed. Hosts are told apart by their names: instances on different hosts that share a directory must
     * have different host names. Subdirectories are not entered; a missing directory has none.
     */
    public static List<Path> removeStaleTemporaryFiles(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<Path> removed = new ArrayList<>();
        Instant now = Instant.now();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, TEMP_PREFIX + "*")) {
            for (Path file : files) {
                try {
                    if (stale(file, now) && Files.deleteIfExists(file)) {
                        removed.add(file);
                    }
                } catch (NoSuchFileException renamedMeanwhile) {
                    // its writer finished with it
                }
            }
        }
        return removed;
    }

    private static boolean stale(Path file, Instant now) throws IOException {
        Matcher name = TEMP_NAME.matcher(file.getFileName().toString());
        if (!name.matches() || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        Instant written = Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant();
        if (Duration.between(written, now).compareTo(STALE_AFTER) > 0) {
            return true;
        }
        if (!HOST.equals(name.group(1))) {
            return false;
        }
        long pid = Long.parseLong(name.group(2));
        if (pid == PID) {
            return written.isBefore(STARTED);
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            return true;
        }
        Optional<Instant> started = process.get().info().startInstant();
        return started.isPresent() && written.isBefore(started.get());
    }

    /** Eight hex digits of the host's name (and machine id, where there is one). */
    private static String hostToken() {
        String host = System.getenv("HOSTNAME");
        try {
            Path etc = Path.of("/etc/hostname");
            if (Files.isReadable(etc)) {
                host = Files.readString(etc).strip();
            }
            Path machine = Path.of("/etc/machine-id");
            if (Files.isReadable(machine)) {
                host = host + "/" + Files.readString(machine).strip();
            }
        } catch (IOException | RuntimeException e) {
            // the environment's name, or none
        }
        if (host == null || host.isBlank()) {
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                host = "unknown";
            }
        }
        return String.format("%08x", host.hashCode());
    }

    private Path target(String name) {
        if (name == null || name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0
                || name.indexOf('\\') >= 0 || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("not a plain file name: " + name);
        }
        return directory.resolve(name);
    }
}
