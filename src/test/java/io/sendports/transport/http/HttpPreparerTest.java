package io.sendports.transport.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultMessage;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;

import io.sendports.domain.Problems;
import io.sendports.domain.SecretPaths;
import io.sendports.message.InboundMessage;
import io.sendports.secret.SecretUnavailable;
import io.sendports.secret.Secrets;
import io.sendports.testsupport.OrderedMap;
import io.vertx.core.http.HttpMethod;

/** The request headers the credentials make, resolved per request from a test's environment. */
class HttpPreparerTest {
    private final Map<String, String> environment = new HashMap<>();
    private final Secrets secrets = new Secrets(SecretPaths.NONE, environment::get);
    private final DefaultCamelContext camel = new DefaultCamelContext();

    private HttpDestination destination(Map<String, Object> options) {
        Problems problems = new Problems();
        HttpDestination destination = new HttpTransport().parse("http://erp.internal/in", options, "transport", problems);
        assertTrue(problems.isEmpty(), problems.errors().toString());
        return destination;
    }

    private Message prepared(HttpDestination destination, Map<String, String> headers) {
        InboundMessage inbound = new InboundMessage("p", "t", 0, 0L, 0L, null, new byte[0], headers.entrySet().stream()
                .map(header -> new RecordHeader(header.getKey(), header.getValue().getBytes(StandardCharsets.UTF_8)))
                .map(org.apache.kafka.common.header.Header.class::cast).toList());
        Message out = new DefaultMessage(camel);
        new HttpPreparer(destination, secrets).prepare(inbound, out);
        return out;
    }

    @Test
    void basicAuthAndSecretHeadersAreResolvedForEachRequestAndWinOverTheMessage() {
        HttpDestination destination = destination(OrderedMap.of("auth", OrderedMap.of("type", "basic", "username", "erp", "password",
                "${env:ERP_PASSWORD}"), "secretHeaders", OrderedMap.of("X-Api-Key", "${env:ERP_KEY}")));
        environment.put("ERP_PASSWORD", "pä:ss");
        environment.put("ERP_KEY", "k1");
        Message out = prepared(destination, Map.of("authorization", "Basic forged", "X-API-KEY", "forged", "region", "eu"));
        assertEquals("Basic " + Base64.getEncoder().encodeToString("erp:pä:ss".getBytes(StandardCharsets.UTF_8)),
                out.getHeader("Authorization"));
        assertEquals("k1", out.getHeader("X-Api-Key"));
        assertEquals("eu", out.getHeader("region"));
        assertFalse(out.getHeaders().containsValue("forged"));
        assertFalse(out.getHeaders().containsValue("Basic forged"));

        environment.put("ERP_KEY", "k2");
        assertEquals("k2", prepared(destination, Map.of()).getHeader("X-Api-Key"));
    }

    /**
     * The method is the value the client sends ({@link HttpMethod}), not its name, which each request would convert:
     * as a string for Camel's http producer that conversion was 15 % of a port's CPU in the http-one-way benchmark.
     */
    @Test
    void theMethodIsTheClientsOwnTypeSoNoRequestConvertsIt() {
        Message out = prepared(destination(OrderedMap.of("method", "put")), Map.of());
        assertSame(HttpMethod.PUT, out.getHeader(Exchange.HTTP_METHOD));
        assertSame(HttpMethod.POST, prepared(destination(OrderedMap.of()), Map.of()).getHeader(Exchange.HTTP_METHOD));
    }

    @Test
    void withoutAuthAMessageAuthorizationIsForwardedAsBefore() {
        Message out = prepared(destination(OrderedMap.of()), Map.of("Authorization", "Bearer from-the-record"));
        assertEquals("Bearer from-the-record", out.getHeader("Authorization"));
        // an Authorization secret header (no auth) carries the receiver's own scheme, and wins as well
        environment.put("RAW", "ApiKey k9");
        Message own = prepared(destination(OrderedMap.of("secretHeaders", OrderedMap.of("Authorization", "${env:RAW}"))),
                Map.of("Authorization", "Bearer from-the-record"));
        assertEquals("ApiKey k9", own.getHeader("Authorization"));
    }

    @Test
    void aMissingVariableOrAValueAHeaderCannotCarryFailsNamingOnlyTheReference() {
        HttpDestination bearer = destination(OrderedMap.of("auth", OrderedMap.of("type", "bearer", "token", "${env:ERP_TOKEN}")));
        SecretUnavailable missing = assertThrows(SecretUnavailable.class, () -> prepared(bearer, Map.of()));
        assertTrue(missing.getMessage().contains("${env:ERP_TOKEN}"), missing.getMessage());
        assertFalse(missing.retryable(), "a process' environment does not change");

        for (String value : List.of("Zq-line\r\nX-Injected: 1", "Zq-nul\u0000", "Zq-bell\u0007")) {
            environment.put("ERP_TOKEN", value);
            RuntimeException refused = assertThrows(HttpPreparer.SecretNotSendable.class, () -> prepared(bearer, Map.of()));
            assertTrue(refused.getMessage().contains("${env:ERP_TOKEN}"), refused.getMessage());
            assertFalse(refused.getMessage().contains("Zq"), refused.getMessage());
        }
        environment.put("ERP_TOKEN", "with\ttab");
        assertEquals("Bearer with\ttab", prepared(bearer, Map.of()).getHeader("Authorization"));
    }
}
