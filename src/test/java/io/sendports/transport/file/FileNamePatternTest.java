package io.sendports.transport.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** DESIGN.md §6 file macros and API.md's sendports.file-name sanitizing. */
class FileNamePatternTest {
    private static final String ID = "orders-0-42";
    private static final Instant TIME = Instant.parse("2024-03-05T07:08:09.123Z");

    private static String expand(String pattern, String source) {
        return FileNamePattern.of(pattern).expand(ID, TIME, source);
    }

    @Test
    void defaultIsTheMessageId() {
        assertEquals("%MessageID%", FileNamePattern.DEFAULT);
        assertEquals(ID, expand(FileNamePattern.DEFAULT, null));
        assertEquals(ID + ".xml", expand("%MessageID%.xml", "ignored.txt"));
    }

    @Test
    void messageIdIsStableAcrossExpansions() {
        FileNamePattern pattern = FileNamePattern.of("out-%MessageID%.json");
        assertEquals(pattern.expand(ID, TIME, null), pattern.expand(ID, TIME.plusSeconds(3600), null));
    }

    @Test
    void datetimeIsUtcWithoutColons() {
        assertEquals("2024-03-05T070809", expand("%datetime%", null));
        assertEquals("msg_2024-03-05T070809_" + ID + ".xml", expand("msg_%datetime%_%MessageID%.xml", null));
        // a time near midnight in UTC is not shifted by the local zone
        assertEquals("2023-12-31T235959",
                FileNamePattern.of("%datetime%").expand(ID, Instant.parse("2023-12-31T23:59:59Z"), null));
    }

    @Test
    void sourceFileName() {
        assertEquals("invoice.xml", expand("%SourceFileName%", "invoice.xml"));
        assertEquals("copy-of-invoice.xml", expand("copy-of-%SourceFileName%", "invoice.xml"));
    }

    @Test
    void sourceFileNameIsSanitized() {
        assertEquals("passwd", expand("%SourceFileName%", "../../etc/passwd"));
        assertEquals("passwd", expand("%SourceFileName%", "/etc/passwd"));
        assertEquals("win.ini", expand("%SourceFileName%", "..\\..\\Windows\\win.ini"));
        assertEquals("win.ini", expand("%SourceFileName%", "C:\\Windows/win.ini"));
        assertEquals("evilname.txt", expand("%SourceFileName%", "evil\nname\u0000.txt\r"));
        assertEquals("ab", expand("%SourceFileName%", "a\tb\u007f"));
        assertEquals("Cfile", expand("%SourceFileName%", "C:file"), "no drive or stream colons");
        String expanded = expand("%SourceFileName%", "../x/../../y");
        assertFalse(expanded.contains("/") || expanded.contains("\\") || expanded.contains(".."), expanded);
    }

    @Test
    void absentOrUnusableSourceFileNameFallsBackToTheMessageId() {
        assertEquals(ID, expand("%SourceFileName%", null));
        assertEquals(ID + ".bak", expand("%SourceFileName%.bak", null));
        assertEquals(ID, expand("%SourceFileName%", ""));
        assertEquals(ID, expand("%SourceFileName%", "dir/"));
        assertEquals(ID, expand("%SourceFileName%", ".."));
        assertEquals(ID, expand("%SourceFileName%", "a/.."));
        assertEquals(ID, expand("%SourceFileName%", "\u0001\u0002"));
    }

    @Test
    void aSourceFileNameIsNotExpandedAgain() {
        assertEquals("%MessageID%", expand("%SourceFileName%", "%MessageID%"));
    }

    @Test
    void sanitizeIsCapped() {
        String sanitized = FileNamePattern.sanitize("x".repeat(1000));
        assertEquals(255, sanitized.length());
        assertNull(FileNamePattern.sanitize(null));
        assertNull(FileNamePattern.sanitize("."));
    }

    @ParameterizedTest
    @ValueSource(strings = {"%MessageID%", "%datetime%", "%SourceFileName%", "plain.txt",
            "%MessageID%_%datetime%_%SourceFileName%.xml", "100%", "50% off", "%%"})
    void validPatterns(String pattern) {
        assertNull(FileNamePattern.error(pattern), pattern);
        assertEquals(pattern, FileNamePattern.of(pattern).pattern());
    }

    @ParameterizedTest
    @ValueSource(strings = {"%Unknown%", "%messageid%", "%MessageId%", "%DateTime%", "a_%foo%.xml",
            "%MessageID%-%bar%", "%datetime_bts2000%", "%Macro1%"})
    void unknownMacrosAreRejected(String pattern) {
        String error = FileNamePattern.error(pattern);
        assertNotNull(error, pattern);
        assertTrue(error.contains("unknown macro"), error);
        assertThrows(IllegalArgumentException.class, () -> FileNamePattern.of(pattern));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/b", "../x", "/abs", "sub\\file", "%MessageID%/x", ".", ".."})
    void pathsAreRejected(String pattern) {
        String error = FileNamePattern.error(pattern);
        assertNotNull(error, pattern);
        assertThrows(IllegalArgumentException.class, () -> FileNamePattern.of(pattern));
    }

    @Test
    void blankAndOverlongPatternsAreRejected() {
        assertNotNull(FileNamePattern.error(null));
        assertNotNull(FileNamePattern.error(""));
        assertNotNull(FileNamePattern.error("   "));
        assertNotNull(FileNamePattern.error("x".repeat(256)));
        assertNull(FileNamePattern.error("x".repeat(255)));
    }

    @Test
    void equality() {
        assertEquals(FileNamePattern.of("%MessageID%"), FileNamePattern.of("%MessageID%"));
        assertFalse(FileNamePattern.of("%MessageID%").equals(FileNamePattern.of("%datetime%")));
        assertEquals("%datetime%", FileNamePattern.of("%datetime%").toString());
    }
}
