package io.sendports.bindings.biztalk;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The adapter settings of a transport ({@code TransportTypeData}): an escaped {@code <CustomProps>} document whose
 * children each carry a VARIANT type in {@code vt} (BIZTALK-BINDINGS.md §2.2): 1 null (a password the export
 * stripped), 3 and 19 numbers, 8 text, 11 a VARIANT_BOOL where -1 is true.
 */
final class CustomProps {
    /** The VARIANT type of a value that an export stripped: BizTalk writes passwords as {@code vt="1"}. */
    static final String VT_NULL = "1";

    /** One property: its VARIANT type and its text. */
    record Prop(String vt, String value) {
        boolean stripped() {
            return VT_NULL.equals(vt);
        }
    }

    private final Map<String, Prop> props;

    private CustomProps(Map<String, Prop> props) {
        this.props = props;
    }

    static final CustomProps NONE = new CustomProps(Map.of());

    /** The properties of a {@code TransportTypeData} element; none when it is absent, nil or empty. */
    static CustomProps of(Optional<XmlElement> transportTypeData, String what) {
        Optional<String> text = transportTypeData.filter(e -> !e.nil()).map(XmlElement::text).map(String::strip)
                .filter(t -> !t.isEmpty());
        XmlElement root;
        if (text.isPresent()) {
            root = SafeXml.parse(text.get(), what);
        } else {
            // an export that wrote the properties as elements rather than as escaped text
            root = transportTypeData.flatMap(e -> e.child("CustomProps")).orElse(null);
        }
        if (root == null) {
            return NONE;
        }
        Map<String, Prop> props = new LinkedHashMap<>();
        for (XmlElement child : root.children()) {
            props.put(child.name(), new Prop(child.attribute("vt").orElse(""), child.text().strip()));
        }
        return new CustomProps(Collections.unmodifiableMap(props));
    }

    Map<String, Prop> all() {
        return props;
    }

    Optional<String> text(String name) {
        return Optional.ofNullable(props.get(name)).filter(p -> !p.stripped()).map(Prop::value)
                .filter(v -> !v.isEmpty());
    }

    /** A VARIANT_BOOL: -1 (or "true") is true. */
    Optional<Boolean> bool(String name) {
        return text(name).map(v -> v.equals("-1") || v.equalsIgnoreCase("true"));
    }
}
