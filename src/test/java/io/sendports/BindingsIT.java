package io.sendports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sendports.broker.KafkaBroker;
import io.sendports.testsupport.ServiceProcess;

/**
 * DESIGN.md §9's round trip on the packaged service: bindings exported from one instance, imported into an empty one
 * (its own broker), export the same bytes there, as JSON and as YAML.
 */
class BindingsIT {
    @TempDir
    Path work;

    @Test
    void anExportImportedIntoAnEmptyInstanceExportsTheSameBytes() throws Exception {
        Path out = Files.createDirectories(work.resolve("out"));
        String file = out.toUri().toString().replaceFirst("^file:/+", "file:///");
        try (KafkaBroker first = KafkaBroker.start(work.resolve("kafka-a"), KafkaBroker.freePort(), KafkaBroker.freePort());
                KafkaBroker second = KafkaBroker.start(work.resolve("kafka-b"), KafkaBroker.freePort(),
                        KafkaBroker.freePort());
                ServiceProcess a = new ServiceProcess(first.bootstrapServers(), Files.createDirectories(work.resolve("a")))
                        .start();
                ServiceProcess b = new ServiceProcess(second.bootstrapServers(), Files.createDirectories(work.resolve("b")))
                        .start()) {
            a.expect(201, "POST", "/api/send-ports", "{\"name\":\"Orders-File\",\"description\":\"yes\",\"kind\":\"static\","
                    + "\"pattern\":\"one-way\",\"subscription\":{\"topics\":[\"biztalk.messagebox\"],\"filter\":[[{"
                    + "\"property\":\"BTS.ReceivePortName\",\"operator\":\"==\",\"value\":\"on\"}],[{\"property\":"
                    + "\"Priority\",\"operator\":\">=\",\"value\":\"5\"}]]},\"transport\":{\"type\":\"file\",\"address\":\""
                    + file + "\",\"options\":{\"mode\":\"overwrite\",\"fileName\":\"%MessageID%.xml\"}},"
                    + "\"retry\":{\"count\":2,\"interval\":\"PT1M\"},\"orderedDelivery\":true,\"stopOnFailure\":true,"
                    + "\"serviceWindow\":{\"from\":\"08:00\",\"to\":\"18:00\",\"zone\":\"Europe/Stockholm\"}}");
            a.expect(201, "POST", "/api/send-ports", "{\"name\":\"erp\",\"kind\":\"static\",\"pattern\":\"solicit-response\","
                    + "\"subscription\":{\"topics\":[\"orders\"]},\"transport\":{\"type\":\"http\",\"address\":"
                    + "\"https://erp.example/api\",\"options\":{\"method\":\"PUT\",\"headers\":[\"X-B\",\"X-A\"],"
                    + "\"secretHeaders\":{\"X-Zone\":\"${env:ERP_ZONE}\",\"X-Api-Key\":\"${env:ERP_KEY}\"}}},\"responseTopic\":\"erp.answers\"}");
            a.expect(201, "POST", "/api/send-ports", "{\"name\":\"anywhere\",\"kind\":\"dynamic\",\"pattern\":\"one-way\","
                    + "\"subscription\":{\"topics\":[\"orders\"]},\"allowedDestinations\":[\"kafka:out-*\",\"https://*.example/**\"]}");
            a.expect(201, "POST", "/api/send-port-groups", "{\"name\":\"all\",\"description\":\"off\",\"sendPorts\":"
                    + "[\"anywhere\",\"Orders-File\"],\"subscription\":{\"topics\":[\"group.in\"]}}");
            a.expect(200, "POST", "/api/send-ports/Orders-File/start", null);

            for (String type : new String[] {"application/json", "application/yaml"}) {
                Map<String, String> accept = Map.of("Accept", type);
                String exported = body(a.call("GET", "/api/bindings", null, accept));
                assertEquals(exported, body(a.call("GET", "/api/bindings", null, accept)), "the same file twice");
                assertTrue(exported.contains("${env:ERP_KEY}"), exported);
                String report = body(b.call("POST", "/api/bindings", exported, Map.of("Content-Type", type)));
                assertTrue(report.contains("\"name\":\"Orders-File\""), report);
                assertEquals(exported, body(b.call("GET", "/api/bindings", null, accept)), type);
            }
            assertTrue(b.expect(200, "GET", "/api/send-ports/Orders-File", null).contains("\"state\":\"unenlisted\""),
                    "imported ports are unenlisted, whatever their state where they came from");
            String again = b.expect(200, "POST", "/api/bindings", a.expect(200, "GET", "/api/bindings", null));
            assertTrue(!again.contains("\"created\"") && !again.contains("\"updated\""), again);
        }
    }

    private static String body(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }
}
