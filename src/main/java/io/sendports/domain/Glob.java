package io.sendports.domain;

import java.util.List;

/**
 * Wildcards of allow-list patterns. {@code *} matches any run of characters inside one piece (a host
 * label, a path segment, a topic name); callers split on separators first, so it never crosses one.
 * {@code **}, as a whole segment, matches any number of path segments, none included.
 */
public final class Glob {
    public static final String ANY_SEGMENTS = "**";

    private Glob() {
    }

    public static boolean isWild(String piece) {
        return piece.indexOf('*') >= 0;
    }

    /** Whether {@code text} matches {@code glob}, where {@code *} stands for any run of characters. */
    public static boolean matches(String glob, String text) {
        int g = 0;
        int t = 0;
        int star = -1;
        int resume = 0;
        while (t < text.length()) {
            if (g < glob.length() && glob.charAt(g) == '*') {
                star = g++;
                resume = t;
            } else if (g < glob.length() && glob.charAt(g) == text.charAt(t)) {
                g++;
                t++;
            } else if (star >= 0) {
                g = star + 1;
                t = ++resume;
            } else {
                return false;
            }
        }
        while (g < glob.length() && glob.charAt(g) == '*') {
            g++;
        }
        return g == glob.length();
    }

    /** Whether the segments match the globs one for one, {@code **} taking any number of segments. */
    public static boolean matchesSegments(List<String> globs, List<String> segments) {
        return matchesFrom(globs, 0, segments, 0);
    }

    private static boolean matchesFrom(List<String> globs, int g, List<String> segments, int s) {
        if (g == globs.size()) {
            return s == segments.size();
        }
        if (globs.get(g).equals(ANY_SEGMENTS)) {
            for (int skip = s; skip <= segments.size(); skip++) {
                if (matchesFrom(globs, g + 1, segments, skip)) {
                    return true;
                }
            }
            return false;
        }
        return s < segments.size() && matches(globs.get(g), segments.get(s))
                && matchesFrom(globs, g + 1, segments, s + 1);
    }
}
