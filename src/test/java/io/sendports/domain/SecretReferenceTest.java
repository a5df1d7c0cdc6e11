package io.sendports.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * API.md "Secret references" and DESIGN.md §7: the three forms parse, everything else in a credential field is
 * a field error that says a reference is required, and no refusal repeats what was written (it may be a
 * password).
 */
class SecretReferenceTest {
    private static final String FIELD = "transport.options.auth.password";

    private static SecretReference accepted(String text) {
        Problems problems = new Problems();
        SecretReference reference = SecretReference.parse(text, FIELD, problems);
        assertTrue(problems.isEmpty(), () -> text + ": " + problems.errors());
        assertNotNull(reference, text);
        return reference;
    }

    /** The one field error for {@code text}, after checking that it names the field and repeats nothing written. */
    private static String refused(String text) {
        Problems problems = new Problems();
        assertNull(SecretReference.parse(text, FIELD, problems), text);
        assertEquals(1, problems.errors().size(), () -> text + ": " + problems.errors());
        FieldError error = problems.errors().get(0);
        assertEquals(FIELD, error.field());
        assertLiteralNotShown(text, error.message());
        return error.message();
    }

    /** The fixed syntax a refusal may show: the accepted forms. */
    private static final String FORMS = " ${env:NAME}, ${file:/path} or ${file:/path:key}";

    /**
     * No five characters in a row of what was written appear in the message, except those of the accepted
     * forms themselves. (The inputs below avoid words a message uses, such as "secret".)
     */
    private static void assertLiteralNotShown(String text, String message) {
        if (text == null) {
            return;
        }
        for (int i = 0; i + 5 <= text.length(); i++) {
            String piece = text.substring(i, i + 5);
            if (!FORMS.contains(piece)) {
                assertFalse(message.contains(piece), () -> "message '" + message + "' repeats '" + piece + "'");
            }
        }
    }

    // --- the three forms ---

    @Test
    void anEnvironmentVariable() {
        SecretReference reference = accepted("${env:ERP_PASSWORD}");
        assertEquals(SecretReference.Kind.ENV, reference.kind());
        assertEquals("ERP_PASSWORD", reference.variable());
        assertNull(reference.file());
        assertNull(reference.key());
        assertEquals("${env:ERP_PASSWORD}", reference.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"${env:_}", "${env:a}", "${env:_X9}", "${env:lower_case_1}"})
    void environmentNamesOfLettersDigitsAndUnderscores(String text) {
        assertEquals(text, accepted(text).toString());
    }

    @Test
    void aWholeFile() {
        SecretReference reference = accepted("${file:/run/secrets/erp-token}");
        assertEquals(SecretReference.Kind.FILE, reference.kind());
        assertEquals(Path.of("/run/secrets/erp-token"), reference.file());
        assertNull(reference.key());
        assertNull(reference.variable());
        assertEquals("${file:/run/secrets/erp-token}", reference.toString());
    }

    @Test
    void aKeyOfAPropertiesFile() {
        SecretReference reference = accepted("${file:/run/secrets/erp.properties:db.password}");
        assertEquals(SecretReference.Kind.FILE, reference.kind());
        assertEquals(Path.of("/run/secrets/erp.properties"), reference.file());
        assertEquals("db.password", reference.key());
        assertEquals("${file:/run/secrets/erp.properties:db.password}", reference.toString());
    }

    @Test
    void referencesAreValuesComparedAsWritten() {
        assertEquals(accepted("${env:A}"), accepted("${env:A}"));
        assertEquals(accepted("${env:A}").hashCode(), accepted("${env:A}").hashCode());
        assertNotEquals(accepted("${env:A}"), accepted("${env:B}"));
        assertNotEquals(accepted("${file:/a/b}"), accepted("${file:/a/b:k}"));
    }

    // --- refusals: a literal ---

    @ParameterizedTest
    @ValueSource(strings = {"hunter2", "s3cr3t-P4ssw0rd!", "Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig", "env:ERP_PASSWORD",
            "$env:ERP_PASSWORD", "{env:ERP_PASSWORD}", " ${env:ERP_PASSWORD}", "${env:ERP_PASSWORD} ",
            "${env:ERP_PASSWORD}tail", "prefix${env:ERP_PASSWORD}", "${env:A}${env:B}", "${env:A}}", "${env:ERP_PASSWORD"})
    void aLiteralIsRefusedWithTheAcceptedForms(String literal) {
        String message = refused(literal);
        assertTrue(message.contains("secret reference"), message);
        assertTrue(message.contains("${env:NAME}") && message.contains("${file:/path}")
                && message.contains("${file:/path:key}"), message);
    }

    @Test
    void nothingOrBlankIsRefused() {
        assertTrue(refused(null).contains("${env:NAME}"));
        assertTrue(refused("").contains("${env:NAME}"));
        assertTrue(refused("   ").contains("${env:NAME}"));
    }

