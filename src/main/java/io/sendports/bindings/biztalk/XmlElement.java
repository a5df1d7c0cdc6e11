package io.sendports.bindings.biztalk;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An element of a parsed binding file: its local name, attributes (by local name), child elements and the text
 * directly inside it. Built only by {@link SafeXml}, so every tree is within its bounds. Immutable.
 */
record XmlElement(String name, Map<String, String> attributes, List<XmlElement> children, String text) {
    private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

    XmlElement {
        attributes = Map.copyOf(attributes);
        children = List.copyOf(children);
    }

    /** The first child of this name. */
    Optional<XmlElement> child(String childName) {
        return children.stream().filter(c -> c.name.equals(childName)).findFirst();
    }

    /** Every child of this name, in document order. */
    List<XmlElement> children(String childName) {
        return children.stream().filter(c -> c.name.equals(childName)).toList();
    }

    /** The trimmed text of the first child of this name; empty when it is absent, nil or blank. */
    Optional<String> childText(String childName) {
        return child(childName).filter(c -> !c.nil()).map(c -> c.text.strip()).filter(t -> !t.isEmpty());
    }

    Optional<String> attribute(String attributeName) {
        return Optional.ofNullable(attributes.get(attributeName));
    }

    /** Whether the element is written {@code xsi:nil="true"}: BizTalk's null. */
    boolean nil() {
        return "true".equals(attributes.get("{" + XSI + "}nil"));
    }

    /** The name of the {@code xsi:nil} attribute as {@link SafeXml} keys it (namespaced attributes keep their URI). */
    static String qualified(String namespace, String localName) {
        return namespace == null || namespace.isEmpty() ? localName : "{" + namespace + "}" + localName;
    }
}
