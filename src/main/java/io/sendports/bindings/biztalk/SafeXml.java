package io.sendports.bindings.biztalk;

import java.io.ByteArrayInputStream;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads untrusted XML into an {@link XmlElement} tree, refusing everything that lets a file reach outside itself or
 * grow beyond its size: a document type declaration (and with it every entity, internal or external: billion
 * laughs, XXE), more than {@link #MAX_BYTES} bytes, elements nested deeper than {@link #MAX_DEPTH} or more than
 * {@link #MAX_ELEMENTS} of them. The JDK's StAX parser is configured not to support DTDs or external entities and
 * to access no external DTD or schema; the DTD event is refused before any entity could be declared, so no
 * entity is ever expanded and no file or URL is ever opened.
 *
 * <p>The documents embedded in a binding file as text (a port's {@code Filter}, the {@code TransportTypeData}
 * custom properties) are read from characters ({@link #parse(String, String)}): they declare
 * {@code encoding="utf-16"} although they are text of a UTF-8 file, and a character stream makes the parser
 * ignore that declaration. Leading whitespace, which makes such a document malformed, is trimmed first.
 *
 * <p>Refusals name what was refused and where (line, column), never the content of the file.
 */
final class SafeXml {
    /** The largest binding file: the real ones seen are under 100 KB. */
    static final int MAX_BYTES = 10 * 1024 * 1024;
    /** The deepest nesting: a binding file nests about ten levels. */
    static final int MAX_DEPTH = 64;
    /** The most elements in one document. */
    static final int MAX_ELEMENTS = 200_000;

    private SafeXml() {
    }

    /** A factory per document: the StAX specification does not promise that one factory is thread-safe. */
    private static XMLInputFactory factory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setXMLResolver((publicId, systemId, base, namespace) -> {
            throw new XMLStreamException("external resources are refused");
        });
        return factory;
    }

    /** The root element of a binding file given as bytes (the encoding from its BOM or declaration). */
    static XmlElement parse(byte[] xml) {
        if (xml == null || xml.length == 0) {
            throw new BindingFileRefused("the binding file is empty");
        }
        if (xml.length > MAX_BYTES) {
            throw new BindingFileRefused("the binding file has " + xml.length + " bytes; at most " + MAX_BYTES
                    + " are accepted");
        }
        try {
            return read(factory().createXMLStreamReader(new ByteArrayInputStream(xml)), "the binding file");
        } catch (XMLStreamException e) {
            throw refused("the binding file", e.getLocation());
        }
    }

    /**
     * The root element of a document embedded as text, leading whitespace (and a byte order mark) trimmed.
     *
     * @param what names the document in a refusal, such as {@code the Filter of port 'a'}
     */
    static XmlElement parse(String text, String what) {
        String trimmed = text.strip();
        if (trimmed.startsWith("\uFEFF")) {
            trimmed = trimmed.substring(1).strip();
        }
        if (trimmed.length() > MAX_BYTES) {
            throw new BindingFileRefused(what + " is longer than " + MAX_BYTES + " characters");
        }
        Reader reader = new StringReader(trimmed);
        try {
            return read(factory().createXMLStreamReader(reader), what);
        } catch (XMLStreamException e) {
            throw refused(what, e.getLocation());
        }
    }

    private static XmlElement read(XMLStreamReader reader, String what) throws XMLStreamException {
        try {
            return tree(reader, what);
        } finally {
            reader.close();
        }
    }

    /** A partly read element: what {@link XmlElement} needs, gathered until its end tag. */
    private static final class Open {
        final String name;
        final Map<String, String> attributes = new LinkedHashMap<>();
        final List<XmlElement> children = new ArrayList<>();
        final StringBuilder text = new StringBuilder();

        Open(String name) {
            this.name = name;
        }

        XmlElement close() {
            return new XmlElement(name, attributes, children, text.toString());
        }
    }

    private static XmlElement tree(XMLStreamReader reader, String what) throws XMLStreamException {
        Deque<Open> open = new ArrayDeque<>();
        XmlElement root = null;
        int elements = 0;
        while (reader.hasNext()) {
            int event = reader.next();
            switch (event) {
                case XMLStreamConstants.DTD -> throw new BindingFileRefused(what + " has a document type declaration"
                        + " (DOCTYPE) at " + where(reader.getLocation())
                        + "; DTDs and entities are refused (they can read files or expand without bound)");
                case XMLStreamConstants.ENTITY_REFERENCE -> throw new BindingFileRefused(what + " refers to an entity ("
                        + reader.getLocalName() + ") at " + where(reader.getLocation()) + "; entities are refused");
                case XMLStreamConstants.START_ELEMENT -> {
                    if (++elements > MAX_ELEMENTS) {
                        throw new BindingFileRefused(what + " has more than " + MAX_ELEMENTS + " elements");
                    }
                    if (open.size() >= MAX_DEPTH) {
                        throw new BindingFileRefused(what + " nests elements deeper than " + MAX_DEPTH + " levels at "
                                + where(reader.getLocation()));
                    }
                    Open element = new Open(reader.getLocalName());
                    for (int i = 0; i < reader.getAttributeCount(); i++) {
                        element.attributes.put(XmlElement.qualified(reader.getAttributeNamespace(i),
                                reader.getAttributeLocalName(i)), reader.getAttributeValue(i));
                    }
                    open.push(element);
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (!open.isEmpty()) {
                        open.peek().text.append(reader.getText());
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    XmlElement done = open.pop().close();
                    if (open.isEmpty()) {
                        root = done;
                    } else {
                        open.peek().children.add(done);
                    }
                }
                default -> {
                    // comments, processing instructions and the end of the document carry nothing we read
                }
            }
        }
        if (root == null) {
            throw new BindingFileRefused(what + " has no root element");
        }
        return root;
    }

    private static BindingFileRefused refused(String what, Location location) {
        return new BindingFileRefused(what + " is not well-formed XML"
                + (location == null ? "" : " (at " + where(location) + ")"));
    }

    private static String where(Location location) {
        return location == null ? "an unknown place"
                : "line " + location.getLineNumber() + ", column " + location.getColumnNumber();
    }
}
