package io.sendports.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sendports.domain.Problems;
import io.sendports.domain.SecretPaths;
import io.sendports.domain.SecretReference;

/**
 * DESIGN.md §7: references resolve at delivery time, from the environment and from files under the allowed
 * directories only (real paths compared, so a link cannot lead out), a changed file is seen on the next
 * resolution, and a reference that cannot be resolved is refused with a reason that names the reference and
 * never a value.
 */
class SecretsTest {
    private static final String VALUE = "Zq-s3cr3t-value-17";

    @TempDir
    Path temp;

    private Path allowed;
    private Path outside;
    private final Map<String, String> environment = new HashMap<>();
    private Secrets secrets;

    @BeforeEach
    void setUp() throws IOException {
        allowed = Files.createDirectory(temp.resolve("allowed"));
        outside = Files.createDirectory(temp.resolve("outside"));
        secrets = new Secrets(SecretPaths.of(List.of(allowed)), environment::get);
    }

    private static SecretReference reference(String text) {
        Problems problems = new Problems();
        SecretReference reference = SecretReference.parse(text, "password", problems);
        assertTrue(problems.isEmpty(), () -> problems.errors().toString());
        return reference;
    }

    private static SecretReference file(Path path) {
        return reference("${file:" + path + "}");
    }

    private static SecretReference key(Path path, String key) {
        return reference("${file:" + path + ":" + key + "}");
    }

    /** The refusal of {@code reference}, after checking that it names the reference and shows no value. */
    private SecretUnavailable refused(SecretReference reference, SecretUnavailable.Reason reason, String... values) {
        SecretUnavailable refusal = assertThrows(SecretUnavailable.class, () -> secrets.resolve(reference));
        assertEquals(reason, refusal.reason(), refusal::getMessage);
        assertEquals(reference, refusal.reference());
        assertTrue(refusal.getMessage().contains(reference.toString()), refusal::getMessage);
        for (String value : values) {
            assertFalse(refusal.getMessage().contains(value), refusal::getMessage);
        }
        assertFalse(refusal.getMessage().contains(VALUE), refusal::getMessage);
        return refusal;
    }

