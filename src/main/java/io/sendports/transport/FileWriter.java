package io.sendports.transport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

import io.sendports.domain.FileMode;

/**
 * Writes one message body to one file of a directory (DESIGN.md §6), with as few system calls as the mode
 * allows:
 * <ul>
 * <li>{@code overwrite}: the body goes to a temporary file, renamed onto the target: rename(2) replaces it
 * atomically, so a reader sees the old file or the new one, never a part.</li>
 * <li>{@code create}: the same temporary file, hard-linked to the target name, which fails if the target
 * exists: no other write can slip in between a check and the link. Where the file system has no hard links,
 * the target is checked and the temporary file moved without replacing.</li>
 * <li>{@code append}: the body is appended to the target, created if missing. Appends to one file within
 * this process take turns, so each body stays in one piece.</li>
 * </ul>
 * The temporary file is {@code .sendports-<name>.<process>-<thread>} (a hash for a very long name): writes of
 * the same name from several threads or instances never share one. A crash between write and rename can leave
 * one behind, never a partly written target. The directory is created when a write finds it missing. Nothing
 * is synced to disk, as with Camel's file producer: a delivery is done when the file system took it.
 */
public final class FileWriter {
    public static final String TEMP_PREFIX = ".sendports-";
    private static final String PROCESS = Long.toString(ProcessHandle.current().pid());
    /** The most bytes of the target's name kept in a temporary name: with the rest, it stays under 255. */
    private static final int MAX_STEM = 200;
    /**
     * Appends to one file take turns (by a lock of the file's stripe), whichever port or thread makes them: a
     * body longer than one write call must not be interleaved with another's.
     */
    private static final Object[] APPENDS = new Object[64];

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
            if (Files.isDirectory(directory)) {
                throw e;
            }
            Files.createDirectories(directory);
            return write(target, body);
        }
    }

    private Path write(Path target, byte[] body) throws IOException {
        if (mode == FileMode.APPEND) {
            synchronized (APPENDS[Math.floorMod(target.hashCode(), APPENDS.length)]) {
                Files.write(target, body, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                        StandardOpenOption.WRITE);
            }
            return target;
        }
        Path temp = directory.resolve(TEMP_PREFIX + tempStem(target.getFileName().toString()) + "." + PROCESS + "-"
                + Thread.currentThread().getId());
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

    private Path target(String name) {
        if (name == null || name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0
                || name.indexOf('\\') >= 0 || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("not a plain file name: " + name);
        }
        return directory.resolve(name);
    }
}
