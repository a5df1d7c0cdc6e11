package io.sendports.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.sendports.transport.TransportRegistry;
import io.sendports.transport.file.FileDestination;
import io.sendports.transport.http.HttpDestination;
import io.sendports.transport.kafka.KafkaDestination;

/** API.md's sendports.address / sendports.transport headers, resolved and checked (DESIGN.md §1, §7). */
class DynamicDestinationsTest {
    private static final AllowList ALLOWED = allowList(
            "http://ok.internal:8081/api/**",
            "http://*.svc.internal:8080/**",
            "https://*.partner.example/orders/*",
            "http://*.google.internal/**",
            "http://10.0.0.5:8080/hooks/**",
            "http://[fd00::5]/hooks/**",
            "file:///allowed/**",
            "file:///var/spool/*",
            "kafka:orders-*",
            "kafka:*.audit");

    static AllowList allowList(String... patterns) {
        Problems problems = new Problems();
        AllowList allowList = AllowList.parse(List.of(patterns), "allowedDestinations", TransportRegistry.catalog(), problems);
        assertTrue(problems.isEmpty(), () -> problems.errors().toString());
        return allowList;
    }

    private static Destination allowed(String address, String transport, AllowList allowList) {
        DynamicDestinations.Resolution resolution = DynamicDestinations.resolve(address, transport, allowList);
        assertFalse(resolution.isRefused(), () -> address + " refused: " + resolution.refusal());
        return resolution.destination();
    }

    // --- each transport resolves ---

    @Test
    void httpResolvesToPostWithTheDefaultTimeout() {
        HttpDestination http = (HttpDestination) allowed("http://ok.internal:8081/api/orders", null, ALLOWED);
        assertEquals(URI.create("http://ok.internal:8081/api/orders"), http.uri());
        assertEquals("POST", http.method());
        assertEquals(HttpDestination.DEFAULT_TIMEOUT, http.timeout());
    }

    @Test
    void fileResolvesToTheDirectoryWithTheDefaultFileName() {
        FileDestination file = (FileDestination) allowed("file:///data/out", "file", allowList("file:///data/**"));
        assertEquals(Path.of("/data/out"), file.directory());
        assertEquals("%SourceFileName%", file.fileName().pattern(), "the sendports.file-name header, else the message id");
        assertEquals(FileDestination.DEFAULT_MODE, file.mode());
    }

    @Test
    void kafkaResolvesToTheTopic() {
        assertEquals(new KafkaDestination("orders-eu"), allowed("kafka:orders-eu", "kafka", ALLOWED));
        assertEquals(new KafkaDestination("orders-eu"), allowed("kafka:orders-eu", null, ALLOWED));
    }

    @Test
    void theTransportHeaderReconcilesABareAddress() {
        assertEquals(new KafkaDestination("orders-eu"), allowed("orders-eu", "KAFKA", ALLOWED));
        FileDestination file = (FileDestination) allowed("/allowed/out", " File ", ALLOWED);
        assertEquals(Path.of("/allowed/out"), file.directory());
        // the http transport covers both schemes, as the static transport does
        assertInstanceOf(HttpDestination.class, allowed("https://shop.partner.example/orders/42", "http", ALLOWED));
    }

    @Test
    void aBlankTransportHeaderLeavesTheSchemeToDecide() {
        assertInstanceOf(KafkaDestination.class, allowed("kafka:orders-us", "  ", ALLOWED));
    }

    @Test
    void resolvingAloneDoesNotConsultAnAllowList() {
        DynamicDestinations.Resolution resolution = DynamicDestinations.resolve("http://anywhere.example/x", null, TransportRegistry.catalog());
        assertEquals(URI.create("http://anywhere.example/x"), ((HttpDestination) resolution.destination()).uri());
        assertNull(resolution.refusal());
    }

    // --- normalized, and matched in normalized form ---

    @Test
    void mixedCaseAndTrailingDotsMatchWhenLegitimate() {
        HttpDestination http = (HttpDestination) allowed("HTTP://OK.INTERNAL.:8081/api/x", null, ALLOWED);
        assertEquals("http://ok.internal:8081/api/x", http.address());
    }

    @Test
    void dotSegmentsAreResolvedBeforeMatching() {
        HttpDestination http = (HttpDestination) allowed("http://ok.internal:8081/api/a/./b/../c/", null, ALLOWED);
        assertEquals("http://ok.internal:8081/api/a/c/", http.address());
    }

    @Test
    void theQueryIsKeptAndIgnoredForMatching() {
        HttpDestination http = (HttpDestination) allowed("http://ok.internal:8081/api?id=7&next=%2Fadmin", null, ALLOWED);
        assertEquals("http://ok.internal:8081/api?id=7&next=%2Fadmin", http.address());
    }

    @Test
    void defaultPortsAreLeftOutAndCompareEqual() {
        HttpDestination http = (HttpDestination) allowed("https://shop.partner.example:443/orders/1", null, ALLOWED);
        assertEquals("https://shop.partner.example/orders/1", http.address());
    }