    private static void write(Path file, String content) throws IOException {
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    // --- the environment ---

    @Test
    void anEnvironmentVariableIsReadThroughTheSeam() {
        environment.put("ERP_PASSWORD", VALUE);
        assertEquals(VALUE, secrets.resolve(reference("${env:ERP_PASSWORD}")));
    }

    @Test
    void aMissingVariableIsNamedAndNotWorthARetry() {
        environment.put("OTHER", VALUE);
        SecretUnavailable refusal = refused(reference("${env:ERP_PASSWORD}"), SecretUnavailable.Reason.MISSING_VARIABLE);
        assertTrue(refusal.getMessage().contains("ERP_PASSWORD is not set"), refusal::getMessage);
        // the environment of a running process does not change
        assertFalse(refusal.retryable());
    }

    @Test
    void aVariableIsUsedAsSetWithoutTrimming() {
        environment.put("ERP_PASSWORD", " " + VALUE + " ");
        assertEquals(" " + VALUE + " ", secrets.resolve(reference("${env:ERP_PASSWORD}")));
    }

    @Test
    void anEmptyVariableIsRefused() {
        environment.put("ERP_PASSWORD", "  ");
        SecretUnavailable refusal = refused(reference("${env:ERP_PASSWORD}"), SecretUnavailable.Reason.EMPTY);
        assertFalse(refusal.retryable());
    }

    @Test
    void theRealEnvironmentIsTheDefault() {
        // PATH is set in every environment the build runs in
        assertEquals(System.getenv("PATH"), new Secrets(SecretPaths.NONE).resolve(reference("${env:PATH}")));
    }

    // --- files ---

    @Test
    void aFileIsReadWholeAndTrimmed() throws IOException {
        Path token = allowed.resolve("erp-token");
        write(token, "  " + VALUE + "\n\n");
        assertEquals(VALUE, secrets.resolve(file(token)));
    }

    @Test
    void aMultiLineFileKeepsItsInnerLines() throws IOException {
        Path knownHosts = allowed.resolve("known_hosts");
        write(knownHosts, "a ssh-ed25519 AAAA1\nb ssh-ed25519 AAAA2\n");
        assertEquals("a ssh-ed25519 AAAA1\nb ssh-ed25519 AAAA2", secrets.resolve(file(knownHosts)));
    }

    @Test
    void aKeyOfAPropertiesFile() throws IOException {
        Path properties = allowed.resolve("erp.properties");
        write(properties, "# erp\ndb.user=erp\ndb.password = " + VALUE + "  \nunicode=pässwörd\n");
        assertEquals(VALUE, secrets.resolve(key(properties, "db.password")));
        assertEquals("erp", secrets.resolve(key(properties, "db.user")));
        assertEquals("pässwörd", secrets.resolve(key(properties, "unicode")));
    }

    @Test
    void aRewrittenFileIsSeenOnTheNextResolution() throws IOException {
        Path token = allowed.resolve("erp-token");
        write(token, "first-value");
        assertEquals("first-value", secrets.resolve(file(token)));
        write(token, "second-value");
        assertEquals("second-value", secrets.resolve(file(token)));
        Path properties = allowed.resolve("erp.properties");
        write(properties, "pw=first-value");
        assertEquals("first-value", secrets.resolve(key(properties, "pw")));
        write(properties, "pw=second-value");
        assertEquals("second-value", secrets.resolve(key(properties, "pw")));
    }

    @Test
    void aKubernetesStyleRotationThroughLinksInsideTheDirectoryIsFollowed() throws IOException {
        // a mounted Secret: token -> ..data/token, ..data -> ..v1; rotation points ..data at ..v2
        Path v1 = Files.createDirectory(allowed.resolve("..v1"));
        Path v2 = Files.createDirectory(allowed.resolve("..v2"));
        write(v1.resolve("token"), "first-value");
        write(v2.resolve("token"), "second-value");
        Path data = Files.createSymbolicLink(allowed.resolve("..data"), v1.getFileName());
        Path token = Files.createSymbolicLink(allowed.resolve("token"), Path.of("..data", "token"));
        assertEquals("first-value", secrets.resolve(file(token)));
        Path next = Files.createSymbolicLink(allowed.resolve("..data_tmp"), v2.getFileName());
        Files.move(next, data, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        assertEquals("second-value", secrets.resolve(file(token)));
    }

    @Test
    void anAllowedDirectoryReachedThroughALinkIsAllowed() throws IOException {
        // as /var is a link to /private/var on macOS
        Path alias = Files.createSymbolicLink(temp.resolve("alias"), allowed);
        write(allowed.resolve("erp-token"), VALUE);
        Secrets throughAlias = new Secrets(SecretPaths.of(List.of(alias)), environment::get);
        assertEquals(VALUE, throughAlias.resolve(file(alias.resolve("erp-token"))));
    }

    // --- refusals ---

    @Test
    void aFileOutsideTheAllowedDirectoriesIsRefused() throws IOException {
        Path shadow = outside.resolve("shadow");
        write(shadow, VALUE);
        SecretUnavailable refusal = refused(file(shadow), SecretUnavailable.Reason.NOT_ALLOWED);
        assertTrue(refusal.getMessage().contains("sendports.secrets.allowed-paths"), refusal::getMessage);
        assertFalse(refusal.retryable());
        Secrets none = new Secrets(SecretPaths.NONE, environment::get);
        SecretUnavailable noDirectory = assertThrows(SecretUnavailable.class, () -> none.resolve(file(shadow)));
        assertEquals(SecretUnavailable.Reason.NOT_ALLOWED, noDirectory.reason());
        assertFalse(noDirectory.getMessage().contains(VALUE));
    }

    @Test
    void aLinkInsideAnAllowedDirectoryThatLeadsOutIsRefused() throws IOException {
        Path shadow = outside.resolve("shadow");
        write(shadow, VALUE);
        Path link = Files.createSymbolicLink(allowed.resolve("innocent"), shadow);
        SecretUnavailable refusal = refused(file(link), SecretUnavailable.Reason.NOT_ALLOWED);
        assertTrue(refusal.getMessage().contains("symbolic link"), refusal::getMessage);
        refused(key(link, "anything"), SecretUnavailable.Reason.NOT_ALLOWED);
    }

    @Test
    void aLinkedDirectoryInsideThatLeadsOutIsRefused() throws IOException {
        write(outside.resolve("shadow"), VALUE);
        Path linkedDirectory = Files.createSymbolicLink(allowed.resolve("sub"), outside);
        refused(file(linkedDirectory.resolve("shadow")), SecretUnavailable.Reason.NOT_ALLOWED);
    }

    @Test
    void aMissingFileIsNamedAndWorthARetry() {
        SecretUnavailable refusal = refused(file(allowed.resolve("not-yet")), SecretUnavailable.Reason.MISSING_FILE);
        assertTrue(refusal.getMessage().contains("does not exist"), refusal::getMessage);
        // a secret file may appear (a mount, a rotation)
        assertTrue(refusal.retryable());
    }

    @Test
    void aDanglingLinkIsAMissingFile() throws IOException {
        Path link = Files.createSymbolicLink(allowed.resolve("dangling"), allowed.resolve("gone"));
        refused(file(link), SecretUnavailable.Reason.MISSING_FILE);
    }

    @Test
    void aMissingKeyIsNamedWithoutTheOtherValues() throws IOException {
        Path properties = allowed.resolve("erp.properties");
        write(properties, "db.user=" + VALUE + "\n");
        SecretUnavailable refusal = refused(key(properties, "db.password"), SecretUnavailable.Reason.MISSING_KEY);
        assertTrue(refusal.getMessage().contains("key db.password"), refusal::getMessage);
        assertTrue(refusal.retryable());
    }

    @Test
    void anEmptyFileIsRefused() throws IOException {
        Path token = allowed.resolve("erp-token");
        write(token, " \n");
        SecretUnavailable refusal = refused(file(token), SecretUnavailable.Reason.EMPTY);
        // a file being written may be empty for a moment
        assertTrue(refusal.retryable());
        write(token, "pw=\n");
        refused(key(token, "pw"), SecretUnavailable.Reason.EMPTY);
    }

    @Test
    void aDirectoryIsNotASecretFile() throws IOException {
        Path directory = Files.createDirectory(allowed.resolve("dir"));
        refused(file(directory), SecretUnavailable.Reason.UNREADABLE);
    }

    @Test
    void aFileLargerThanTheLimitIsRefusedUnread() throws IOException {
        Path big = allowed.resolve("big");
        write(big, VALUE + "x".repeat(Secrets.MAX_FILE_BYTES));
        SecretUnavailable refusal = refused(file(big), SecretUnavailable.Reason.UNREADABLE);
        assertTrue(refusal.getMessage().contains("larger than"), refusal::getMessage);
    }

    @Test
    void aFileThatIsNotUtf8IsRefusedWithoutItsContent() throws IOException {
        Path binary = allowed.resolve("binary");
        Files.write(binary, new byte[] {'Z', 'q', (byte) 0xff, (byte) 0xfe, 'x'});
        refused(file(binary), SecretUnavailable.Reason.UNREADABLE, "Zq");
    }

    @Test
    void theRefusalCarriesNoStackTraceOrCause() throws IOException {
        SecretUnavailable refusal = refused(file(allowed.resolve("not-yet")), SecretUnavailable.Reason.MISSING_FILE);
        assertEquals(0, refusal.getStackTrace().length);
        assertEquals(null, refusal.getCause());
    }
}
