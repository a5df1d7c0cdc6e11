package io.sendports.bindings.biztalk;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.sendports.domain.Limits;

/**
 * One BizTalk {@code SendPort} as the port JSON of {@code POST /api/send-ports} (docs/biztalk-mapping.md):
 * {@code IsStatic}/{@code IsTwoWay} give kind and pattern; the port subscribes to the MessageBox topic with its
 * filter; the primary transport, retries, backup transport, ordered delivery, stop on failure and the service window
 * are mapped; everything else is reported.
 *
 * <p>Two decisions, both documented: a port without a filter subscribes to {@code BTS.SPName == <BizTalk name>}
 * ({@link #ADDRESSED}), since BizTalk sends it only what orchestrations bound to it (or its groups) route to it; a
 * port whose adapter has no Sendports transport is imported with a {@linkplain #placeholder placeholder}
 * destination that cannot deliver.
 */
final class Ports {
    /** The header that addresses a message to a port by name, as BizTalk's context property of the send port. */
    static final String ADDRESSED = "BTS.SPName";
    /** The only destination a dynamic port's allow-list allows: {@code .invalid} never resolves (RFC 6761). */
    static final String DENY_ALL = "http://deny-all.invalid/";
    private static final String PASS_THROUGH_SEND = "Microsoft.BizTalk.DefaultPipelines.PassThruTransmit";
    private static final String PASS_THROUGH_RECEIVE = "Microsoft.BizTalk.DefaultPipelines.PassThruReceive";
    private static final int DEFAULT_PRIORITY = 5;

    private Ports() {
    }

    /** What the rest of the translation needs to know of a translated port. */
    record Translated(ObjectNode json, boolean oneWay) {
    }

    static Translated translate(XmlElement port, String name, String topic, ObjectMapper json, Report.Entity report) {
        String biztalkName = port.attribute("Name").orElseThrow();
        boolean isStatic = flag(port, "IsStatic", biztalkName);
        boolean twoWay = flag(port, "IsTwoWay", biztalkName);
        ObjectNode node = json.createObjectNode().put("name", name);
        description(port, node, report);
        node.put("kind", isStatic ? "static" : "dynamic").put("pattern", twoWay ? "solicit-response" : "one-way");
        node.set("subscription", subscription(port.child("Filter"), "the Filter of port '" + biztalkName + "'",
                biztalkName, topic, json, report));
        Optional<XmlElement> primary = port.child("PrimaryTransport").filter(p -> !p.nil());
        if (isStatic) {
            node.set("transport", primary(primary, twoWay, name, biztalkName, json, report));
        } else if (primary.flatMap(p -> p.childText("Address")).isPresent()) {
            report.add("PrimaryTransport", primary.get().childText("Address").get(),
                    "a dynamic port has no transport: each message names its destination; ignored");
        }
        node.set("retry", primary.map(p -> Schedules.retry(p, "PrimaryTransport", json, report))
                .orElseGet(() -> Schedules.retry(port, "PrimaryTransport", json, report)));
        if (isStatic) {
            backup(port.child("SecondaryTransport").filter(p -> !p.nil()), twoWay, name, biztalkName, json, report)
                    .ifPresent(backup -> node.set("backupTransport", backup));
        }
        boolean ordered = port.childText("OrderedDelivery").map(Boolean::parseBoolean).orElse(false);
        boolean stop = port.childText("StopSendingOnFailure").map(Boolean::parseBoolean).orElse(false);
        node.put("orderedDelivery", ordered);
        if (stop && !ordered) {
            report.add("StopSendingOnFailure", "true", "applies only with ordered delivery, in BizTalk as in"
                    + " Sendports; left out");
        }
        node.put("stopOnFailure", stop && ordered);
        primary.flatMap(p -> Schedules.window(p, "PrimaryTransport", json, report))
                .ifPresent(window -> node.set("serviceWindow", window));
        if (!isStatic) {
            node.set("allowedDestinations", json.createArrayNode().add(DENY_ALL));
            report.add("IsStatic", "false", "a dynamic port: BizTalk sends it anywhere a message says; Sendports only"
                    + " where its allow-list allows. The import does not invent one: allowedDestinations is "
                    + DENY_ALL + ", which allows no reachable destination. Review it and list the real destinations"
                    + " before the port is started");
        }
        reportUnmapped(port, twoWay, report);
        return new Translated(node, !twoWay);
    }

    /** The description, cut to Sendports' 256 characters (the console's limit too; a hand-edited file may pass it). */
    static void description(XmlElement entity, ObjectNode node, Report.Entity report) {
        entity.childText("Description").ifPresent(description -> {
            if (description.length() > Limits.DESCRIPTION) {
                report.add("Description", description, "cut to " + Limits.DESCRIPTION + " characters");
                node.put("description", description.substring(0, Limits.DESCRIPTION));
            } else {
                node.put("description", description);
            }
        });
    }