    @Test
    void internationalizedHostsAreComparedInTheirAsciiForm() {
        AllowList allowList = allowList("http://bücher.internal/**");
        HttpDestination http = (HttpDestination) allowed("http://BÜCHER.internal/a", null, allowList);
        assertEquals("http://xn--bcher-kva.internal/a", http.address());
        assertEquals("http://xn--bcher-kva.internal/%C3%BC", ((HttpDestination) allowed(
                "http://xn--bcher-kva.internal/ü", null, allowList)).address());
    }

    @Test
    void starMatchesOneLabelAndDoubleStarAnyNumberOfSegments() {
        allowed("http://orders.svc.internal:8080/", null, ALLOWED);
        allowed("http://orders.svc.internal:8080/a/b/c/d", null, ALLOWED);
        allowed("http://ok.internal:8081/api", null, ALLOWED);
        allowed("file:///allowed", null, ALLOWED);
        allowed("file:///allowed/a/b/c", null, ALLOWED);
        allowed("file:///var/spool/outbox", null, ALLOWED);
        allowed("kafka:eu.orders.audit", null, ALLOWED);
    }

    @Test
    void ipLiteralsMatchTheSameAddressInThePattern() {
        allowed("http://10.0.0.5:8080/hooks/a", null, ALLOWED);
        allowed("http://[FD00:0:0::5]/hooks/a", null, ALLOWED);
    }

    @Test
    void metadataAddressesAreAllowedWhenAPatternNamesThem() {
        AllowList allowList = allowList("http://169.254.169.254/latest/**", "http://metadata.google.internal/**");
        allowed("http://169.254.169.254/latest/meta-data", null, allowList);
        allowed("http://metadata.google.internal/computeMetadata/v1/", null, allowList);
    }

    // --- hostile destinations: each refused, for the right reason ---

