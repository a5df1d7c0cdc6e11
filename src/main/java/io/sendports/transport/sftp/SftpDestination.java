package io.sendports.transport.sftp;

import java.util.LinkedHashMap;
import java.util.Map;

import io.sendports.domain.Destination;
import io.sendports.domain.SecretReference;
import io.sendports.transport.file.FileMode;
import io.sendports.transport.file.FileNamePattern;

/**
 * A directory on an SFTP server, the file transport's file-name pattern and write mode, and the credentials of a
 * static destination. A destination a dynamic port resolved from a message has none ({@code credentials} null):
 * the operator configures them per host ({@link SftpHosts}), since a message must never carry them.
 */
public record SftpDestination(SftpAddress target, FileNamePattern fileName, FileMode mode, SftpCredentials credentials)
        implements Destination {
    public static final String TYPE = "sftp";
    public static final FileMode DEFAULT_MODE = FileMode.OVERWRITE;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String address() {
        return target.text();
    }

    /** The options as written, references as references: a resolved value is never part of a destination. */
    @Override
    public Map<String, Object> options() {
        Map<String, Object> options = new LinkedHashMap<>();
        if (credentials != null) {
            options.put("username", credentials.username());
            credentials.references().forEach((name, reference) -> options.put(name, reference.toString()));
        }
        options.put("fileName", fileName.pattern());
        options.put("mode", mode.json());
        return options;
    }

    @Override
    public Map<String, SecretReference> secretReferences() {
        Map<String, SecretReference> references = new LinkedHashMap<>();
        if (credentials != null) {
            credentials.references().forEach((name, reference) -> references.put("options." + name, reference));
        }
        return references;
    }
}