    /** The subscription of a port or group: the MessageBox topic and the filter (or the addressed-to rule). */
    static ObjectNode subscription(Optional<XmlElement> filter, String what, String biztalkName, String topic,
            ObjectMapper json, Report.Entity report) {
        return subscription(filter, what, ADDRESSED, biztalkName, topic, json, report);
    }

    static ObjectNode subscription(Optional<XmlElement> filter, String what, String addressedHeader,
            String biztalkName, String topic, ObjectMapper json, Report.Entity report) {
        ObjectNode subscription = json.createObjectNode();
        subscription.set("topics", json.createArrayNode().add(topic));
        ArrayNode groups = Filters.translate(filter, what, json, report).orElseGet(() -> {
            report.add("Filter", "", "no filter: in BizTalk only orchestrations bound to it send it messages"
                    + (addressedHeader.equals(ADDRESSED) ? " (and its groups, through their own filters)" : "")
                    + ". It subscribes to " + addressedHeader + " == '"
                    + biztalkName + "', so it takes only messages addressed to it by that header, not every message"
                    + " of the topic");
            ArrayNode addressed = json.createArrayNode();
            addressed.addArray().addObject().put("property", addressedHeader).put("operator", "==")
                    .put("value", biztalkName);
            return addressed;
        });
        subscription.set("filter", groups);
        return subscription;
    }

    private static ObjectNode primary(Optional<XmlElement> primary, boolean twoWay, String name, String biztalkName,
            ObjectMapper json, Report.Entity report) {
        if (primary.isEmpty()) {
            report.add("PrimaryTransport", "", "a static port without a primary transport; it gets a placeholder"
                    + " destination that cannot deliver");
            return placeholder("none", json);
        }
        Adapters.Source source = source(primary.get(), "PrimaryTransport", biztalkName);
        reportHandler(primary.get(), "PrimaryTransport", report);
        Optional<ObjectNode> mapped = Adapters.translate(source, secretPrefix(name), json, report);
        if (twoWay && mapped.isPresent() && !mapped.get().path("type").asText().equals("http")) {
            report.add("PrimaryTransport/TransportType", source.adapter(), "a solicit-response port needs a transport"
                    + " that answers (http); " + source.adapter() + " gives no answer, so it is imported with a"
                    + " placeholder destination under .invalid that cannot deliver");
            return placeholder(source.adapter(), json);
        }
        return mapped.orElseGet(() -> {
            report.add("PrimaryTransport/TransportType", source.adapter(), unsupported(source));
            if (!source.props().all().isEmpty()) {
                report.add("PrimaryTransport/TransportTypeData", primary.get().childText("TransportTypeData")
                        .orElse(""), "the " + source.adapter() + " adapter's settings; not imported");
            }
            return placeholder(source.adapter(), json);
        });
    }

    private static Optional<ObjectNode> backup(Optional<XmlElement> secondary, boolean twoWay, String name,
            String biztalkName, ObjectMapper json, Report.Entity report) {
        if (secondary.isEmpty() || secondary.get().childText("Address").isEmpty()) {
            return Optional.empty();
        }
        Adapters.Source source = source(secondary.get(), "SecondaryTransport", biztalkName);
        reportHandler(secondary.get(), "SecondaryTransport", report);
        Optional<ObjectNode> transport = Adapters.translate(source, secretPrefix(name) + "_BACKUP", json, report);
        if (transport.isEmpty()) {
            report.add("SecondaryTransport/TransportType", source.adapter(), "Sendports has no transport for the "
                    + source.adapter() + " adapter or cannot read its address '" + Report.shortened(source.address())
                    + "'; no backup transport is set");
            return Optional.empty();
        }
        if (twoWay && !transport.get().path("type").asText().equals("http")) {
            report.add("SecondaryTransport/TransportType", source.adapter(), "a solicit-response port's backup must"
                    + " give a response (http); no backup transport is set");
            return Optional.empty();
        }
        secondary.flatMap(s -> s.childText("ServiceWindowEnabled")).filter(Boolean::parseBoolean).ifPresent(
                enabled -> report.add("SecondaryTransport/ServiceWindowEnabled", enabled, "a backup transport has no"
                        + " service window of its own in Sendports; the port's window applies"));
        ObjectNode backup = transport.get();
        backup.set("retry", Schedules.retry(secondary.get(), "SecondaryTransport", json, report));
        return Optional.of(backup);
    }

    private static Adapters.Source source(XmlElement transport, String element, String biztalkName) {
        String adapter = transport.child("TransportType").flatMap(t -> t.attribute("Name")).orElse("none");
        CustomProps props = CustomProps.of(transport.child("TransportTypeData"),
                "the " + element + " TransportTypeData of port '" + biztalkName + "'");
        return new Adapters.Source(element, adapter, transport.childText("Address").orElse(""), props);
    }

