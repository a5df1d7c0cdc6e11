package io.sendports.transport.file;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.sendports.domain.DestinationPattern;
import io.sendports.domain.DestinationRefused;
import io.sendports.domain.Glob;
import io.sendports.domain.PathSegments;

/**
 * An allow-list pattern for file destinations: {@code file:///var/spool} allows that directory,
 * {@code file:///var/spool/*} each directory one level below it, {@code file:///var/spool/**} it and every
 * directory below it.
 *
 * <p>Invariants: {@code segments} are decoded directory names or globs, none empty or a dot segment,
 * {@code **} only as a whole segment, and the first is literal, so a pattern never allows the whole file
 * system. {@code base} is the directory named by the literal segments before the first wildcard.
 */
record FilePattern(String text, List<String> segments, Path base, List<String> belowBase)
        implements DestinationPattern {

    FilePattern {
        segments = List.copyOf(segments);
        belowBase = List.copyOf(belowBase);
    }

    /** @throws DestinationRefused when the text is not a valid pattern */
    static FilePattern parse(String text) {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new DestinationRefused("is not a valid URI: " + e.getReason());
        }
        if (uri.isOpaque() || uri.getRawPath() == null || !uri.getRawPath().startsWith("/")) {
            throw new DestinationRefused("must be an absolute file:///directory pattern");
        }
        if (uri.getRawAuthority() != null && !uri.getRawAuthority().equalsIgnoreCase("localhost")) {
            throw new DestinationRefused("must be a local directory (file:///path); remote hosts are not supported");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new DestinationRefused("must not have a query or fragment");
        }
        List<String> segments = PathSegments.pattern(uri.getRawPath());
        if (segments.isEmpty() || Glob.isWild(segments.get(0))) {
            throw new DestinationRefused("must start with a literal directory, as in file:///var/spool/**");
        }
        int firstWild = 0;
        while (firstWild < segments.size() && !Glob.isWild(segments.get(firstWild))) {
            firstWild++;
        }
        Path base = Path.of("/", segments.subList(0, firstWild).toArray(String[]::new));
        return new FilePattern(text, segments, base, segments.subList(firstWild, segments.size()));
    }

    /** Whether an absolute, normalized directory matches. */
    boolean matches(Path directory) {
        return Glob.matchesSegments(segments, names(directory));
    }

    /** Whether a directory lying below {@code base} (given relative to it) matches. */
    boolean matchesBelowBase(Path relative) {
        return Glob.matchesSegments(belowBase, names(relative));
    }

    /** The names of a path; none for the root and for the empty path. */
    static List<String> names(Path path) {
        List<String> names = new ArrayList<>();
        for (Path name : path) {
            if (!name.toString().isEmpty()) {
                names.add(name.toString());
            }
        }
        return names;
    }
}
