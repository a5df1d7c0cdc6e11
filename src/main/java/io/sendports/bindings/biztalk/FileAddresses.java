package io.sendports.bindings.biztalk;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * BizTalk FILE (and SFTP) locations in Sendports' form. A FILE address is a Windows path ending in the file name
 * ({@code C:\Out\%MessageID%.xml}); Sendports wants a {@code file:///directory} and a {@code fileName} pattern. The
 * directory rule (docs/biztalk-mapping.md): a drive path {@code C:\a\b} becomes {@code /mnt/c/a/b}, a share
 * {@code \\server\share\a} becomes {@code /mnt/server/share/a}, an absolute POSIX path stays; anything else
 * (relative, a {@code $(…)} placeholder for the whole address) has no directory.
 *
 * <p>File-name macros: Sendports has {@code %MessageID%}, {@code %datetime%} and {@code %SourceFileName%}, which are
 * kept. BizTalk's other time macros ({@code %datetime_bts2000%}, {@code %datetime.tz%}, {@code %time%},
 * {@code %time.tz%}) become {@code %datetime%}, and every other macro (the party macros) {@code %MessageID%}, so a
 * name stays unique per message; each change is reported.
 */
final class FileAddresses {
    private static final Pattern DRIVE = Pattern.compile("([A-Za-z]):[\\\\/](.*)");
    private static final Pattern SHARE = Pattern.compile("[\\\\/]{2}([^\\\\/]+)[\\\\/](.*)");
    private static final Pattern MACRO = Pattern.compile("%([A-Za-z0-9_.]+)%");
    private static final List<String> KEPT = List.of("MessageID", "datetime", "SourceFileName");
    private static final List<String> TIMES = List.of("datetime_bts2000", "datetime.tz", "time", "time.tz");

    private FileAddresses() {
    }

    /** A location split into its directory (a POSIX path) and its last segment, the file name. */
    record Location(String directory, String fileName) {
    }

    /** The directory and file name of a FILE address, or empty when it names no absolute directory. */
    static Optional<Location> split(String windowsPath) {
        String path = windowsPath.strip();
        String posix;
        Matcher drive = DRIVE.matcher(path);
        Matcher share = SHARE.matcher(path);
        if (drive.matches()) {
            posix = "/mnt/" + drive.group(1).toLowerCase(Locale.ROOT) + "/" + drive.group(2);
        } else if (share.matches()) {
            posix = "/mnt/" + share.group(1) + "/" + share.group(2);
        } else if (path.startsWith("/")) {
            posix = path;
        } else {
            return Optional.empty();
        }
        posix = posix.replace('\\', '/').replaceAll("/{2,}", "/");
        int last = posix.lastIndexOf('/');
        String directory = posix.substring(0, last);
        String fileName = posix.substring(last + 1);
        if (directory.isEmpty() || directory.equals("/mnt")) {
            return Optional.empty();
        }
        return Optional.of(new Location(directory, fileName));
    }

    /** {@code file:///directory}, with spaces and other characters a URI cannot hold escaped. */
    static Optional<String> fileUri(String directory) {
        try {
            return Optional.of(new URI("file", "", directory, null).toString());
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** A file-name pattern with only the macros Sendports knows, each change reported. */
    static String fileName(String pattern, String element, Report.Entity report) {
        Matcher matcher = MACRO.matcher(pattern);
        StringBuilder name = new StringBuilder();
        while (matcher.find()) {
            String macro = matcher.group(1);
            String replacement;
            if (KEPT.contains(macro)) {
                replacement = matcher.group();
            } else if (TIMES.contains(macro)) {
                replacement = "%datetime%";
                report.add(element, matcher.group(), "Sendports has no " + matcher.group() + "; it is %datetime%"
                        + " (UTC, yyyy-MM-ddTHHmmss)");
            } else {
                replacement = "%MessageID%";
                report.add(element, matcher.group(), "Sendports has no " + matcher.group() + " (no parties);"
                        + " it is %MessageID%");
            }
            matcher.appendReplacement(name, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(name);
        return name.isEmpty() ? "%MessageID%" : name.toString();
    }
}