    private static String unsupported(Adapters.Source source) {
        String nul = source.adapter().equalsIgnoreCase("nulladapter")
                ? " (the null adapter discards messages; Sendports has no discard transport)" : "";
        return "Sendports has no transport for the " + source.adapter() + " adapter" + nul + " or cannot read its"
                + " address '" + Report.shortened(source.address()) + "'; it is imported with a placeholder destination"
                + " under .invalid; it cannot deliver: give it a real transport before it is started";
    }

    /**
     * A destination that takes the port's shape (http answers, so it suits both patterns) and can never deliver:
     * {@code .invalid} names resolve nowhere (RFC 6761), so every attempt fails, is retried and is suspended, and
     * nothing is lost should the port be started before it is given a real transport.
     */
    static ObjectNode placeholder(String adapter, ObjectMapper json) {
        String label = adapter.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return json.createObjectNode().put("type", "http").put("address",
                "http://" + (label.isEmpty() ? "adapter" : label) + ".not-mapped.invalid/");
    }

    private static void reportHandler(XmlElement transport, String element, Report.Entity report) {
        transport.child("SendHandler").filter(h -> !h.nil()).flatMap(h -> h.attribute("Name")).ifPresent(host ->
                report.add(element + "/SendHandler", host, "BizTalk hosts have no equivalent: every Sendports"
                        + " instance delivers for every port"));
    }

    private static void reportUnmapped(XmlElement port, boolean twoWay, Report.Entity report) {
        port.child("TransmitPipeline").filter(p -> !p.nil()).ifPresent(p -> pipeline(p, "TransmitPipeline",
                PASS_THROUGH_SEND, report));
        port.childText("SendPipelineData").ifPresent(data -> report.add("SendPipelineData", data,
                "pipeline component settings have no equivalent"));
        port.child("EncryptionCert").filter(c -> !c.nil()).ifPresent(cert -> report.add("EncryptionCert",
                cert.attribute("ShortName").orElse(cert.attribute("ThumbPrint").orElse("")),
                "S/MIME encryption in the pipeline has no equivalent; messages are sent as they are"));
        if (twoWay) {
            port.child("ReceivePipeline").filter(p -> !p.nil()).ifPresent(p -> pipeline(p, "ReceivePipeline",
                    PASS_THROUGH_RECEIVE, report));
        }
        port.childText("ReceivePipelineData").ifPresent(data -> report.add("ReceivePipelineData", data,
                "pipeline component settings have no equivalent"));
        port.childText("Tracking").filter(t -> !t.equals("0")).ifPresent(t -> report.add("Tracking", t,
                "message tracking has no equivalent; Sendports keeps metrics and suspended messages, not a"
                        + " tracking database"));
        maps(port, "Transforms", report);
        maps(port, "InboundTransforms", report);
        port.childText("Priority").filter(p -> !p.equals(String.valueOf(DEFAULT_PRIORITY))).ifPresent(p ->
                report.add("Priority", p, "Kafka has no message priority; every port consumes at its own pace"));
        port.childText("RouteFailedMessage").filter(Boolean::parseBoolean).ifPresent(r -> report.add(
                "RouteFailedMessage", r, "failed-message routing has no equivalent: a message that cannot be"
                        + " delivered is suspended (sendports.suspended), not published with ErrorReport.*"));
        port.childText("ApplicationName").ifPresent(app -> report.add("ApplicationName", app,
                "Sendports has no applications: names are global"));
    }

    private static void pipeline(XmlElement pipeline, String element, String passThrough, Report.Entity report) {
        String name = pipeline.attribute("Name").orElse("");
        if (!name.equals(passThrough)) {
            report.add(element, name, "pipelines have no equivalent; messages pass through");
        }
        pipeline.attribute("TrackingOption").filter(t -> !t.isBlank() && !t.equals("None")).ifPresent(t ->
                report.add(element + "/@TrackingOption", t, "pipeline tracking has no equivalent"));
    }

    private static void maps(XmlElement port, String element, Report.Entity report) {
        port.child(element).filter(t -> !t.nil()).map(t -> t.children("Transform")).orElse(List.of()).forEach(map ->
                report.add(element + "/Transform", map.attribute("FullName").orElse(""),
                        "maps have no equivalent; messages are sent untransformed"));
    }

    private static boolean flag(XmlElement port, String attribute, String biztalkName) {
        String value = port.attribute(attribute).orElseThrow(() -> new BindingFileRefused(
                "send port '" + Report.shortened(biztalkName) + "' has no " + attribute + " attribute"));
        return Boolean.parseBoolean(value.strip());
    }

    /** {@code BIZTALK_<NAME>}: the start of the environment variables of a port's secret references. */
    static String secretPrefix(String name) {
        return "BIZTALK_" + name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_").replaceAll("^_+|_+$", "");
    }
}
