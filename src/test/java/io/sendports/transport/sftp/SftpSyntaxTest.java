package io.sendports.transport.sftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.sendports.domain.AllowList;
import io.sendports.domain.DestinationRefused;
import io.sendports.domain.DynamicDestinations;
import io.sendports.domain.Problems;
import io.sendports.domain.SecretPaths;
import io.sendports.transport.TransportRegistry;

/** How sftp destinations are written, checked, written back, and matched against allow-lists. */
class SftpSyntaxTest {
    private final SftpTransport sftp = new SftpTransport();

    private static Map<String, Object> options(String... pairs) {
        Map<String, Object> options = new HashMap<>(Map.of("username", "u", "password", "${env:SFTP_PW}",
                "knownHosts", "${file:/run/secrets/known_hosts}"));
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] == null) {
                options.remove(pairs[i]);
            } else {
                options.put(pairs[i], pairs[i + 1]);
            }
        }
        return options;
    }

    @Test
    void aStaticDestinationWritesItselfBackWithItsReferencesAsWritten() {
        Problems problems = new Problems();
        SftpDestination destination = sftp.parse("SFTP://Files.Example:22/in/b%C3%A4r", options("mode", "create",
                "fileName", "%MessageID%.xml"), "transport", problems);
        assertTrue(problems.isEmpty(), problems.errors().toString());
        assertEquals("sftp://files.example/in/b%C3%A4r", destination.address());
        assertEquals("/in/bär", destination.target().directory());
        assertEquals(Map.of("username", "u", "password", "${env:SFTP_PW}", "knownHosts",
                "${file:/run/secrets/known_hosts}", "fileName", "%MessageID%.xml", "mode", "create"),
                destination.options());
        assertEquals(List.of("options.password", "options.knownHosts"),
                List.copyOf(destination.secretReferences().keySet()));
        String uri = sftp.endpointUri(destination, io.sendports.transport.Transport.EndpointUse.of(false, false));
        assertTrue(uri.startsWith("sendports-sftp:files.example:22/in/b~C3~A4r?mode=create&username=u"), uri);
        assertFalse(uri.contains("${") || uri.contains("%"), "nothing Camel would read as a placeholder: " + uri);
        assertEquals("sftp://files.example:2222/", sftp.parse("sftp://files.example:2222", options(), "t",
                new Problems()).address());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "password   | Hunter2-literal       | transport.options.password   | secret reference",
        "knownHosts | ssh-ed25519 AAAA      | transport.options.knownHosts | secret reference",
        "knownHosts |                       | transport.options.knownHosts | is required",
        "username   |                       | transport.options.username   | is required",
        "username   | ${env:USER}           | transport.options.username   | not a secret reference",
        "privateKey | ${file:/run/id}       | transport.options.privateKey | exactly one",
        "mode       | replace               | transport.options.mode       | create, overwrite, append",
        "fileName   | a/b                   | transport.options.fileName   | without a path",
    })
    void wrongOptionsAreFieldErrorsThatNeverRepeatALiteral(String option, String value, String field, String reason) {
        Problems problems = new Problems();
        assertNull(sftp.parse("sftp://files.example/in", options(option, value), "transport", problems));
        assertTrue(problems.errors().stream().anyMatch(e -> e.field().equals(field) && e.message().contains(reason)),
                problems.errors().toString());
        if (value != null && !value.startsWith("${")) {
            assertFalse(problems.errors().toString().contains(value), problems.errors().toString());
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "sftp://files.example:0/in       | 1 to 65535",
        "sftp://u:p@files.example/in     | user-info",
        "sftp://files.example/in?x=1     | query",
        "sftp://files.example/a/../b     | . or .. segments",
        "sftp://files.example/a%2fb      | encodes a slash",
        "sftp://files.example/a*         | wildcards",
        "sftp:files.example/in           | sftp://host",
        "file:///in                      | sftp://host[:port]/directory URI",
    })
    void wrongAddressesAreRefused(String address, String reason) {
        Problems problems = new Problems();
        assertNull(sftp.parse(address, options(), "transport", problems));
        assertEquals("transport.address", problems.errors().get(0).field());
        assertTrue(problems.errors().get(0).message().contains(reason), problems.errors().toString());
    }

    @Test
    void dynamicDestinationsMatchHostGlobsPortsAndDirectories() {
        Problems problems = new Problems();
        AllowList allowList = AllowList.parse(List.of("sftp://*.files.internal/inbound/**",
                "sftp://10.0.0.5:2222/drop"), "allowedDestinations", TransportRegistry.catalog(), problems);
        assertTrue(problems.isEmpty(), problems.errors().toString());
        for (String allowed : List.of("sftp://eu.files.internal/inbound", "sftp://eu.files.internal:22/inbound/x/y",
                "sftp://10.0.0.5:2222/drop")) {
            DynamicDestinations.Resolution resolution = DynamicDestinations.resolve(allowed, null, allowList);
            assertFalse(resolution.isRefused(), allowed + ": " + resolution.refusal());
            assertNull(((SftpDestination) resolution.destination()).credentials(), "never from the message");
        }
        for (String refused : List.of("sftp://files.internal/inbound", "sftp://eu.files.internal:2222/inbound",
                "sftp://eu.files.internal/outbound", "sftp://10.0.0.5/drop", "sftp://10.0.0.5:2222/drop/sub",
                "sftp://a.b.files.internal/inbound")) {
            assertTrue(DynamicDestinations.resolve(refused, null, allowList).isRefused(), refused);
        }
        assertTrue(DynamicDestinations.resolve("/inbound", "sftp", allowList).refusal().contains("not an absolute URI"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "sftp://*/**               | literal label",
        "sftp://files.*/**         | literal label",
        "sftp://10.0.*.1/**        | IP addresses exactly",
        "sftp://**.internal/       | ** in the host",
        "sftp://user@h.internal/   | user-info",
        "sftp://h.internal/a/../b  | . or .. segments",
    })
    void wrongPatternsAreRefused(String pattern, String reason) {
        DestinationRefused refused = assertThrows(DestinationRefused.class, () -> sftp.pattern(pattern));
        assertTrue(refused.reason().contains(reason), refused.reason());
    }

    @Test
    void operatorCredentialsAreReferencesUnderTheAllowedPaths() {
        SftpSettings settings = () -> Map.of("erp", host("files.example", "env:SFTP_PW", "file:/etc/known_hosts"));
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> SftpHosts.of(settings, SecretPaths.of(List.of(java.nio.file.Path.of("/run/secrets")))));
        assertTrue(wrong.getMessage().contains("sendports.transport.sftp.hosts.erp.known-hosts"), wrong.getMessage());
        SftpSettings literal = () -> Map.of("erp", host("files.example", "Hunter2", "file:/run/secrets/kh"));
        wrong = assertThrows(IllegalArgumentException.class,
                () -> SftpHosts.of(literal, SecretPaths.of(List.of(java.nio.file.Path.of("/run/secrets")))));
        assertTrue(wrong.getMessage().contains("hosts.erp.password") && !wrong.getMessage().contains("Hunter2"),
                wrong.getMessage());
        SftpHosts hosts = SftpHosts.of(() -> Map.of("erp", host("Files.Example", "env:SFTP_PW",
                "${file:/run/secrets/kh}")), SecretPaths.of(List.of(java.nio.file.Path.of("/run/secrets"))));
        SftpCredentials credentials = hosts.credentials(SftpAddress.parse("sftp://files.example/x")).orElseThrow();
        assertEquals("${env:SFTP_PW}", credentials.password().toString());
        assertEquals("${file:/run/secrets/kh}", credentials.knownHosts().toString());
        assertTrue(hosts.credentials(SftpAddress.parse("sftp://files.example:2222/x")).isEmpty());
    }

    private static SftpSettings.HostCredentials host(String host, String password, String knownHosts) {
        return new SftpSettings.HostCredentials() {
            @Override
            public String host() {
                return host;
            }

            @Override
            public int port() {
                return 22;
            }

            @Override
            public String username() {
                return "u";
            }

            @Override
            public java.util.Optional<String> password() {
                return java.util.Optional.of(password);
            }

            @Override
            public java.util.Optional<String> privateKey() {
                return java.util.Optional.empty();
            }

            @Override
            public String knownHosts() {
                return knownHosts;
            }
        };
    }
}
