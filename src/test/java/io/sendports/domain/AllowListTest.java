package io.sendports.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.sendports.transport.TransportRegistry;
import io.sendports.transport.file.FileDestination;
import io.sendports.transport.file.FileMode;
import io.sendports.transport.file.FileNamePattern;
import io.sendports.transport.file.FileTransport;
import io.sendports.transport.http.HttpDestination;
import io.sendports.transport.kafka.KafkaDestination;

/** API.md's allowedDestinations: pattern rules, matching, and the real-path check of DESIGN.md §7. */
class AllowListTest {

    private static AllowList allowList(String... patterns) {
        return DynamicDestinationsTest.allowList(patterns);
    }

    private static HttpDestination http(String uri) {
        return new HttpDestination(URI.create(uri), "POST", HttpDestination.DEFAULT_TIMEOUT, null, null);
    }

    private static FileDestination file(Path directory) {
        return new FileDestination(directory, FileNamePattern.of(FileNamePattern.DEFAULT), FileMode.OVERWRITE);
    }

    private static String realPathRefusal(AllowList allowList, Path directory) {
        return new FileTransport().refusalAtDelivery(file(directory), allowList.patterns("file"));
    }

    private static boolean insideAllowedRealPath(AllowList allowList, Path directory) {
        return realPathRefusal(allowList, directory) == null;
    }

    // --- pattern rules ---

    @Test
    void validPatternsParse() {
        Problems problems = new Problems();
        List<String> patterns = List.of("http://*.internal:8081/**", "https://api-*.partner.example/v1/*/orders",
                "http://[fd00::5]/hooks", "http://169.254.169.254/latest/**", "file:///var/spool/**",
                "file://localhost/data/out-*", "kafka:orders-*", "kafka:*");
        AllowList allowList = AllowList.parse(patterns, "allowedDestinations", TransportRegistry.catalog(), problems);
        assertTrue(problems.isEmpty(), () -> problems.errors().toString());
        assertEquals(patterns, allowList.patterns());
    }

