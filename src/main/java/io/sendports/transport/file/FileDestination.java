package io.sendports.transport.file;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.sendports.domain.Destination;

/** A directory on the local file system, a file-name pattern with BizTalk macros, and a write mode. */
public record FileDestination(Path directory, FileNamePattern fileName, FileMode mode) implements Destination {
    public static final String TYPE = "file";
    public static final FileMode DEFAULT_MODE = FileMode.OVERWRITE;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String address() {
        String path = directory.toUri().getRawPath();
        return "file://" + (path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
    }

    @Override
    public Map<String, Object> options() {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("fileName", fileName.pattern());
        options.put("mode", mode.json());
        return options;
    }
}
