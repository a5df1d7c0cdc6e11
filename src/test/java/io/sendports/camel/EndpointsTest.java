package io.sendports.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.sendports.control.PortDocument;
import io.sendports.control.PortDocuments;
import io.sendports.domain.SendPort;

/** A port consumer's Kafka settings: Sendports' defaults for a group member, and what the operator set instead. */
class EndpointsTest {
    private static final SendPort PORT = port();

    @Test
    void aPortConsumerHasTheMemberDefaults() {
        Map<String, Object> properties = Endpoints.consumerProperties(PORT, Map.of());

        assertEquals(10_000, properties.get(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG));
        assertEquals(3_000, properties.get(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG));
        assertEquals(1_000, properties.get(ConsumerConfig.RETRY_BACKOFF_MS_CONFIG));
    }

    @Test
    void theOperatorsKafkaSettingsWinOverTheMemberDefaults() {
        Map<String, Object> properties = Endpoints.consumerProperties(PORT, Map.of(
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "6000",
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "2000",
                ConsumerConfig.RETRY_BACKOFF_MS_CONFIG, "100"));

        assertEquals("6000", properties.get(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG));
        assertEquals("2000", properties.get(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG));
        assertEquals("100", properties.get(ConsumerConfig.RETRY_BACKOFF_MS_CONFIG));
    }

    private static SendPort port() {
        try {
            return PortDocuments.define(new ObjectMapper().readValue("""
                    {"name":"p","kind":"static","pattern":"one-way","subscription":{"topics":["in"]},
                     "transport":{"type":"kafka","address":"kafka:out"}}""", PortDocument.class));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
