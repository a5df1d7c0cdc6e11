package io.sendports.bindings.biztalk;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A BizTalk {@code Filter} (BIZTALK-BINDINGS.md §2.4) as a Sendports filter: the element's text is an XML document
 * of {@code Group}s (ORed) of {@code Statement}s (ANDed), which is already Sendports' disjunctive normal form. Each
 * statement keeps its context property as the header name ({@code BTS.ReceivePortName}) and its value as written;
 * operator codes 0–6 are {@code ==, <, <=, >, >=, !=, exists}.
 */
final class Filters {
    private static final List<String> OPERATORS = List.of("==", "<", "<=", ">", ">=", "!=", "exists");
    private static final String EXISTS = "exists";

    private Filters() {
    }

    /**
     * The filter of an entity, or empty when the file gives it none (the element missing, {@code <Filter />}, or a
     * document without groups). A {@code Group} without statements is left out and reported.
     *
     * @throws BindingFileRefused when the document is not a readable filter
     */
    static Optional<ArrayNode> translate(Optional<XmlElement> filter, String what, ObjectMapper json,
            Report.Entity report) {
        Optional<String> text = filter.filter(f -> !f.nil()).map(XmlElement::text).map(String::strip)
                .filter(t -> !t.isEmpty());
        if (text.isEmpty()) {
            return Optional.empty();
        }
        XmlElement root = SafeXml.parse(text.get(), what);
        if (!root.name().equals("Filter")) {
            throw new BindingFileRefused(what + " is a <" + root.name() + "> document, not a <Filter>");
        }
        ArrayNode groups = json.createArrayNode();
        List<XmlElement> found = root.children("Group");
        for (int g = 0; g < found.size(); g++) {
            List<XmlElement> statements = found.get(g).children("Statement");
            if (statements.isEmpty()) {
                report.add("Filter/Group[" + (g + 1) + "]", "", "a filter group without statements is left out"
                        + " (Sendports needs at least one statement per group)");
                continue;
            }
            ArrayNode group = groups.addArray();
            for (XmlElement statement : statements) {
                ObjectNode mapped = statement(statement, what, json);
                if (mapped.path("value").asText().contains("$(")) {
                    report.add("Filter/Statement[" + mapped.get("property").asText() + "]", mapped.get("value").asText(),
                            "a deployment placeholder $(…) is kept as written: replace it with the environment's value");
                }
                group.add(mapped);
            }
        }
        return groups.isEmpty() ? Optional.empty() : Optional.of(groups);
    }

    private static ObjectNode statement(XmlElement statement, String what, ObjectMapper json) {
        String property = statement.attribute("Property").orElseThrow(
                () -> new BindingFileRefused(what + " has a Statement without a Property"));
        String code = statement.attribute("Operator").orElseThrow(
                () -> new BindingFileRefused(what + " has a Statement without an Operator"));
        String operator = operator(code.strip(), what);
        ObjectNode node = json.createObjectNode().put("property", property).put("operator", operator);
        if (!operator.equals(EXISTS)) {
            // BizTalk writes Value="" for a comparison with the empty string; a missing Value means the same
            node.put("value", statement.attribute("Value").orElse(""));
        }
        return node;
    }

    private static String operator(String code, String what) {
        if (code.length() == 1 && code.charAt(0) >= '0' && code.charAt(0) <= '6') {
            return OPERATORS.get(code.charAt(0) - '0');
        }
        String shown = Report.shortened(code);
        throw new BindingFileRefused(what + " has a Statement with operator code '"
                + shown.substring(0, Math.min(shown.length(), 16)) + "'; BizTalk's codes are 0 to 6");
    }
}