    @Test
    void anEmptyListIsRefused() {
        Problems problems = new Problems();
        assertNull(AllowList.parse(List.of(), "allowedDestinations", TransportRegistry.catalog(), problems));
        assertEquals("allowedDestinations", problems.errors().get(0).field());
        assertNull(AllowList.parse(null, "allowedDestinations", TransportRegistry.catalog(), new Problems()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ftp://files.internal/out            | must be an http(s)://host[:port]/path, file:///directory, kafka:topic",
        "exec:/bin/sh                         | must be an http(s)://host[:port]/path",
        "'   '                                | must not be blank",
        "http://*/**                          | must end the host with a literal label",
        "http://orders.*/**                   | must end the host with a literal label",
        "http://**.internal/                  | must not use ** in the host",
        "http://10.0.*.1/                     | must name IP addresses exactly",
        "http://0xA9FEA9FE/                   | non-standard form",
        "http://user@ok.internal/             | user-info",
        "http://ok%2einternal/                | percent-encoded host",
        "http://ok.internal/api?x=1           | must not have a query",
        "http://ok.internal/api#x             | must not have a query or fragment",
        "http://ok.internal:0/                | 1 to 65535",
        "http://ok.internal/a**/b             | ** only as a whole path segment",
        "http://ok.internal/api/../admin      | . or .. segments",
        "http://ok.internal/api/%2e%2e/admin  | dot segment",
        "http://ok.internal/a%2fb             | encodes a slash",
        "file:///**                           | must start with a literal directory",
        "file:///*/spool                      | must start with a literal directory",
        "file:///var/../etc                   | . or .. segments",
        "file://files.example/share           | remote hosts",
        "file:relative/dir                    | absolute",
        "kafka:__*                            | Kafka-internal",
        "kafka:orders?brokers=evil:9092       | legal Kafka topic name",
        "kafka:                               | is required",
    })
    void invalidPatternsAreFieldErrors(String pattern, String message) {
        Problems problems = new Problems();
        List<String> patterns = Arrays.asList("kafka:fine", "file:///fine/**", pattern);
        assertNull(AllowList.parse(patterns, "allowedDestinations", TransportRegistry.catalog(), problems));
        assertEquals(1, problems.errors().size(), () -> problems.errors().toString());
        assertEquals("allowedDestinations[2]", problems.errors().get(0).field());
        assertTrue(problems.errors().get(0).message().contains(message), problems.errors().get(0).message());
    }

    @Test
    void everyInvalidPatternIsReported() {
        Problems problems = new Problems();
        AllowList.parse(Arrays.asList(null, "kafka:ok", "gopher://x/"), "allowedDestinations", TransportRegistry.catalog(), problems);
        assertEquals(List.of("allowedDestinations[0]", "allowedDestinations[2]"),
                problems.errors().stream().map(FieldError::field).toList());
    }

    // --- matching ---

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "http://*.internal                    | http://a.internal/            | true",
        "http://*.internal                    | http://a.internal             | true",
        "http://*.internal                    | http://a.b.internal/          | false",
        "http://*.internal                    | http://internal/              | false",
        "http://*.internal                    | http://a.internal/x           | false",
        "http://api-*.internal/**             | http://api-eu.internal/x      | true",
        "http://api-*.internal/**             | http://web-eu.internal/x      | false",
        "http://ok.internal/api/*             | http://ok.internal/api/x      | true",
        "http://ok.internal/api/*             | http://ok.internal/api/x/     | true",
        "http://ok.internal/api/*             | http://ok.internal/api        | false",
        "http://ok.internal/api/*             | http://ok.internal/api/x/y    | false",
        "http://ok.internal/api/**            | http://ok.internal/api        | true",
        "http://ok.internal/api/**            | http://ok.internal/api/x/y/z  | true",
        "http://ok.internal/api/**            | http://ok.internal/apis/x     | false",
        "http://ok.internal/**/orders         | http://ok.internal/orders     | true",
        "http://ok.internal/**/orders         | http://ok.internal/a/b/orders | true",
        "http://ok.internal/**/orders         | http://ok.internal/a/orders/x | false",
        "http://ok.internal/v*/orders         | http://ok.internal/v2/orders  | true",
        "http://ok.internal/Api/**            | http://ok.internal/api/x      | false",
        "http://ok.internal/a%20b/**          | http://ok.internal/a%20b/c    | true",
        "http://ok.internal:80/**             | http://ok.internal/x          | true",
        "http://ok.internal/**                | http://ok.internal:80/x       | true",
        "https://ok.internal/**               | https://ok.internal:443/x     | true",
        "https://ok.internal/**               | https://ok.internal:80/x      | false",
        "http://ok.internal/**                | https://ok.internal/x         | false",
        "http://OK.Internal./**               | http://ok.internal/x          | true",
        "http://169.254.169.254/**            | http://169.254.169.254/x      | true",
        "http://[FE80::1]/**                  | http://[fe80:0::1]/x          | true",
        "http://*.google.internal/**          | http://metadata.google.internal/x | false",
        "http://metadata.google.internal/**   | http://metadata.google.internal/x | true",
    })
    void httpMatching(String pattern, String address, boolean allowed) {
        AllowList allowList = allowList(pattern);
        assertEquals(allowed, allowList.allows(http(address)), () -> String.valueOf(allowList.refusal(http(address))));
    }

    @Test
    void destinationsBuiltElsewhereAreNormalizedBeforeMatching() {
        AllowList allowList = allowList("http://ok.internal:8081/api/**");
        assertTrue(allowList.allows(http("HTTP://OK.INTERNAL.:8081/api/x")));
        assertNotNull(allowList.refusal(http("http://ok.internal:8081/api/%2e%2e/admin")));
        assertNotNull(allowList.refusal(http("http://ok.internal@evil.example:8081/api/x")));
        assertFalse(allowList.allows(file(Path.of("/allowed/../etc"))));
        assertTrue(allowList("file:///allowed/**").refusal(file(Path.of("/allowed/../etc"))).contains(".."));
        assertTrue(allowList("file:///allowed/**").refusal(file(Path.of("allowed/x"))).contains("not absolute"));
    }

    @Test
    void aPortAllowsOnlyTheTransportsItsPatternsName() {
        AllowList onlyKafka = allowList("kafka:*");
        assertTrue(onlyKafka.refusal(http("http://ok.internal/")).contains("allows no http(s) destinations"));
        assertTrue(onlyKafka.refusal(file(Path.of("/tmp/x"))).contains("allows no file destinations"));
        assertTrue(allowList("file:///x").refusal(new KafkaDestination("a")).contains("allows no kafka destinations"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "file:///var/spool/**   | /var/spool         | true",
        "file:///var/spool/**   | /var/spool/a/b     | true",
        "file:///var/spool/**   | /var/spoolish      | false",
        "file:///var/spool/**   | /var               | false",
        "file:///var/spool/*    | /var/spool         | false",
        "file:///var/spool/*    | /var/spool/a       | true",
        "file:///var/spool/*    | /var/spool/a/b     | false",
        "file:///var/spool      | /var/spool         | true",
        "file:///var/spool      | /var/spool/a       | false",
        "file:///data/out-*/x   | /data/out-eu/x     | true",
        "file:///data/out-*/x   | /data/in-eu/x      | false",
    })
    void fileMatching(String pattern, String directory, boolean allowed) {
        assertEquals(allowed, allowList(pattern).allows(file(Path.of(directory))));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "kafka:orders-*  | orders-eu          | true",
        "kafka:orders-*  | orders-            | true",
        "kafka:orders-*  | orders.eu          | false",
        "kafka:orders-*  | Orders-eu          | false",
        "kafka:*.audit   | eu.orders.audit    | true",
        "kafka:orders    | orders             | true",
        "kafka:orders    | orders2            | false",
        "kafka:*         | anything          | true",
        "kafka:*         | sendports.control  | false",
        "kafka:*         | sendports_control  | false",
        "kafka:*         | sendports.retry    | false",
        "kafka:*         | sendports.suspended| false",
        "kafka:*         | __transaction_state| false",
    })
    void kafkaMatching(String pattern, String topic, boolean allowed) {
        assertEquals(allowed, allowList(pattern).allows(new KafkaDestination(topic)));
    }

    @Test
    void reservedTopicsFollowTheConfiguredNames() {
        AllowList allowList = allowList("kafka:*").withReservedTopics(ReservedTopics.of(Set.of("ops.control")));
        assertTrue(allowList.refusal(new KafkaDestination("ops.control")).contains("reserved for Sendports"));
        // the default names stay reserved: another installation on the same cluster may use them
        assertFalse(allowList.allows(new KafkaDestination("sendports.control")));
        assertTrue(allowList.allows(new KafkaDestination("ops.other")));
    }

    // --- real paths at delivery time ---

    @Test
    void aSymlinkInsideTheAllowedDirectoryPointingOutsideIsRefused(@TempDir Path temp) throws IOException {
        Path allowed = Files.createDirectory(temp.resolve("allowed"));
        Path outside = Files.createDirectory(temp.resolve("outside"));
        Path link = Files.createSymbolicLink(allowed.resolve("link"), outside);
        AllowList allowList = allowList("file://" + allowed + "/**");

        // as written the address is inside, so it resolves; the real path is not
        FileDestination destination = (FileDestination) DynamicDestinations
                .resolve("file://" + link, "file", allowList).destination();
        assertEquals(link, destination.directory());
        assertFalse(insideAllowedRealPath(allowList, destination.directory()));
        assertTrue(realPathRefusal(allowList, link).contains("symbolic link"), realPathRefusal(allowList, link));
        assertFalse(insideAllowedRealPath(allowList, link.resolve("not-yet/created")));
    }

    @Test
    void realDirectoriesInsideAreAllowed(@TempDir Path temp) throws IOException {
        Path allowed = Files.createDirectory(temp.resolve("allowed"));
        Path inside = Files.createDirectory(allowed.resolve("inside"));
        Path alias = Files.createSymbolicLink(allowed.resolve("alias"), inside);
        AllowList allowList = allowList("file://" + allowed + "/**");

        assertTrue(insideAllowedRealPath(allowList, allowed));
        assertTrue(insideAllowedRealPath(allowList, inside));
        assertTrue(insideAllowedRealPath(allowList, allowed.resolve("not-yet/created")));
        assertTrue(insideAllowedRealPath(allowList, alias), "a link that stays inside is harmless");
    }

    @Test
    void theAllowedDirectoryMayItselfBeReachedThroughALink(@TempDir Path temp) throws IOException {
        Path real = Files.createDirectory(temp.resolve("real"));
        Path spool = Files.createSymbolicLink(temp.resolve("spool"), real);
        AllowList allowList = allowList("file://" + spool + "/*");

        assertTrue(insideAllowedRealPath(allowList, spool.resolve("outbox")));
        assertFalse(insideAllowedRealPath(allowList, spool.resolve("outbox/deeper")));
    }

    @Test
    void aDanglingLinkIsRefused(@TempDir Path temp) throws IOException {
        Path allowed = Files.createDirectory(temp.resolve("allowed"));
        Path dangling = Files.createSymbolicLink(allowed.resolve("dangling"), temp.resolve("nowhere"));
        assertFalse(insideAllowedRealPath(allowList("file://" + allowed + "/**"), dangling));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/etc", "/allowed/../etc"})
    void theRealPathCheckAlsoAppliesTheWrittenForm(String directory) {
        assertFalse(insideAllowedRealPath(allowList("file:///allowed/**"), Path.of(directory)));
    }
}