    @Test
    void anUnknownProviderIsRefused() {
        String message = refused("${vault:kv/erp}");
        assertTrue(message.contains("${env:NAME}"), message);
        refused("${ENV:ERP_PASSWORD}");
        refused("${File:/vault/zq}");
        refused("${}");
    }

    // --- refusals: a reference that is not well formed ---

    @ParameterizedTest
    @ValueSource(strings = {"${env:}", "${env:9LIVES}", "${env:ERP-PASSWORD}", "${env:ERP PASSWORD}", "${env:ERP.PW}",
            "${env:PÄSSWORD}", "${env:A:B}"})
    void aBadVariableNameIsRefused(String text) {
        String message = refused(text);
        assertTrue(message.contains("variable"), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"${file:}", "${file:zq/rel}", "${file:./zq}", "${file:/vault/zq/../../etc/shadow}",
            "${file:/vault/./zq/x}", "${file:/vault/zq/..}", "${file:/vault//zq}", "${file:/vault/zq/}",
            "${file:/}", "${file:/vault/z\nq}", "${file:/vault/z\u0000q}", "${file:C:\\zq\\x}"})
    void aBadPathIsRefused(String text) {
        String message = refused(text);
        assertTrue(message.contains("absolute path"), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"${file:/vault/zq/a.ini:}", "${file:/vault/zq/a.ini: }",
            "${file:/vault/zq/a.ini:a b}", "${file:/vault/zq/a.ini:a=b}",
            "${file:/vault/zq/a.ini:a:b}", "${file:/vault/zq/a.ini:a{b}"})
    void aBadKeyIsRefused(String text) {
        String message = refused(text);
        assertTrue(message.contains("key"), message);
    }

    @Test
    void aTooLongReferenceIsRefusedWithoutBeingShown() {
        String text = "${file:/" + "s".repeat(SecretReference.MAX_LENGTH) + "}";
        assertTrue(refused(text).contains("at most " + SecretReference.MAX_LENGTH));
        String secretLooking = "x".repeat(SecretReference.MAX_LENGTH + 1);
        assertTrue(refused(secretLooking).contains("at most " + SecretReference.MAX_LENGTH));
    }

    // --- telling references apart from other text ---

    @Test
    void looksLikeAReferenceWhenItIsWrappedInDollarBraces() {
        assertTrue(SecretReference.looksLikeReference("${env:A}"));
        assertTrue(SecretReference.looksLikeReference("${vault:x}"));
        assertFalse(SecretReference.looksLikeReference("plain value"));
        assertFalse(SecretReference.looksLikeReference("costs ${price}"));
        assertFalse(SecretReference.looksLikeReference(null));
    }

    // --- allowed directories at definition time ---

    @Test
    void aFileUnderAnAllowedDirectoryIsAccepted() {
        SecretPaths allowed = SecretPaths.of(List.of(Path.of("/run/secrets"), Path.of("/etc/sendports/secrets")));
        Problems problems = new Problems();
        assertNotNull(SecretReference.parse("${file:/run/secrets/erp-token}", FIELD, allowed, problems));
        assertNotNull(SecretReference.parse("${file:/etc/sendports/secrets/deep/er/x.properties:k}", FIELD, allowed,
                problems));
        assertNotNull(SecretReference.parse("${env:ANY}", FIELD, SecretPaths.NONE, problems));
        assertTrue(problems.isEmpty(), () -> problems.errors().toString());
    }

    @Test
    void aFileOutsideTheAllowedDirectoriesIsAFieldError() {
        SecretPaths allowed = SecretPaths.of(List.of(Path.of("/run/secrets")));
        for (String text : List.of("${file:/etc/shadow}", "${file:/run/secrets}", "${file:/run/secrets-other/x}",
                "${file:/run/x:key}")) {
            Problems problems = new Problems();
            assertNull(SecretReference.parse(text, FIELD, allowed, problems), text);
            assertEquals(FIELD, problems.errors().get(0).field());
            String message = problems.errors().get(0).message();
            assertTrue(message.contains("sendports.secrets.allowed-paths") && message.contains("/run/secrets"),
                    message);
        }
    }

    @Test
    void withNoAllowedDirectoryNoFileIsAccepted() {
        Problems problems = new Problems();
        assertNull(SecretReference.parse("${file:/run/secrets/x}", FIELD, SecretPaths.NONE, problems));
        String message = problems.errors().get(0).message();
        assertTrue(message.contains("no directory is allowed") && message.contains("sendports.secrets.allowed-paths"),
                message);
        assertNull(SecretPaths.NONE.refusal(accepted("${env:X}")));
    }

    @Test
    void allowedDirectoriesMustBeAbsolute() {
        assertThrows(IllegalArgumentException.class, () -> SecretPaths.of(List.of(Path.of("secrets"))));
        assertEquals(List.of(Path.of("/run/secrets")), SecretPaths.of(List.of(Path.of("/run/./secrets/"))).directories());
    }
}
