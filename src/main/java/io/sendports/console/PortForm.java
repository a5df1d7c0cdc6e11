package io.sendports.console;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.sendports.control.PortDocument;
import io.sendports.control.PortDocument.StatementDocument;

/**
 * The Send Port Properties form's values: a port's definition as the form's fields hold them, each field named by
 * its JSON path ({@code transport.options.method}). console.js turns the fields back into the API's JSON, so the
 * form and the API share one validation and one set of field names: a 400's {@code errors[].field} names the field
 * it belongs beside.
 *
 * @param creating true for New ▸, false for the properties of an existing port
 */
public record PortForm(boolean creating, String kind, String pattern, Long revision, Map<String, String> values,
        List<List<StatementDocument>> filter) {
    /** Fields that hold a map, written one {@code name=value} per line. */
    private static final Set<String> MAPS = Set.of("transport.options.properties", "transport.options.secretHeaders",
            "backupTransport.options.properties", "backupTransport.options.secretHeaders");
    /** Fields that hold a list, written one item per line (the others join with a comma). */
    private static final Set<String> LINES = Set.of("allowedDestinations");

    static PortForm creating(String kind, String pattern) {
        return new PortForm(true, kind, pattern, null, Map.of(), List.of());
    }

    static PortForm editing(PortDocument port, ObjectMapper json) {
        Map<String, String> values = new LinkedHashMap<>();
        flatten("", json.valueToTree(definition(port)), values);
        List<List<StatementDocument>> filter = port.subscription() == null || port.subscription().filter() == null
                ? List.of() : port.subscription().filter();
        return new PortForm(false, port.kind(), port.pattern(), port.revision(), values, filter);
    }

    /** The definition alone: the read-only fields are no field of the form. */
    private static PortDocument definition(PortDocument port) {
        return new PortDocument(port.name(), port.description(), port.kind(), port.pattern(), port.subscription(),
                port.transport(), port.retry(), port.backupTransport(), port.orderedDelivery(), port.stopOnFailure(),
                port.serviceWindow(), port.responseTopic(), port.responseTimeout(), port.allowedDestinations(), null,
                null, null, null, null, null);
    }

    private static void flatten(String path, JsonNode node, Map<String, String> values) {
        if (path.equals("subscription.filter")) {
            return;
        }
        if (node.isObject() && MAPS.contains(path)) {
            StringBuilder lines = new StringBuilder();
            node.fields().forEachRemaining(entry -> lines.append(entry.getKey()).append('=')
                    .append(entry.getValue().asText()).append('\n'));
            values.put(path, lines.toString().strip());
        } else if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                flatten(path.isEmpty() ? field.getKey() : path + "." + field.getKey(), field.getValue(), values);
            }
        } else if (node.isArray()) {
            StringBuilder joined = new StringBuilder();
            for (JsonNode item : node) {
                if (!joined.isEmpty()) {
                    joined.append(LINES.contains(path) ? "\n" : ", ");
                }
                joined.append(item.asText());
            }
            values.put(path, joined.toString());
        } else if (!node.isNull()) {
            values.put(path, node.asText());
        }
    }

    /** The field's value, empty when it has none. */
    public String v(String path) {
        return values.getOrDefault(path, "");
    }

    /** The field {@code name} of the transport at {@code prefix} ({@code transport} or {@code backupTransport}). */
    public String at(String prefix, String name) {
        return v(prefix + "." + name);
    }

    /** Whether the field {@code name} of the transport at {@code prefix} has the value. */
    public boolean isAt(String prefix, String name, String value) {
        return is(prefix + "." + name, value);
    }

    /** Whether a boolean field is true. */
    public boolean on(String path) {
        return "true".equals(values.get(path));
    }

    /** Whether a field has the value (a select's option, the transport type). */
    public boolean is(String path, String value) {
        return value.equals(values.get(path));
    }

    public boolean dynamic() {
        return "dynamic".equals(kind);
    }

    public boolean solicitResponse() {
        return "solicit-response".equals(pattern);
    }

    /** The primary transport's type: the port's, or http for a new port. */
    public String transportType() {
        return values.getOrDefault("transport.type", "http");
    }

    /** The backup transport's type, empty for none. */
    public String backupType() {
        return values.getOrDefault("backupTransport.type", "");
    }

    public String kindLabel() {
        return Labels.kind(kind, pattern);
    }

    /** The filter as the editor's rows. */
    public List<List<Statement>> statements() {
        return Statement.of(filter);
    }

    public Statement blank() {
        return Statement.BLANK;
    }
}
