package io.sendports.transport.file;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.jboss.logging.Logger;

import io.sendports.domain.Destination;
import io.sendports.domain.DestinationPattern;
import io.sendports.domain.DestinationRefused;
import io.sendports.domain.Options;
import io.sendports.domain.Problems;
import io.sendports.domain.Transports;
import io.sendports.transport.DeliveryContext;
import io.sendports.transport.DeliveryShape;
import io.sendports.transport.OutboundPreparer;
import io.sendports.transport.Transport;

/**
 * The file transport: each message a file in a local directory, named by a pattern with BizTalk's macros, written
 * to a temporary name and renamed ({@link FileWriter}), in create, overwrite or append mode. A file that exists in
 * create mode is not retried. A dynamic port's directory must lie inside an allowed directory both as written and,
 * just before the write, with symbolic links resolved.
 */
public final class FileTransport implements Transport {
    private static final Logger LOG = Logger.getLogger(FileTransport.class);
    private static final Set<String> OPTIONS = Set.of("fileName", "mode");

    @Override
    public String type() {
        return FileDestination.TYPE;
    }

    @Override
    public Set<String> schemes() {
        return Set.of("file");
    }

    @Override
    public String patternForm() {
        return "file:///directory";
    }

    @Override
    public Set<String> options() {
        return OPTIONS;
    }

    @Override
    public FileDestination parse(String address, Map<String, Object> options, String field, Problems problems) {
        // the file name pattern has its own limit (FileNamePattern.error)
        if (!Options.strings(options, OPTIONS, Set.of("fileName"), field, problems)) {
            return null;
        }
        Path directory = directory(address, field + ".address", problems);
        String fileName = Options.text(options.get("fileName"), FileNamePattern.DEFAULT);
        String patternError = FileNamePattern.error(fileName);
        if (patternError != null) {
            problems.add(field + ".options.fileName", patternError);
        }
        String rawMode = Options.text(options.get("mode"), FileDestination.DEFAULT_MODE.json());
        FileMode mode = FileMode.parse(rawMode).orElse(null);
        if (mode == null) {
            problems.add(field + ".options.mode", "must be one of create, overwrite, append");
        }
        if (directory == null || patternError != null || mode == null) {
            return null;
        }
        return new FileDestination(directory, FileNamePattern.of(fileName), mode);
    }

    /** The absolute, normalized directory of a {@code file:///dir} address, or null. */
    static Path directory(String address, String field, Problems problems) {
        URI uri = Transports.uri(address, field, problems);
        if (uri == null) {
            return null;
        }
        if (!"file".equalsIgnoreCase(uri.getScheme())) {
            problems.add(field, "must be a file:///absolute/directory URI for the file transport");
            return null;
        }
        if (uri.getRawAuthority() != null && !uri.getRawAuthority().equalsIgnoreCase("localhost")) {
            problems.add(field, "must be a local directory (file:///path); remote hosts are not supported");
            return null;
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            problems.add(field, "must not have a query or fragment");
            return null;
        }
        String path = uri.getPath();
        if (path == null || !path.startsWith("/")) {
            problems.add(field, "must be an absolute path (file:///path)");
            return null;
        }
        for (String segment : path.split("/")) {
            if (segment.equals("..") || segment.equals(".")) {
                problems.add(field, "must not contain . or .. segments");
                return null;
            }
        }
        Path directory;
        try {
            directory = Path.of(path).normalize();
        } catch (InvalidPathException e) {
            problems.add(field, "is not a valid path: " + e.getReason());
            return null;
        }
        if (directory.getParent() == null) {
            problems.add(field, "must not be the root directory");
            return null;
        }
        return directory;
    }

    /** A bare absolute directory, when the message says {@code sendports.transport: file}: taken literally. */
    @Override
    public String qualify(String address) {
        if (!address.startsWith("/")) {
            return address;
        }
        try {
            // a path, not a URI: a % in it is a character, not an escape
            return new URI("file", null, address, null).toString();
        } catch (URISyntaxException e) {
            throw new DestinationRefused("is not a valid path: " + e.getReason());
        }
    }

    /** API.md: the sanitized {@code sendports.file-name} header when present, otherwise {@code %MessageID%}. */
    @Override
    public FileDestination resolve(String address) {
        URI uri;
        try {
            uri = new URI(address);
        } catch (URISyntaxException e) {
            throw new DestinationRefused("is not a valid URI: " + e.getReason());
        }
        String rawPath = Objects.requireNonNullElse(uri.getRawPath(), "").toLowerCase(Locale.ROOT);
        if (rawPath.contains("%2f") || rawPath.contains("%5c")) {
            throw new DestinationRefused("encodes a slash or backslash in the path (%2F, %5C)");
        }
        if (uri.getPath() != null && uri.getPath().chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new DestinationRefused("has a control character in the path");
        }
        Problems problems = new Problems();
        Path directory = directory(address, "sendports.address", problems);
        if (directory == null) {
            throw new DestinationRefused(problems.errors().get(0).message());
        }
        return new FileDestination(directory, FileNamePattern.of("%SourceFileName%"), FileDestination.DEFAULT_MODE);
    }

