package io.sendports;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.sendports.broker.KafkaBroker;
import io.sendports.testsupport.ApiCallRecorder;
import io.sendports.testsupport.ServiceProcess;

/**
 * The OpenAPI document tells the truth: every status that the API answered during the {@code @QuarkusTest}
 * suite (recorded by {@link ApiCallRecorder}, which runs before the integration tests) is documented for its
 * operation in {@code /q/openapi} of the packaged service.
 */
class OpenApiContractIT {
    @TempDir
    Path work;

    @Test
    void everyStatusTheApiAnsweredIsDocumented() throws Exception {
        List<String> calls = ApiCallRecorder.recorded();
        assertTrue(!calls.isEmpty(), "no API call was recorded in " + ApiCallRecorder.DIRECTORY
                + ": run the unit and @QuarkusTest suite first (./mvnw verify does)");
        JsonNode paths;
        try (KafkaBroker broker = KafkaBroker.start(work.resolve("kafka"), KafkaBroker.freePort(), KafkaBroker.freePort());
                ServiceProcess service = new ServiceProcess(broker.bootstrapServers(), work).start()) {
            paths = new ObjectMapper().readTree(service.expect(200, "GET", "/q/openapi?format=json", null)).path("paths");
        }
        Map<Pattern, String> templates = new java.util.LinkedHashMap<>();
        for (Iterator<String> names = paths.fieldNames(); names.hasNext();) {
            String template = names.next();
            templates.put(Pattern.compile(template.replaceAll("\\{[^}]+}", "[^/]+")), template);
        }
        TreeSet<String> missing = new TreeSet<>();
        for (String call : calls) {
            String[] fields = call.split("\t");
            String method = fields[0].toLowerCase();
            String path = fields[1];
            String status = fields[2];
            List<String> matching = new ArrayList<>();
            templates.forEach((pattern, template) -> {
                if (pattern.matcher(path).matches()) {
                    matching.add(template);
                }
            });
            if (matching.isEmpty()) {
                missing.add(method.toUpperCase() + " " + path + " (no such path in the document) " + status);
                continue;
            }
            // A literal segment wins over a parameter, as in JAX-RS matching: the template with fewest parameters.
            matching.sort(java.util.Comparator.comparingInt(t -> t.split("\\{", -1).length));
            String template = matching.get(0);
            JsonNode operation = paths.path(template).path(method);
            if (operation.isMissingNode()) {
                missing.add(method.toUpperCase() + " " + template + " (no such operation) " + status);
            } else if (operation.path("responses").path(status).isMissingNode()) {
                missing.add(method.toUpperCase() + " " + template + " " + status);
            }
        }
        assertTrue(missing.isEmpty(), "statuses the API answered but /q/openapi does not document:\n"
                + String.join("\n", missing));
    }
}
