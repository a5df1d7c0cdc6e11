package io.sendports.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.sendports.domain.PortDraft.StatementDraft;
import io.sendports.domain.PortDraft.TransportDraft;

import io.sendports.transport.TransportRegistry;
import io.sendports.transport.file.FileDestination;
import io.sendports.transport.file.FileMode;
import io.sendports.transport.file.FileNamePattern;
import io.sendports.transport.http.HttpDestination;
import io.sendports.transport.kafka.KafkaDestination;

/** API.md "Port JSON" rules as {@link SendPorts#define} applies them to a {@link PortDraft}. */
class SendPortsTest {

    private static final TransportDraft HTTP = new TransportDraft("http", "http://erp.internal:8081/orders", null);
    private static final TransportDraft FILE = new TransportDraft("file", "file:///var/spool/orders", null);
    private static final TransportDraft KAFKA = new TransportDraft("kafka", "kafka:orders-copy", null);

    /** A draft that is valid, to be spoilt one field at a time. */
    private record Draft(String name, String description, String kind, String pattern, List<String> topics,
            List<List<StatementDraft>> filter, TransportDraft transport) {
        static Draft valid() {
            return new Draft("orders-to-erp", "Orders for the ERP", "static", "one-way", List.of("orders"), null, HTTP);
        }

        Draft name(String v) { return new Draft(v, description, kind, pattern, topics, filter, transport); }
        Draft description(String v) { return new Draft(name, v, kind, pattern, topics, filter, transport); }
        Draft kind(String v) { return new Draft(name, description, v, pattern, topics, filter, transport); }
        Draft pattern(String v) { return new Draft(name, description, kind, v, topics, filter, transport); }
        Draft topics(List<String> v) { return new Draft(name, description, kind, pattern, v, filter, transport); }
        Draft filter(List<List<StatementDraft>> v) { return new Draft(name, description, kind, pattern, topics, v, transport); }
        Draft transport(TransportDraft v) { return new Draft(name, description, kind, pattern, topics, filter, v); }

        Draft transport(String type, String address, Map<String, Object> options) {
            return transport(new TransportDraft(type, address, options));
        }

        PortDraft draft() {
            return new PortDraft(name, description, kind, pattern, topics, filter, transport);
        }
    }

    private static SendPort define(Draft draft) {
        return SendPorts.define(draft.draft(), TransportRegistry.catalog(), new Problems());
    }

