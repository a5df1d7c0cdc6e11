package io.sendports.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.sendports.control.PortDocument;

/** A port's definition as the properties form's fields: each named by its JSON path, as console.js reads them back. */
class PortFormTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static PortForm form(String json) throws Exception {
        return PortForm.editing(JSON.readValue(json, PortDocument.class), JSON);
    }

    @Test
    void everyDefinitionFieldIsAFieldNamedByItsPath() throws Exception {
        PortForm form = form("{\"name\":\"p\",\"kind\":\"static\",\"pattern\":\"one-way\",\"revision\":4,"
                + "\"subscription\":{\"topics\":[\"a\",\"b\"],\"filter\":[[{\"property\":\"x\",\"operator\":\"exists\"}]]},"
                + "\"transport\":{\"type\":\"kafka\",\"address\":\"kafka:out\",\"options\":{\"bootstrapServers\":\"b:9093\","
                + "\"properties\":{\"security.protocol\":\"SASL_SSL\",\"sasl.mechanism\":\"PLAIN\"}}},"
                + "\"retry\":{\"count\":2,\"interval\":\"PT1M\"},\"orderedDelivery\":true,\"state\":\"started\","
                + "\"status\":{\"lag\":3}}");
        assertEquals("a, b", form.v("subscription.topics"));
        assertEquals("kafka:out", form.at("transport", "address"));
        assertEquals("security.protocol=SASL_SSL\nsasl.mechanism=PLAIN", form.v("transport.options.properties"));
        assertEquals("2", form.v("retry.count"));
        assertTrue(form.on("orderedDelivery"));
        assertFalse(form.on("stopOnFailure"));
        assertTrue(form.isAt("transport", "type", "kafka"));
        assertEquals(4L, form.revision());
        assertEquals("exists", form.statements().get(0).get(0).operator());
        // the filter has its editor; read-only fields are no field of the form
        assertEquals("", form.v("subscription.filter"));
        assertEquals("", form.v("state"));
        assertEquals("", form.v("status.lag"));
    }

    @Test
    void aDynamicPortsDestinationsAreOnePerLine() throws Exception {
        PortForm form = form("{\"name\":\"d\",\"kind\":\"dynamic\",\"pattern\":\"solicit-response\",\"subscription\":"
                + "{\"topics\":[\"t\"]},\"allowedDestinations\":[\"http://*.internal/**\",\"file:///out/**\"]}");
        assertEquals("http://*.internal/**\nfile:///out/**", form.v("allowedDestinations"));
        assertTrue(form.dynamic());
        assertTrue(form.solicitResponse());
        assertEquals("Dynamic Solicit-Response", form.kindLabel());
    }
}
