package io.sendports.transport.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.sendports.domain.Destination;
import io.sendports.domain.FieldError;
import io.sendports.domain.Problems;
import io.sendports.testsupport.OrderedMap;

/**
 * The http transport's credential options, {@code auth} and {@code secretHeaders} (API.md "Secret references"):
 * references only, checked field by field, written back as written, never echoing a refused literal.
 */
class HttpAuthOptionsTest {
    private static final String ADDRESS = "http://erp.internal/orders";
    private final HttpTransport transport = new HttpTransport();

    private Destination parsed(Map<String, Object> options) {
        Problems problems = new Problems();
        Destination destination = transport.parse(ADDRESS, options, "transport", problems);
        assertTrue(problems.isEmpty(), problems.errors().toString());
        assertNotNull(destination);
        return destination;
    }

    /** The field errors, field to message; the destination must not have been made. */
    private Map<String, String> refused(Map<String, Object> options) {
        Problems problems = new Problems();
        Destination destination = transport.parse(ADDRESS, options, "transport", problems);
        assertNull(destination, "accepted " + options);
        assertFalse(problems.isEmpty());
        return problems.errors().stream().collect(Collectors.toMap(FieldError::field, FieldError::message, (a, b) -> a));
    }

    @Test
    void basicBearerAndSecretHeadersAreWrittenBackAsWrittenAndNameTheirReferences() {
        Destination basic = parsed(OrderedMap.of("auth", OrderedMap.of("type", "basic", "username", "erp", "password", "${env:ERP_PASSWORD}"),
                "secretHeaders", OrderedMap.of("X-Tenant-Key", "${file:/run/secrets/erp.properties:tenant}", "X-Api-Key",
                        "${env:ERP_KEY}")));
        Map<String, Object> options = basic.options();
        assertEquals(OrderedMap.of("type", "basic", "username", "erp", "password", "${env:ERP_PASSWORD}"), options.get("auth"));
        // sorted by name, so that the same definition always writes the same record
        assertEquals(List.of("X-Api-Key", "X-Tenant-Key"),
                List.copyOf(((Map<?, ?>) options.get("secretHeaders")).keySet()));
        assertEquals("${env:ERP_KEY}", ((Map<?, ?>) options.get("secretHeaders")).get("X-Api-Key"));
        assertEquals(Map.of("options.auth.password", "${env:ERP_PASSWORD}",
                "options.secretHeaders.X-Api-Key", "${env:ERP_KEY}",
                "options.secretHeaders.X-Tenant-Key", "${file:/run/secrets/erp.properties:tenant}"),
                basic.secretReferences().entrySet().stream()
                        .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().toString())));
        // what options() writes parses back into the same destination
        assertEquals(basic, parsed(options));

        Destination bearer = parsed(OrderedMap.of("auth", OrderedMap.of("type", "bearer", "token", "${file:/run/secrets/erp-token}")));
        assertEquals(OrderedMap.of("type", "bearer", "token", "${file:/run/secrets/erp-token}"), bearer.options().get("auth"));
        assertFalse(bearer.options().containsKey("secretHeaders"));
        assertEquals("${file:/run/secrets/erp-token}", bearer.secretReferences().get("options.auth.token").toString());
        assertEquals(bearer, parsed(bearer.options()));

        Destination plain = parsed(OrderedMap.of());
        assertFalse(plain.options().containsKey("auth"));
        assertEquals(Map.of(), plain.secretReferences());
    }

    @Test
    void literalsInCredentialFieldsAreRefusedWithoutEchoingThem() {
        Map<String, String> basic = refused(OrderedMap.of("auth", OrderedMap.of("type", "basic", "username", "erp", "password", "Hunter2-secret")));
        assertTrue(basic.get("transport.options.auth.password").contains("must be a secret reference"), basic.toString());
        Map<String, String> bearer = refused(OrderedMap.of("auth", OrderedMap.of("type", "bearer", "token", "eyJ-literal-token")));
        Map<String, String> header = refused(OrderedMap.of("secretHeaders", OrderedMap.of("X-Api-Key", "literal-api-key")));
        Map<String, String> number = refused(OrderedMap.of("auth", OrderedMap.of("type", "bearer", "token", 424242)));
        Map<String, String> embedded = refused(OrderedMap.of("secretHeaders", OrderedMap.of("X-Api-Key", "Key ${env:ERP_KEY}")));
        assertTrue(bearer.containsKey("transport.options.auth.token"), bearer.toString());
        assertTrue(header.containsKey("transport.options.secretHeaders.X-Api-Key"), header.toString());
        assertTrue(number.containsKey("transport.options.auth.token"), number.toString());
        assertTrue(embedded.containsKey("transport.options.secretHeaders.X-Api-Key"), embedded.toString());
        String all = String.join("\n", basic.values()) + bearer.values() + header.values() + number.values()
                + embedded.values();
        for (String literal : List.of("Hunter2", "eyJ", "literal-api-key", "424242", "Key ")) {
            assertFalse(all.contains(literal), all);
        }
    }

    @Test
    void authIsCheckedFieldByField() {
        assertTrue(refused(OrderedMap.of("auth", "basic")).get("transport.options.auth").contains("object"));
        assertTrue(refused(OrderedMap.of("auth", OrderedMap.of("username", "erp", "password", "${env:P}"))).get("transport.options.auth.type")
                .contains("required"));
        assertTrue(refused(OrderedMap.of("auth", OrderedMap.of("type", "digest"))).get("transport.options.auth.type").contains("basic or bearer"));
        assertTrue(refused(OrderedMap.of("auth", OrderedMap.of("type", "basic", "password", "${env:P}")))
                .get("transport.options.auth.username").contains("required"));
        assertTrue(refused(OrderedMap.of("auth", OrderedMap.of("type", "basic", "username", "erp")))
                .get("transport.options.auth.password").contains("required"));
        assertTrue(refused(OrderedMap.of("auth", OrderedMap.of("type", "bearer"))).get("transport.options.auth.token").contains("required"));
        // a key of the other type, or none at all, is not silently ignored
        assertTrue(refused(OrderedMap.of("auth", OrderedMap.of("type", "bearer", "token", "${env:T}", "password", "${env:P}")))
                .get("transport.options.auth.password").contains("not a field of bearer auth"));
        assertTrue(refused(OrderedMap.of("auth", OrderedMap.of("type", "basic", "username", "erp", "password", "${env:P}", "realm", "x")))
                .get("transport.options.auth.realm").contains("not a field of basic auth"));
        // RFC 7617: the user-id cannot hold a colon; a reference there would be sent as a literal
        assertTrue(refused(OrderedMap.of("auth", OrderedMap.of("type", "basic", "username", "erp:x", "password", "${env:P}")))
                .containsKey("transport.options.auth.username"));
        assertTrue(refused(OrderedMap.of("auth", OrderedMap.of("type", "basic", "username", "${env:USER}", "password", "${env:P}")))
                .get("transport.options.auth.username").contains("not a secret reference"));
        assertTrue(refused(OrderedMap.of("auth", OrderedMap.of("type", "basic", "username", "a\nb", "password", "${env:P}")))
                .containsKey("transport.options.auth.username"));
        assertTrue(refused(OrderedMap.of("auth", OrderedMap.of("type", "basic", "username", "u".repeat(257), "password", "${env:P}")))
                .get("transport.options.auth.username").contains("at most 256"));
        assertTrue(refused(OrderedMap.of("auth", OrderedMap.of("type", 7))).containsKey("transport.options.auth.type"));
    }

    @Test
    void secretHeadersAreCheckedFieldByField() {
        assertTrue(refused(OrderedMap.of("secretHeaders", List.of("X-Api-Key"))).get("transport.options.secretHeaders")
                .contains("object"));
        assertTrue(refused(OrderedMap.of("secretHeaders", OrderedMap.of("X Api Key", "${env:K}")))
                .get("transport.options.secretHeaders").contains("HTTP header name"));
        assertTrue(refused(OrderedMap.of("secretHeaders", OrderedMap.of("X-" + "k".repeat(300), "${env:K}")))
                .get("transport.options.secretHeaders").contains("at most 256"));
        Map<String, Object> many = new LinkedHashMap<>();
        for (int i = 0; i <= 100; i++) {
            many.put("X-Key-" + i, "${env:K}");
        }
        assertTrue(refused(OrderedMap.of("secretHeaders", many)).get("transport.options.secretHeaders").contains("at most 100"));
        assertTrue(refused(OrderedMap.of("secretHeaders", OrderedMap.of("X-Api-Key", "${env:K}", "x-api-key", "${env:L}")))
                .get("transport.options.secretHeaders.x-api-key").contains("twice"));
        // headers the transport sets itself, or that would steer Camel's producer or the HTTP framing
        for (String name : List.of("Content-Type", "content-length", "Host", "Transfer-Encoding", "Connection",
                "sendports.message-id", "sendports.key", "CamelHttpUri", "camelHttpMethod", "kafka.OVERRIDE_TOPIC",
                "org.apache.camel.x")) {
            assertTrue(refused(OrderedMap.of("secretHeaders", OrderedMap.of(name, "${env:K}")))
                    .containsKey("transport.options.secretHeaders." + name), name);
        }
        // Authorization is auth's to set when auth is there; without auth a secret header may carry it
        assertTrue(refused(OrderedMap.of("auth", OrderedMap.of("type", "bearer", "token", "${env:T}"), "secretHeaders",
                OrderedMap.of("authorization", "${env:K}"))).get("transport.options.secretHeaders.authorization").contains("auth"));
        assertEquals("${env:K}", ((Map<?, ?>) parsed(OrderedMap.of("secretHeaders", OrderedMap.of("Authorization", "${env:K}")))
                .options().get("secretHeaders")).get("Authorization"));
    }
}
