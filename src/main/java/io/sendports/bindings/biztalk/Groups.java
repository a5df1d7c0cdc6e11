package io.sendports.bindings.biztalk;

import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One BizTalk {@code DistributionList} (send port group) as the group JSON of {@code POST /api/send-port-groups}:
 * its members by their Sendports names, and a subscription of its own to the MessageBox topic with its filter. A
 * member the file does not define, or a solicit-response one (which no group may hold), is left out and reported.
 * A group without a filter subscribes to {@code BTS.SPGroupName == <BizTalk name>}, as a port without one does to
 * {@code BTS.SPName}: BizTalk sends it only what orchestrations bound to it route to it.
 */
final class Groups {
    /** The header that addresses a message to a group by name; BizTalk has no such property, so this import names it. */
    static final String ADDRESSED = "BTS.SPGroupName";

    private Groups() {
    }

    /**
     * @param ports BizTalk port name to its translation, for the ports the file defines
     */
    static ObjectNode translate(XmlElement group, String name, String topic, Map<String, Member> ports,
            ObjectMapper json, Report.Entity report) {
        String biztalkName = group.attribute("Name").orElseThrow();
        ObjectNode node = json.createObjectNode().put("name", name);
        Ports.description(group, node, report);
        ArrayNode members = node.putArray("sendPorts");
        group.child("SendPorts").filter(s -> !s.nil()).map(s -> s.children("SendPortRef"))
                .orElse(java.util.List.of()).forEach(ref -> {
                    String member = ref.attribute("Name").orElse("");
                    Member port = ports.get(member);
                    if (port == null) {
                        report.add("SendPorts/SendPortRef", member, "the file does not define this port; it is not"
                                + " a member (import the binding file that defines it, then add it)");
                    } else if (!port.oneWay()) {
                        report.add("SendPorts/SendPortRef", member, "a solicit-response port cannot be a group"
                                + " member; it is not a member");
                    } else if (!contains(members, port.name())) {
                        members.add(port.name());
                    }
                });
        node.set("subscription", Ports.subscription(group.child("Filter"), "the Filter of group '" + biztalkName
                + "'", ADDRESSED, biztalkName, topic, json, report));
        group.childText("ApplicationName").ifPresent(app -> report.add("ApplicationName", app,
                "Sendports has no applications: names are global"));
        return node;
    }

    /** A port as a group sees it: its Sendports name and whether it is one-way. */
    record Member(String name, boolean oneWay) {
    }

    private static boolean contains(ArrayNode array, String value) {
        for (var element : array) {
            if (element.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }
}
