package io.sendports.bindings.biztalk;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.sendports.domain.Names;

/**
 * Translates a BizTalk binding file ({@code BindingInfo.xml}) into a Sendports bindings document (DESIGN.md §9,
 * docs/biztalk-mapping.md): {@code SendPortCollection} becomes ports, {@code DistributionListCollection} groups,
 * each subscribing to the one topic that stands for BizTalk's MessageBox, with context properties as headers of the
 * same name. Receive ports, orchestrations and parties are not translated; references from orchestrations and parties
 * to ports are reported. A pure function of its input: no framework, no file, no network.
 *
 * <p>The file is read by {@link SafeXml} (no DTD, no entity, bounded size, depth and element count). The result is
 * meant to be valid Sendports input; the import pipeline still validates every entry, as for any bindings file.
 */
public final class BizTalkBindings {
    /** The MessageBox topic when the caller names none (API.md "Bindings"). */
    public static final String DEFAULT_TOPIC = "biztalk.messagebox";

    private BizTalkBindings() {
    }

    /**
     * @param xml             the binding file as uploaded
     * @param messageBoxTopic the topic that stands for the MessageBox; null for {@link #DEFAULT_TOPIC}
     * @param json            builds the JSON nodes
     * @throws BindingFileRefused (a RuntimeException with a message for a 400) for an unsafe or malformed file
     */
    public static Translation translate(byte[] xml, String messageBoxTopic, ObjectMapper json) {
        String topic = messageBoxTopic == null ? DEFAULT_TOPIC : messageBoxTopic;
        String topicError = Names.topicNameError(topic);
        if (topicError != null) {
            throw new BindingFileRefused("topic " + topicError);
        }
        XmlElement root = SafeXml.parse(xml);
        if (!root.name().equals("BindingInfo")) {
            String shown = Report.shortened(root.name());
            throw new BindingFileRefused("the file is a <" + shown.substring(0, Math.min(shown.length(), 64))
                    + "> document, not a BizTalk <BindingInfo>");
        }
        Report report = new Report();
        Map<String, String> biztalkNames = new LinkedHashMap<>();
        List<XmlElement> portElements = collection(root, "SendPortCollection", "SendPort");
        List<XmlElement> groupElements = collection(root, "DistributionListCollection", "DistributionList");
        Map<String, List<String>> references = References.of(root);

        EntityNames portNames = new EntityNames("port", names(portElements, "send port"), Set.of());
        ArrayNode ports = json.createArrayNode();
        Map<String, Groups.Member> members = new LinkedHashMap<>();
        for (XmlElement element : portElements) {
            String biztalkName = element.attribute("Name").orElseThrow();
            String name = portNames.map(biztalkName);
            Report.Entity entity = report.on("port/" + name);
            renamed(biztalkName, name, "port", biztalkNames, entity);
            Ports.Translated port = translatePort(element, name, biztalkName, topic, json, entity);
            references.getOrDefault(biztalkName, List.of()).forEach(reference -> entity.add(reference, biztalkName,
                    "orchestrations and parties have no equivalent: what they sent to this port must be published to"
                            + " the topic so that the port's subscription takes it (a port without a filter takes "
                            + Ports.ADDRESSED + " == its BizTalk name)"));
            ports.add(port.json());
            members.putIfAbsent(biztalkName, new Groups.Member(name, port.oneWay()));
        }

        Set<String> renamedPorts = new HashSet<>(biztalkNames.keySet());
        EntityNames groupNames = new EntityNames("group", names(groupElements, "send port group"), renamedPorts);
        ArrayNode groups = json.createArrayNode();
        for (XmlElement element : groupElements) {
            String biztalkName = element.attribute("Name").orElseThrow();
            String name = groupNames.map(biztalkName);
            Report.Entity entity = report.on("group/" + name);
            renamed(biztalkName, name, "group", biztalkNames, entity);
            groups.add(Groups.translate(element, name, topic, members, json, entity));
        }

        ObjectNode bindings = json.createObjectNode().put("version", 1);
        bindings.set("sendPorts", ports);
        bindings.set("sendPortGroups", groups);
        return new Translation(bindings, report.entries(), biztalkNames);
    }

    private static Ports.Translated translatePort(XmlElement element, String name, String biztalkName, String topic,
            ObjectMapper json, Report.Entity entity) {
        try {
            return Ports.translate(element, name, topic, json, entity);
        } catch (BindingFileRefused e) {
            if (e.getMessage().contains("port '")) {
                throw e;
            }
            throw new BindingFileRefused("send port '" + Report.shortened(biztalkName) + "': " + e.getMessage());
        }
    }

    private static void renamed(String biztalkName, String name, String kind, Map<String, String> biztalkNames,
            Report.Entity entity) {
        if (!name.equals(biztalkName)) {
            biztalkNames.put(name, biztalkName);
            entity.add("Name", biztalkName, "Sendports names are 1-100 of A-Z a-z 0-9 . _ - (docs/biztalk-mapping.md,"
                    + " \"Names\"); the " + kind + " is named " + name);
        }
    }

    private static List<XmlElement> collection(XmlElement root, String collection, String item) {
        return root.child(collection).filter(c -> !c.nil()).map(c -> c.children(item)).orElse(List.of());
    }

    private static List<String> names(List<XmlElement> elements, String what) {
        List<String> names = new ArrayList<>();
        for (XmlElement element : elements) {
            String name = element.attribute("Name").orElseThrow(
                    () -> new BindingFileRefused("a " + what + " has no Name attribute"));
            if (name.isBlank()) {
                throw new BindingFileRefused("a " + what + " has an empty Name");
            }
            names.add(name);
        }
        return names;
    }
}