    static Stream<Arguments> hostile() {
        return Stream.of(
                // path traversal, plain and encoded
                Arguments.of("file:///allowed/../etc", null, ". or .. segments"),
                Arguments.of("file:///allowed/%2e%2e/etc", null, ". or .. segments"),
                Arguments.of("file:///allowed/%2E%2E", null, ". or .. segments"),
                Arguments.of("file:///allowed%2f..%2fetc", null, "encodes a slash"),
                Arguments.of("/allowed/../etc", "file", ". or .. segments"),
                Arguments.of("file:///allowed/x?fileName=../../etc/passwd", null, "query"),
                Arguments.of("file://evil.example/allowed/x", null, "remote hosts"),
                Arguments.of("file:///etc", null, "not inside an allowed directory"),
                Arguments.of("file:///allowed-not/x", null, "not inside an allowed directory"),
                Arguments.of("file:///var/spool", null, "not inside an allowed directory"),
                Arguments.of("file:///var/spool/a/b", null, "not inside an allowed directory"),
                Arguments.of("http://ok.internal:8081/api/../admin", null, "matches no allowed destination"),
                Arguments.of("http://ok.internal:8081/api/%2e%2e/admin", null, "encoded or disguised dot segment"),
                Arguments.of("http://ok.internal:8081/api/.%2E/admin", null, "encoded or disguised dot segment"),
                Arguments.of("http://ok.internal:8081/api/..;/admin", null, "encoded or disguised dot segment"),
                Arguments.of("http://ok.internal:8081/api/%EF%BC%8E%EF%BC%8E/admin", null, "disguised dot segment"),
                Arguments.of("http://ok.internal:8081/api%2f..%2fadmin", null, "encodes a slash"),
                Arguments.of("http://ok.internal:8081/api/..%5Cadmin", null, "encodes a slash or backslash"),
                Arguments.of("http://ok.internal:8081/api/%252e%252e/admin", null, "double percent-encoded"),
                Arguments.of("http://ok.internal:8081/../api/x", null, "climbs above the root"),
                Arguments.of("http://ok.internal:8081//admin", null, "empty path segment"),
                // user-info and encoded hosts
                Arguments.of("http://ok.internal@evil.example/", null, "user-info"),
                Arguments.of("http://ok.internal:8081@evil.example/api/x", null, "user-info"),
                Arguments.of("http://user:secret@ok.internal:8081/api/x", null, "user-info"),
                Arguments.of("http://ok%2einternal:8081/api/x", null, "percent-encoded host"),
                Arguments.of("http://ok.internal%00.evil.example:8081/api/x", null, "percent-encoded host"),
                Arguments.of("http://ok.internal.evil.example:8081/api/x", null, "matches no allowed destination"),
                // other schemes, Camel endpoints among them
                Arguments.of("exec:/bin/sh?args=-c%20id", null, "not a transport"),
                Arguments.of("bean:orderService?method=delete", null, "not a transport"),
                Arguments.of("sql:delete from orders", null, "not a valid URI"),
                Arguments.of("sql:select%201", null, "not a transport"),
                Arguments.of("jar:file:/app/lib/app.jar!/application.properties", null, "not a transport"),
                Arguments.of("direct:admin", null, "not a transport"),
                Arguments.of("log:leak?showAll=true", null, "not a transport"),
                Arguments.of("ftp://ok.internal/api/x", null, "not a transport"),
                Arguments.of("ok.internal:8081/api/x", null, "not a transport"),
                Arguments.of("/api/x", null, "not an absolute URI"),
                // link-local, metadata and IP addresses in every spelling
                Arguments.of("http://169.254.169.254/latest/meta-data", null, "link-local or cloud metadata"),
                Arguments.of("http://2852039166/latest/meta-data", null, "non-standard form"),
                Arguments.of("http://0xA9FEA9FE/latest/meta-data", null, "non-standard form"),
                Arguments.of("http://0251.0376.0251.0376/latest/meta-data", null, "non-standard form"),
                Arguments.of("http://169.254.43518/latest/meta-data", null, "non-standard form"),
                Arguments.of("http://010.0.0.5:8080/hooks/a", null, "non-standard form"),
                Arguments.of("http://999.1.1.1/", null, "looks like an IP address"),
                Arguments.of("http://[::ffff:169.254.169.254]/latest/meta-data", null, "IPv4 address as IPv6"),
                Arguments.of("http://[::ffff:a9fe:a9fe]/latest/meta-data", null, "IPv4 address as IPv6"),
                Arguments.of("http://[fe80::a9fe:a9fe]/latest/meta-data", null, "link-local or cloud metadata"),
                Arguments.of("http://[fe80::1%25eth0]/", null, "percent-encoded host"),
                Arguments.of("http://[::1]:8081/api/x", null, "IP address needs a pattern naming"),
                Arguments.of("http://[::169.254.169.254]/latest/meta-data", null, "IPv4 address as IPv6"),
                Arguments.of("http://127.0.0.1:8081/api/x", null, "IP address needs a pattern naming"),
                Arguments.of("http://metadata.google.internal/computeMetadata/v1/", null, "cloud metadata"),
                // ports, schemes, wildcards
                Arguments.of("http://ok.internal:8082/api/x", null, "matches no allowed destination"),
                Arguments.of("http://ok.internal/api/x", null, "matches no allowed destination"),
                Arguments.of("http://ok.internal:99999/api/x", null, "1 to 65535"),
                Arguments.of("https://ok.internal:8081/api/x", null, "matches no allowed destination"),
                Arguments.of("http://a.b.svc.internal:8080/x", null, "matches no allowed destination"),
                Arguments.of("https://partner.example/orders/1", null, "matches no allowed destination"),
                Arguments.of("https://shop.partner.example/orders/1/cancel", null, "matches no allowed destination"),
                Arguments.of("http://ok.internal:8081/api/x#admin", null, "fragment"),
                // kafka
                Arguments.of("kafka:sendports.control", null, "reserved for Sendports"),
                Arguments.of("kafka:__consumer_offsets", null, "Kafka-internal"),
                Arguments.of("kafka:orders-eu?brokers=evil.example:9092", null, "legal Kafka topic name"),
                Arguments.of("kafka://orders-eu", null, "legal Kafka topic name"),
                Arguments.of("kafka:payments", null, "matches no allowed destination"),
                // headers that do not fit
                Arguments.of("http://ok.internal:8081/api/x", "kafka", "does not fit sendports.transport kafka"),
                Arguments.of("file:///allowed/x", "http", "does not fit sendports.transport http"),
                Arguments.of("http://ok.internal:8081/api/x", "ftp", "is not a transport; use http, file, kafka"),
                Arguments.of("ok.internal:8081/api/x", "http", "not a transport"),
                Arguments.of(null, null, "no sendports.address header"),
                Arguments.of("   ", "http", "blank"));
    }

    @ParameterizedTest(name = "[{index}] {0} (transport {1})")
    @MethodSource("hostile")
    void hostileDestinationsAreRefusedWithAReason(String address, String transport, String reason) {
        DynamicDestinations.Resolution resolution = DynamicDestinations.resolve(address, transport, ALLOWED);
        assertTrue(resolution.isRefused(), () -> address + " was allowed as " + resolution.destination());
        assertNull(resolution.destination());
        assertNotNull(resolution.refusal());
        assertTrue(resolution.refusal().contains(reason), () -> "reason: " + resolution.refusal());
    }

    @Test
    void reasonsShowUntrustedAddressesSafely() {
        String address = "http://ok.internal:8081/api/%2e%2e/" + "x".repeat(500);
        String refusal = DynamicDestinations.resolve(address, null, ALLOWED).refusal();
        assertTrue(refusal.length() < 400, refusal);
        assertTrue(DestinationRefused.shown("a\nb\u0000").equals("'a?b?'"));
    }
}
