package io.sendports.bindings.biztalk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a binding file refers to send ports from outside the send ports: orchestration bindings
 * ({@code ModuleRefCollection/…/Service/…/Port/SendPortRef}) and parties ({@code PartyCollection/Party/SendPorts/
 * SendPortRef}). Neither exists in Sendports; the references are reported on the ports they name.
 */
final class References {
    private References() {
    }

    /** BizTalk port name to the references to it, each as {@code ModuleRefCollection/Service[<name>]} and the like. */
    static Map<String, List<String>> of(XmlElement root) {
        Map<String, List<String>> references = new LinkedHashMap<>();
        root.child("ModuleRefCollection").ifPresent(modules -> walk(modules, "ModuleRefCollection", "Service",
                references));
        root.child("PartyCollection").filter(p -> !p.nil()).ifPresent(parties -> walk(parties, "PartyCollection",
                "Party", references));
        return references;
    }

    /** Depth is bounded by {@link SafeXml#MAX_DEPTH}, so the recursion is too. */
    private static void walk(XmlElement element, String collection, String owner, Map<String, List<String>> found) {
        for (XmlElement child : element.children()) {
            if (child.name().equals(owner)) {
                String ownerName = child.attribute("Name").orElse("");
                collect(child, collection + "/" + owner + "[" + ownerName + "]", found);
            } else {
                walk(child, collection, owner, found);
            }
        }
    }

    private static void collect(XmlElement element, String where, Map<String, List<String>> found) {
        for (XmlElement child : element.children()) {
            if (child.name().equals("SendPortRef") && !child.nil()) {
                child.attribute("Name").filter(n -> !n.isBlank()).ifPresent(name ->
                        found.computeIfAbsent(name, n -> new ArrayList<>()).add(where));
            } else {
                collect(child, where, found);
            }
        }
    }
}
