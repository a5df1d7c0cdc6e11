package io.sendports.domain;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The directories a {@code ${file:...}} secret reference may read from ({@code sendports.secrets.allowed-paths},
 * DESIGN.md §7). Built from the configuration outside the domain and passed in, like {@link ReservedTopics}.
 *
 * <p>Invariants: every directory is absolute and normalized; {@link #NONE} allows no file at all. This class
 * compares paths as written; whoever reads a file must also compare real paths, so that a link cannot lead
 * out.
 */
public final class SecretPaths {
    /** The configuration key, named in refusals so that an operator knows what to change. */
    public static final String SETTING = "sendports.secrets.allowed-paths";

    /** No directory allowed: only {@code ${env:...}} references resolve. */
    public static final SecretPaths NONE = new SecretPaths(List.of());

    private final List<Path> directories;

    private SecretPaths(List<Path> directories) {
        this.directories = directories;
    }

    /** @throws IllegalArgumentException when a directory is not absolute */
    public static SecretPaths of(List<Path> directories) {
        for (Path directory : directories) {
            if (!directory.isAbsolute()) {
                throw new IllegalArgumentException(SETTING + " takes absolute directories, not " + directory);
            }
        }
        return new SecretPaths(directories.stream().map(Path::normalize).distinct().toList());
    }

    public List<Path> directories() {
        return directories;
    }

    /** Whether a file lies below one of the directories, as written. */
    public boolean allows(Path file) {
        Path normalized = file.normalize();
        return directories.stream().anyMatch(directory -> normalized.startsWith(directory) && !normalized.equals(directory));
    }

    /** Why {@code reference} may not be read, as written; null when it may (and always for the environment). */
    public String refusal(SecretReference reference) {
        if (reference.kind() != SecretReference.Kind.FILE || allows(reference.file())) {
            return null;
        }
        if (directories.isEmpty()) {
            return "file " + reference.file() + " cannot be read: no directory is allowed (" + SETTING + " is not set)";
        }
        return "file " + reference.file() + " is not under a directory of " + SETTING + " ("
                + directories.stream().map(Path::toString).collect(Collectors.joining(", ")) + ")";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SecretPaths that && that.directories.equals(directories);
    }

    @Override
    public int hashCode() {
        return directories.hashCode();
    }

    @Override
    public String toString() {
        return directories.toString();
    }
}