    private static List<String> fields(Draft draft) {
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class, () -> define(draft));
        List<String> fields = e.errors().stream().map(FieldError::field).toList();
        for (FieldError error : e.errors()) {
            assertFalse(error.message() == null || error.message().isBlank(), "message of " + error.field());
        }
        return fields;
    }

    @SafeVarargs
    private static <T> List<T> list(T... items) {
        return Arrays.asList(items);
    }

    private static Map<String, Object> options(Object... keyValues) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    private static StatementDraft st(String property, String operator, String value) {
        return new StatementDraft(property, operator, value);
    }

    @SafeVarargs
    private static List<List<StatementDraft>> groups(List<StatementDraft>... groups) {
        List<List<StatementDraft>> list = new ArrayList<>();
        for (List<StatementDraft> group : groups) {
            list.add(group);
        }
        return list;
    }

    // ---- valid ports ----

    @Test
    void staticHttpPort() {
        SendPort port = define(Draft.valid().transport("http", "https://erp.internal:8443/orders?x=1",
                options("method", "put", "timeout", "PT5S", "headers", List.of("region", "priority"))));
        assertEquals("orders-to-erp", port.name());
        assertEquals("Orders for the ERP", port.description());
        assertEquals(PortKind.STATIC, port.kind());
        assertEquals(MessagePattern.ONE_WAY, port.pattern());
        assertEquals(List.of("orders"), port.subscription().topics());
        assertTrue(port.subscription().filter().isEmpty());
        assertEquals("sendports.port.orders-to-erp", port.consumerGroup());
        HttpDestination http = assertInstanceOf(HttpDestination.class, port.destination());
        assertEquals("http", http.type());
        assertEquals("https://erp.internal:8443/orders?x=1", http.address());
        assertEquals("PUT", http.method());
        assertEquals(Duration.ofSeconds(5), http.timeout());
        assertEquals(List.of("region", "priority"), http.forwardHeaders());
        assertTrue(http.forwards("Region"));
        assertFalse(http.forwards("other"));
    }

    @Test
    void httpDefaults() {
        HttpDestination http = assertInstanceOf(HttpDestination.class, define(Draft.valid()).destination());
        assertEquals("POST", http.method());
        assertEquals(Duration.ofSeconds(30), http.timeout());
        assertNull(http.forwardHeaders());
        assertNull(http.headerPrefix());
        assertTrue(http.forwards("anything"));
    }

    @Test
    void httpHeaderPrefix() {
        HttpDestination http = assertInstanceOf(HttpDestination.class, define(Draft.valid()
                .transport("http", "http://h/x", options("headerPrefix", "x-"))).destination());
        assertEquals("x-", http.headerPrefix());
        assertTrue(http.forwards("x-trace"));
        assertFalse(http.forwards("region"));
    }

    @Test
    void staticFilePort() {
        SendPort port = define(Draft.valid().transport("file", "file:///var/spool/orders/",
                options("fileName", "%MessageID%.xml", "mode", "append")));
        FileDestination file = assertInstanceOf(FileDestination.class, port.destination());
        assertEquals("file", file.type());
        assertEquals(Path.of("/var/spool/orders"), file.directory());
        assertEquals("%MessageID%.xml", file.fileName().pattern());
        assertEquals(FileMode.APPEND, file.mode());
        assertEquals("file:///var/spool/orders", file.address());
    }

    @Test
    void fileDefaults() {
        FileDestination file = assertInstanceOf(FileDestination.class,
                define(Draft.valid().transport(FILE)).destination());
        assertEquals(FileNamePattern.DEFAULT, file.fileName().pattern());
        assertEquals(FileMode.OVERWRITE, file.mode());
        assertEquals("file:///var/spool/orders", file.address());
        assertEquals(Path.of("/var/spool/orders"),
                assertInstanceOf(FileDestination.class, define(Draft.valid()
                        .transport("file", "file://localhost/var/spool/orders", null)).destination()).directory());
    }

    @Test
    void staticKafkaPort() {
        SendPort port = define(Draft.valid().transport(KAFKA));
        KafkaDestination kafka = assertInstanceOf(KafkaDestination.class, port.destination());
        assertEquals("kafka", kafka.type());
        assertEquals("orders-copy", kafka.topic());
        assertEquals("kafka:orders-copy", kafka.address());
    }

    @Test
    void portWithFilterAndSeveralTopics() {
        SendPort port = define(Draft.valid().topics(List.of("orders", "orders.eu")).filter(groups(
                List.of(st("region", "==", "eu"), st("priority", ">", "5")),
                List.of(st("vip", "exists", null)))));
        assertEquals(List.of("orders", "orders.eu"), port.subscription().topics());
        Filter filter = port.subscription().filter();
        assertEquals(2, filter.groups().size());
        assertEquals(new FilterStatement("priority", FilterOperator.GT, "5"), filter.groups().get(0).get(1));
        assertEquals(new FilterStatement("vip", FilterOperator.EXISTS, null), filter.groups().get(1).get(0));
        assertTrue(filter.matches(Map.of("vip", "y")::get));
    }

    @Test
    void existsRefusesAGivenValue() {
        // it was dropped without a word; a user who wrote a value meant something else (API.md "Limits")
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class,
                () -> define(Draft.valid().filter(groups(List.of(st("vip", "exists", "ignored"))))));
        assertEquals("subscription.filter[0][0].value", e.errors().get(0).field());
        assertNull(define(Draft.valid().filter(groups(List.of(st("vip", "exists", null)))))
                .subscription().filter().groups().get(0).get(0).value());
    }

    @Test
    void everyLimitIsInclusive() {
        String address = "http://erp.internal/" + "a".repeat(Limits.ADDRESS - "http://erp.internal/".length());
        define(Draft.valid().transport("http", address, null));
        List<StatementDraft> statements = new ArrayList<>();
        for (int i = 0; i < Limits.FILTER_STATEMENTS; i++) {
            statements.add(st("p".repeat(Limits.FILTER_PROPERTY), "==", "v".repeat(Limits.FILTER_VALUE)));
        }
        define(Draft.valid().filter(groups(statements)));
        List<String> topics = new ArrayList<>();
        for (int i = 0; i < Limits.TOPICS; i++) {
            topics.add(String.format("%0" + Limits.TOPIC + "d", i));
        }
        define(Draft.valid().topics(topics));
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class,
                () -> define(Draft.valid().transport("http", address + "a", null)));
        assertEquals("transport.address", e.errors().get(0).field());
        assertEquals("must be at most 2048 characters", e.errors().get(0).message());
    }

    @Test
    void reservedTopicsAreRefusedWhereverAPortNamesATopic() {
        ReservedTopics reserved = ReservedTopics.of(List.of("ops.control", "ops.parked"));
        Map<String, PortDraft> drafts = Map.of(
                "subscription.topics[0]", Draft.valid().topics(List.of("ops.control")).draft(),
                "transport.address", Draft.valid().transport("kafka", "kafka:ops_parked", null).draft(),
                "backupTransport.address", new PortDraft("p", null, "static", "one-way", List.of("orders"), null, HTTP,
                        null, new PortDraft.BackupDraft(new TransportDraft("kafka", "kafka:sendports.retry", null), null),
                        null, null, null, null, null, null),
                "responseTopic", new PortDraft("p", null, "static", "solicit-response", List.of("orders"), null, HTTP,
                        null, null, null, null, null, null, "ops.parked", null));
        drafts.forEach((field, draft) -> {
            InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class,
                    () -> SendPorts.define(draft, reserved, TransportRegistry.catalog(), new Problems()), field);
            assertEquals(field, e.errors().get(0).field(), e.getMessage());
        });
        SendPort dynamic = SendPorts.define(new PortDraft("dyn", null, "dynamic", "one-way", List.of("orders"), null, null,
                null, null, null, null, null, List.of("kafka:*"), null, null), reserved, TransportRegistry.catalog(), new Problems());
        assertFalse(dynamic.allowedDestinations().allows(new KafkaDestination("ops.control")));
        assertTrue(dynamic.allowedDestinations().allows(new KafkaDestination("ops.other")));
    }

    @Test
    void boundaryLengthsAreAccepted() {
        define(Draft.valid().name("a".repeat(100)).description("d".repeat(256)));
        define(Draft.valid().name("0.a_b-C"));
        define(Draft.valid().description(null));
        assertEquals("", define(Draft.valid().description(null)).description());
    }

    @Test
    void kindAndPatternAreFixed() {
        SendPort http = define(Draft.valid());
        assertTrue(http.canBecome(define(Draft.valid().transport(KAFKA))));
        SendPort dynamic = SendPorts.define(new PortDraft("dyn", null, "dynamic", "one-way", List.of("orders"), null, null,
                null, null, null, null, null, List.of("http://*.internal/**"), null, null), TransportRegistry.catalog(), new Problems());
        assertFalse(http.canBecome(dynamic));
        assertFalse(http.canBecome(define(Draft.valid().pattern("solicit-response"))));
    }

    // ---- invalid ports ----

    static Stream<Arguments> invalid() {
        Draft v = Draft.valid();
        return Stream.of(
                Arguments.of("missing name", v.name(null), "name"),
                Arguments.of("empty name", v.name(""), "name"),
                Arguments.of("bad name chars", v.name("orders to erp!"), "name"),
                Arguments.of("name starting with -", v.name("-orders"), "name"),
                Arguments.of("name starting with .", v.name(".orders"), "name"),
                Arguments.of("101-char name", v.name("a".repeat(101)), "name"),
                Arguments.of("257-char description", v.description("d".repeat(257)), "description"),
                Arguments.of("missing kind", v.kind(null), "kind"),
                Arguments.of("unknown kind", v.kind("static-ish"), "kind"),
                Arguments.of("missing pattern", v.pattern(null), "pattern"),
                Arguments.of("unknown pattern", v.pattern("two-way"), "pattern"),
                Arguments.of("missing topics", v.topics(null), "subscription.topics"),
                Arguments.of("empty topics", v.topics(List.of()), "subscription.topics"),
                Arguments.of("invalid topic name", v.topics(List.of("bad topic")), "subscription.topics[0]"),
                Arguments.of("null topic", v.topics(list("orders", null)), "subscription.topics[1]"),
                Arguments.of("internal topic", v.topics(List.of("__consumer_offsets")), "subscription.topics[0]"),
                Arguments.of("250-char topic", v.topics(List.of("t".repeat(250))), "subscription.topics[0]"),
                Arguments.of("duplicate topic", v.topics(List.of("orders", "x", "orders")), "subscription.topics[2]"),
                Arguments.of("101 topics", v.topics(Stream.iterate(0, i -> i + 1).limit(101).map(i -> "t" + i).toList()),
                        "subscription.topics"),
                Arguments.of("missing transport on static port", v.transport((TransportDraft) null), "transport"),
                Arguments.of("transport on dynamic port", v.kind("dynamic"), "transport"),
                Arguments.of("missing transport type", v.transport(null, "http://h/x", null), "transport.type"),
                Arguments.of("unknown transport type", v.transport("ftp", "ftp://h/x", null), "transport.type"),
                Arguments.of("missing address", v.transport("http", null, null), "transport.address"),
                Arguments.of("blank address", v.transport("kafka", "  ", null), "transport.address"),
                Arguments.of("http address not a URI", v.transport("http", "http://bad host/x", null), "transport.address"),
                Arguments.of("http address with file scheme", v.transport("http", "file:///tmp/x", null), "transport.address"),
                Arguments.of("http address without scheme", v.transport("http", "erp.internal/orders", null), "transport.address"),
                Arguments.of("http address without host", v.transport("http", "http:///orders", null), "transport.address"),
                Arguments.of("http address with user-info", v.transport("http", "http://bob:secret@erp/x", null),
                        "transport.address"),
                Arguments.of("http address with fragment", v.transport("http", "http://erp/x#top", null), "transport.address"),
                Arguments.of("bad http method", v.transport("http", "http://erp/x", options("method", "GET")),
                        "transport.options.method"),
                Arguments.of("bad timeout", v.transport("http", "http://erp/x", options("timeout", "soon")),
                        "transport.options.timeout"),
                Arguments.of("zero timeout", v.transport("http", "http://erp/x", options("timeout", "PT0S")),
                        "transport.options.timeout"),
                Arguments.of("negative timeout", v.transport("http", "http://erp/x", options("timeout", "-PT5S")),
                        "transport.options.timeout"),
                Arguments.of("timeout over ten minutes", v.transport("http", "http://erp/x", options("timeout", "PT11M")),
                        "transport.options.timeout"),
                Arguments.of("headers not a list", v.transport("http", "http://erp/x", options("headers", 5)),
                        "transport.options.headers"),
                Arguments.of("headerPrefix not a string", v.transport("http", "http://erp/x", options("headerPrefix", 5)),
                        "transport.options.headerPrefix"),
                Arguments.of("unknown http option", v.transport("http", "http://erp/x", options("colour", "red")),
                        "transport.options.colour"),
                Arguments.of("file option on http", v.transport("http", "http://erp/x", options("mode", "append")),
                        "transport.options.mode"),
                Arguments.of("option on kafka", v.transport("kafka", "kafka:x", options("method", "POST")),
                        "transport.options.method"),
                Arguments.of("file address relative path", v.transport("file", "file:var/spool", null), "transport.address"),
                Arguments.of("file address without scheme", v.transport("file", "/var/spool", null), "transport.address"),
                Arguments.of("file address with ..", v.transport("file", "file:///var/spool/../../etc", null),
                        "transport.address"),
                Arguments.of("file address with encoded ..", v.transport("file", "file:///var/spool/%2e%2e/etc", null),
                        "transport.address"),
                Arguments.of("file address with .", v.transport("file", "file:///var/./spool", null), "transport.address"),
                Arguments.of("file address on a remote host", v.transport("file", "file://fileserver/share", null),
                        "transport.address"),
                Arguments.of("file address root", v.transport("file", "file:///", null), "transport.address"),
                Arguments.of("file address with query", v.transport("file", "file:///var/spool?x=1", null),
                        "transport.address"),
                Arguments.of("file address with NUL", v.transport("file", "file:///var/spool%00x", null),
                        "transport.address"),
                Arguments.of("file address with http scheme", v.transport("file", "http://h/x", null), "transport.address"),
                Arguments.of("bad file mode", v.transport("file", "file:///var/spool", options("mode", "sometimes")),
                        "transport.options.mode"),
                Arguments.of("unknown macro in fileName",
                        v.transport("file", "file:///var/spool", options("fileName", "%MessageId%.xml")),
                        "transport.options.fileName"),
                Arguments.of("path in fileName", v.transport("file", "file:///var/spool", options("fileName", "sub/%MessageID%")),
                        "transport.options.fileName"),
                Arguments.of("unknown file option", v.transport("file", "file:///var/spool", options("append", true)),
                        "transport.options.append"),
                Arguments.of("kafka address without kafka:", v.transport("kafka", "orders-copy", null), "transport.address"),
                Arguments.of("kafka address without topic", v.transport("kafka", "kafka:", null), "transport.address"),
                Arguments.of("kafka address with bad topic", v.transport("kafka", "kafka:bad topic", null), "transport.address"),
                Arguments.of("kafka address to an internal topic", v.transport("kafka", "kafka:__consumer_offsets", null),
                        "transport.address"),
                Arguments.of("kafka address back to a subscribed topic", v.transport("kafka", "kafka:orders", null),
                        "transport.address"),
                Arguments.of("filter group empty", v.filter(groups(List.of())), "subscription.filter[0]"),
                Arguments.of("filter group null", v.filter(groups(List.of(st("a", "exists", null)), null)),
                        "subscription.filter[1]"),
                Arguments.of("filter statement null", v.filter(groups(list((StatementDraft) null))),
                        "subscription.filter[0][0]"),
                Arguments.of("filter unknown operator", v.filter(groups(List.of(st("region", "like", "eu")))),
                        "subscription.filter[0][0].operator"),
                Arguments.of("filter missing operator", v.filter(groups(List.of(st("region", null, "eu")))),
                        "subscription.filter[0][0].operator"),
                Arguments.of("filter statement missing value",
                        v.filter(groups(List.of(st("region", "exists", null), st("priority", ">=", null)))),
                        "subscription.filter[0][1].value"),
                Arguments.of("filter statement missing property", v.filter(groups(List.of(st(null, "==", "eu")))),
                        "subscription.filter[0][0].property"),
                Arguments.of("filter statement blank property", v.filter(groups(List.of(st(" ", "==", "eu")))),
                        "subscription.filter[0][0].property"),
                Arguments.of("filter error in second group",
                        v.filter(groups(List.of(st("a", "==", "1")), List.of(st("b", "=", "2")))),
                        "subscription.filter[1][0].operator"));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("invalid")
    void invalidDraftsNameTheField(String description, Draft draft, String field) {
        List<String> fields = fields(draft);
        assertTrue(fields.contains(field), description + ": expected " + field + " in " + fields);
    }

    @Test
    void everyErrorIsReportedAtOnce() {
        List<String> fields = fields(new Draft("-bad", "d".repeat(300), "weird", null, List.of("ok", "bad topic"),
                groups(List.of(st("a", "~", "1"))), new TransportDraft("http", "ftp://x", options("method", "GET"))));
        assertEquals(List.of("name", "description", "kind", "pattern", "subscription.topics[1]",
                "subscription.filter[0][0].operator"), fields.subList(0, 6));
    }

    @Test
    void allTransportErrorsAreReported() {
        List<String> fields = fields(Draft.valid().transport("http", "ftp://x",
                options("method", "GET", "timeout", "never", "colour", "red")));
        assertTrue(fields.containsAll(List.of("transport.address", "transport.options.method",
                "transport.options.timeout", "transport.options.colour")), fields.toString());
    }

    @Test
    void problemsOfTheCallerCount() {
        Problems problems = new Problems();
        problems.add("retry", "is not supported");
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class,
                () -> SendPorts.define(Draft.valid().draft(), TransportRegistry.catalog(), problems));
        assertEquals(List.of(new FieldError("retry", "is not supported")), e.errors());
        assertTrue(e.getMessage().contains("retry: is not supported"), e.getMessage());
    }

    @Test
    void aDefinedPortIsImmutable() {
        List<String> topics = new ArrayList<>(List.of("orders"));
        SendPort port = define(Draft.valid().topics(topics));
        topics.add("more");
        assertEquals(List.of("orders"), port.subscription().topics());
        assertThrows(UnsupportedOperationException.class, () -> port.subscription().topics().add("x"));
    }
}