    @Override
    public DestinationPattern pattern(String text) {
        return FilePattern.parse(text);
    }

    @Override
    public String refusal(Destination destination, List<DestinationPattern> patterns) {
        Path directory = ((FileDestination) destination).directory();
        String shown = DestinationRefused.shown(directory.toString());
        if (!directory.isAbsolute()) {
            return "directory " + shown + " is not absolute";
        }
        for (Path name : directory) {
            if (name.toString().equals("..") || name.toString().equals(".")) {
                return "directory " + shown + " must not contain . or .. segments";
            }
        }
        if (patterns.isEmpty()) {
            return "directory " + shown + " is refused: the port allows no file destinations";
        }
        if (patterns.stream().anyMatch(pattern -> ((FilePattern) pattern).matches(directory))) {
            return null;
        }
        return "directory " + shown + " is not inside an allowed directory";
    }

    /**
     * Whether the directory, with symbolic links resolved, still lies inside an allowed directory: a link may have
     * appeared after the message was resolved. It narrows that race but cannot close it, so the writer does not
     * follow links it creates through. The directory must first be allowed as written; then the real path of its
     * longest existing ancestor (the part not yet created cannot be a link) must lie inside the real path of an
     * allowed directory, whose own links (such as /var to /private/var) are resolved the same way.
     */
    @Override
    public String refusalAtDelivery(Destination destination, List<DestinationPattern> patterns) {
        String lexical = refusal(destination, patterns);
        if (lexical != null) {
            return lexical;
        }
        Path directory = ((FileDestination) destination).directory();
        Path real;
        try {
            real = realPath(directory);
        } catch (IOException e) {
            return "directory " + DestinationRefused.shown(directory.toString()) + " cannot be resolved: " + e;
        }
        for (DestinationPattern pattern : patterns) {
            FilePattern file = (FilePattern) pattern;
            Path base;
            try {
                base = realPath(file.base());
            } catch (IOException e) {
                continue;
            }
            if (real.startsWith(base) && file.matchesBelowBase(base.relativize(real))) {
                return null;
            }
        }
        return "directory " + DestinationRefused.shown(directory.toString()) + " resolves through a symbolic link to "
                + DestinationRefused.shown(real.toString()) + ", outside every allowed directory";
    }

    private static Path realPath(Path path) throws IOException {
        Path absolute = path.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        // a dangling link throws here, which refuses it
        return existing.toRealPath().resolve(existing.relativize(absolute));
    }

    /**
     * The directory is escaped so that no character of it can end the path or set an option
     * ({@link FileWriterComponent#uriPath}); the file name travels in the message.
     */
    @Override
    public String endpointUri(Destination destination, EndpointUse use) {
        FileDestination file = (FileDestination) destination;
        return FileWriterComponent.SCHEME + ":" + FileWriterComponent.uriPath(file.directory()) + "?mode="
                + file.mode().json();
    }

    @Override
    public OutboundPreparer preparer(Destination destination, DeliveryContext context, boolean dynamic) {
        return new FilePreparer((FileDestination) destination, context.clock());
    }

    /**
     * Appends are written one after the other, consecutive messages to the same file in one write. An ordered port
     * writes message after message (a batch would write the files after a failed one); an unordered one several
     * files per exchange.
     */
    @Override
    public DeliveryShape shape(Destination destination, boolean ordered) {
        if (((FileDestination) destination).mode() == FileMode.APPEND) {
            return new DeliveryShape(DeliveryShape.Batching.APPEND, true);
        }
        return new DeliveryShape(ordered ? DeliveryShape.Batching.NONE : DeliveryShape.Batching.FILES, true);
    }

    /** A file that exists in {@code create} mode stays there: no retry can cure it. */
    @Override
    public Optional<Boolean> retryable(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof FileAlreadyExistsException) {
                return Optional.of(false);
            }
        }
        return Optional.empty();
    }

    /**
     * Removes the temporary files that a crash left in the port's directories ({@link FileWriter}: only those no
     * live writer, of this or another instance, can be using): its file destination's and file backup's, and for
     * a dynamic port those its allow-list names without a wildcard: the directories below a wildcard are not known
     * before messages name them.
     */
    @Override
    public void beforeStart(String port, List<Destination> destinations, List<DestinationPattern> patterns) {
        List<Path> directories = new ArrayList<>();
        destinations.forEach(destination -> directories.add(((FileDestination) destination).directory()));
        for (DestinationPattern pattern : patterns) {
            FilePattern file = (FilePattern) pattern;
            if (file.belowBase().isEmpty()) {
                directories.add(file.base());
            }
        }
        for (Path directory : directories) {
            try {
                List<Path> removed = FileWriter.removeStaleTemporaryFiles(directory);
                if (!removed.isEmpty()) {
                    LOG.infof("Port %s: removed %d temporary file(s) left in %s by a write that never finished: %s",
                            port, removed.size(), directory, removed.stream().map(p -> p.getFileName().toString())
                                    .toList());
                }
            } catch (IOException | RuntimeException e) {
                LOG.warnf("Port %s: could not look for stale temporary files in %s: %s", port, directory,
                        e.toString());
            }
        }
    }
}
