package io.sendports.domain;

import java.nio.file.Path;

/** A directory on the local file system, a file-name pattern with BizTalk macros, and a write mode. */
public record FileDestination(Path directory, FileNamePattern fileName, FileMode mode) implements Destination {

    public static final FileMode DEFAULT_MODE = FileMode.OVERWRITE;

    @Override
    public TransportType type() {
        return TransportType.FILE;
    }

    @Override
    public String address() {
        String path = directory.toUri().getRawPath();
        return "file://" + (path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
    }
}
