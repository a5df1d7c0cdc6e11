package io.sendports.bindings.biztalk;

import static io.sendports.bindings.biztalk.BizTalkAssertions.assertValid;
import static io.sendports.bindings.biztalk.BizTalkAssertions.group;
import static io.sendports.bindings.biztalk.BizTalkAssertions.notMapped;
import static io.sendports.bindings.biztalk.BizTalkAssertions.oneNotMapped;
import static io.sendports.bindings.biztalk.BizTalkAssertions.port;
import static io.sendports.bindings.biztalk.BizTalkAssertions.resource;
import static io.sendports.bindings.biztalk.BizTalkAssertions.translate;
import static io.sendports.bindings.biztalk.BizTalkXmlSafetyTest.binding;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.sendports.domain.Destination;
import io.sendports.domain.FilterOperator;
import io.sendports.domain.FilterStatement;
import io.sendports.domain.Names;
import io.sendports.domain.SendPort;
import io.sendports.transport.TransportRegistry;

/**
 * What no real export shows, from the project's own synthetic files ({@code src/test/resources/biztalk}) and small
 * binding files written inline: a backup transport, an enabled service window, operators 1–4 and 6, CRLF line
 * endings, a utf-16-declared filter with leading whitespace, a dynamic solicit-response port, and the edge cases of
 * the mapping rules.
 */
class BizTalkBindingsSyntheticTest {

    @Test
    void backupTransportWindowOperatorsCrlfAndIndentedFilter() {
        byte[] xml = resource("synthetic-backup-window-operators-crlf.xml");
        assertTrue(new String(xml, StandardCharsets.UTF_8).contains("\r\n      <Filter>\r\n        &lt;?xml"),
                "the fixture has CRLF line endings and whitespace before the filter's declaration");
        Translation t = translate(xml);
        SendPort port = assertValid(t).get(Names.key("Synthetic-Orders-Env"));
        assertEquals("Synthetic Orders $(Env)", t.biztalkNames().get("Synthetic-Orders-Env"));

        List<List<FilterStatement>> groups = port.subscription().filter().groups();
        assertEquals(List.of(
                List.of(new FilterStatement("Orders.Amount", FilterOperator.LT, "100"),
                        new FilterStatement("Orders.Lines", FilterOperator.LE, "10")),
                List.of(new FilterStatement("Orders.Amount", FilterOperator.GT, "5000"),
                        new FilterStatement("Orders.Priority", FilterOperator.GE, "7"),
                        new FilterStatement("Orders.Express", FilterOperator.EXISTS, null)),
                List.of(new FilterStatement("Orders.Region", FilterOperator.NE, "test"),
                        new FilterStatement("BTS.ReceivePortName", FilterOperator.EQ, "Orders In"))), groups);

        assertEquals("https://erp.example.com/orders", port.destination().address());
        assertEquals(Duration.ofSeconds(45), port.destination().timeout());
        assertEquals(4, port.retry().count());
        assertEquals(Duration.ofMinutes(2), port.retry().interval());
        assertEquals("file", port.backup().destination().type());
        assertEquals("file:///mnt/fileserver/spool/orders", port.backup().destination().address());
        assertEquals(Map.of("fileName", "%datetime%_%MessageID%.xml", "mode", "overwrite"),
                port.backup().destination().options());
        assertEquals(1, port.backup().retry().count());
        assertEquals(Duration.ofMinutes(10), port.backup().retry().interval());
        assertEquals(LocalTime.of(7, 30), port.serviceWindow().from());
        assertEquals(LocalTime.of(19, 0), port.serviceWindow().to());
        assertEquals(ZoneId.of("UTC"), port.serviceWindow().zone());
        assertTrue(port.orderedDelivery());
        assertTrue(port.stopOnFailure());
        assertEquals("Orders to the ERP, files when it is down", port.description());

        String entity = "port/Synthetic-Orders-Env";
        JsonNode json = port(t, "Synthetic-Orders-Env");
        assertNull(json.at("/transport/options").get("auth"), "no credential is invented");
        assertEquals("", oneNotMapped(t, entity, "PrimaryTransport/TransportTypeData/Password").value());
        assertEquals("Basic", oneNotMapped(t, entity, "PrimaryTransport/TransportTypeData/AuthenticationScheme").value());
        assertEquals("text/xml", oneNotMapped(t, entity, "PrimaryTransport/TransportTypeData/ContentType").value());
        assertTrue(notMapped(t, entity, "SecondaryTransport/Address").stream()
                .anyMatch(e -> e.value().equals("%datetime.tz%")), t.notMapped().toString());
        assertTrue(oneNotMapped(t, entity, "PrimaryTransport/FromTime").note().contains("zone"));
        assertEquals(1, notMapped(t, entity, "SecondaryTransport/SendHandler").size());
        assertTrue(notMapped(t, entity, "Filter").isEmpty(), "the port has a filter");
    }

    @Test
    void dynamicSolicitResponsePortGetsADenyAllAllowList() {
        Translation t = translate(resource("synthetic-dynamic-solicit-response.xml"));
        SendPort port = assertValid(t).get(Names.key("Synthetic.DynamicQuote"));
        assertEquals("dynamic", port.kind().json());
        assertEquals("solicit-response", port.pattern().json());
        assertEquals("Synthetic.DynamicQuote.responses", port.responseTopic());
        assertNull(port.destination());
        assertEquals(List.of(Ports.DENY_ALL), port.allowedDestinations().patterns());
        for (String address : List.of("http://quotes.example.com/api", "https://deny-all.example/", "file:///tmp/out",
                "kafka:orders", "http://localhost:8080/")) {
            Destination destination = destination(address);
            assertFalse(port.allowedDestinations().allows(destination), address + " must be refused");
        }
        assertTrue(oneNotMapped(t, "port/Synthetic.DynamicQuote", "IsStatic").note().contains("Review it"));
        assertEquals("Microsoft.BizTalk.DefaultPipelines.XMLReceive",
                oneNotMapped(t, "port/Synthetic.DynamicQuote", "ReceivePipeline").value());

        JsonNode group = group(t, "Synthetic-Quotes-Group");
        assertEquals(0, group.get("sendPorts").size(), "a solicit-response port is no member");
        assertEquals("Synthetic.DynamicQuote", oneNotMapped(t, "group/Synthetic-Quotes-Group", "SendPorts/SendPortRef")
                .value());
        assertEquals("[[{\"property\":\"BTS.SPGroupName\",\"operator\":\"==\",\"value\":\"Synthetic Quotes Group\"}]]",
                group.at("/subscription/filter").toString(), "a group without a filter takes what is addressed to it");
        assertEquals("A group without a filter", group.get("description").asText());
    }

    private static Destination destination(String address) {
        String scheme = address.substring(0, address.indexOf(':'));
        String type = scheme.startsWith("http") ? "http" : scheme;
        return TransportRegistry.byType(type).resolve(address);
    }

    @Test
    void membersAreMappedNamesAndAPortInTwoGroupsIsInBoth() {
        String xml = "<BindingInfo><SendPortCollection>"
                + portXml("Orders Out", "FILE", "C:\\out\\%MessageID%.xml", "")
                + portXml("Archive", "FILE", "D:\\archive\\%SourceParty%_%MessageID%.xml", "")
                + "</SendPortCollection><DistributionListCollection>"
                + groupXml("Fan Out", "<SendPortRef Name=\"Orders Out\"/><SendPortRef Name=\"Archive\"/>")
                + groupXml("Fan$Out", "<SendPortRef Name=\"Orders Out\"/>")
                + "</DistributionListCollection></BindingInfo>";
        Translation t = translate(xml.getBytes(StandardCharsets.UTF_8));
        assertValid(t);
        assertEquals("[\"Orders-Out\",\"Archive\"]", group(t, "Fan-Out").get("sendPorts").toString());
        assertEquals("[\"Orders-Out\"]", group(t, "Fan-Out-2").get("sendPorts").toString());
        assertEquals(Map.of("Orders-Out", "Orders Out", "Fan-Out", "Fan Out", "Fan-Out-2", "Fan$Out"), t.biztalkNames());
        assertEquals("%MessageID%_%MessageID%.xml", port(t, "Archive").at("/transport/options/fileName").asText(),
                "a party macro becomes %MessageID%");
        assertEquals("file:///mnt/d/archive", port(t, "Archive").at("/transport/address").asText());
    }

    /** Each element the issue names as having no equivalent is in notMapped, with the port it belongs to. */
    @Test
    void everyElementWithoutAnEquivalentIsReportedWithItsPort() {
        String body = "<TransmitPipeline Name=\"Microsoft.BizTalk.DefaultPipelines.XMLTransmit\" Type=\"2\" />"
                + "<PrimaryTransport><Address>http://erp/in</Address><TransportType Name=\"HTTP\"/>"
                + "<TransportTypeData>&lt;CustomProps&gt;&lt;AuthenticationScheme vt=\"8\"&gt;Basic&lt;/AuthenticationScheme&gt;"
                + "&lt;Username vt=\"8\"&gt;erp&lt;/Username&gt;&lt;Password vt=\"1\" /&gt;&lt;/CustomProps&gt;"
                + "</TransportTypeData><RetryCount>1</RetryCount><RetryInterval>1</RetryInterval>"
                + "<SendHandler Name=\"SendHost\" HostTrusted=\"false\"/></PrimaryTransport>"
                + "<ReceivePipeline Name=\"Microsoft.BizTalk.DefaultPipelines.XMLReceive\" Type=\"1\" />"
                + "<EncryptionCert Name=\"CN=Partner\" LongName=\"CN=Partner, O=Example\" />"
                + "<Tracking>136</Tracking>"
                + "<Filter>&lt;?xml version=\"1.0\" encoding=\"utf-16\"?&gt;&lt;Filter&gt;&lt;Group&gt;&lt;Statement "
                + "Property=\"BTS.ReceivePortName\" Operator=\"0\" Value=\"In\" /&gt;&lt;/Group&gt;&lt;/Filter&gt;</Filter>"
                + "<Transforms><Transform FullName=\"Orders.Maps.ToErp\" /></Transforms>"
                + "<InboundTransforms><Transform FullName=\"Orders.Maps.FromErp\" /></InboundTransforms>"
                + "<Priority>2</Priority>";
        String xml = "<BindingInfo><SendPortCollection><SendPort Name=\"erp\" IsStatic=\"true\" IsTwoWay=\"true\">"
                + body + "</SendPort></SendPortCollection></BindingInfo>";
        Translation t = translate(xml.getBytes(StandardCharsets.UTF_8));
        assertValid(t);
        for (String element : List.of("TransmitPipeline", "ReceivePipeline", "Transforms/Transform",
                "InboundTransforms/Transform", "Tracking", "Priority", "EncryptionCert", "PrimaryTransport/SendHandler",
                "PrimaryTransport/TransportTypeData/Password")) {
            assertEquals(1, notMapped(t, "port/erp", element).size(), element + " in " + t.notMapped());
        }
        assertEquals("Orders.Maps.ToErp", oneNotMapped(t, "port/erp", "Transforms/Transform").value());
        assertEquals("2", oneNotMapped(t, "port/erp", "Priority").value());
    }

    @Test
    void limitsAndRulesSendportsHasAreKeptAndReported() {
        String transport = "<PrimaryTransport><Address>http://erp/x</Address><TransportType Name=\"HTTP\"/>"
                + "<TransportTypeData>&lt;CustomProps&gt;&lt;RequestTimeout vt=\"3\"&gt;3600&lt;/RequestTimeout&gt;"
                + "&lt;/CustomProps&gt;</TransportTypeData><RetryCount>2</RetryCount><RetryInterval>525600</RetryInterval>"
                + "<ServiceWindowEnabled>true</ServiceWindowEnabled><FromTime>2000-01-01T08:00:00</FromTime>"
                + "<ToTime>2006-05-11T08:00:00</ToTime></PrimaryTransport>"
                + "<SecondaryTransport><Address>mailto:ops@example.com</Address><TransportType Name=\"SMTP\"/>"
                + "</SecondaryTransport>";
        String filter = "<Filter>&lt;Filter&gt;&lt;Group /&gt;&lt;Group&gt;&lt;Statement Property=\"a\" Operator=\"6\""
                + " Value=\"ignored\" /&gt;&lt;/Group&gt;&lt;/Filter&gt;</Filter>";
        Translation t = translate(binding(transport + filter + "<OrderedDelivery>false</OrderedDelivery>"
                + "<StopSendingOnFailure>true</StopSendingOnFailure><Description>" + "d".repeat(300)
                + "</Description>").getBytes(StandardCharsets.UTF_8));
        SendPort port = assertValid(t).get("p");
        assertEquals(Duration.ofMinutes(10), port.destination().timeout());
        assertEquals(Duration.ofDays(1), port.retry().interval());
        assertNull(port.serviceWindow(), "from and to are the same time of day");
        assertNull(port.backup(), "no transport for SMTP: no backup rather than a placeholder");
        assertFalse(port.stopOnFailure());
        assertEquals("d".repeat(256), port.description());
        assertEquals(List.of(List.of(new FilterStatement("a", FilterOperator.EXISTS, null))),
                port.subscription().filter().groups(), "the empty group is left out, exists has no value");
        for (String element : List.of("PrimaryTransport/TransportTypeData/RequestTimeout", "PrimaryTransport/RetryInterval",
                "PrimaryTransport/ServiceWindowEnabled", "SecondaryTransport/TransportType", "StopSendingOnFailure",
                "Filter/Group[1]", "Description")) {
            assertEquals(1, notMapped(t, "port/p", element).size(), element + " in " + t.notMapped());
        }
    }

    @Test
    void aSolicitResponsePortKeepsOnlyABackupThatAnswers() {
        String transports = "<PrimaryTransport><Address>http://a/x</Address><TransportType Name=\"HTTP\"/></PrimaryTransport>"
                + "<SecondaryTransport><Address>C:\\spool\\%MessageID%</Address><TransportType Name=\"FILE\"/>"
                + "</SecondaryTransport>";
        String xml = "<BindingInfo><SendPortCollection><SendPort Name=\"q\" IsStatic=\"true\" IsTwoWay=\"true\">"
                + transports + "</SendPort></SendPortCollection></BindingInfo>";
        Translation t = translate(xml.getBytes(StandardCharsets.UTF_8));
        assertNull(assertValid(t).get("q").backup());
        assertTrue(oneNotMapped(t, "port/q", "SecondaryTransport/TransportType").note().contains("response"));

        String fileTwoWay = "<BindingInfo><SendPortCollection><SendPort Name=\"f\" IsStatic=\"true\" IsTwoWay=\"true\">"
                + "<PrimaryTransport><Address>C:\\out\\x.xml</Address><TransportType Name=\"FILE\"/></PrimaryTransport>"
                + "</SendPort></SendPortCollection></BindingInfo>";
        Translation file = translate(fileTwoWay.getBytes(StandardCharsets.UTF_8));
        assertEquals("http://file.not-mapped.invalid/", assertValid(file).get("f").destination().address());
        assertTrue(notMapped(file, "port/f", "PrimaryTransport/TransportType").stream()
                .anyMatch(e -> e.note().contains("answers")), file.notMapped().toString());
    }

    @Test
    void sftpWithAPrivateKeyAndAStaticPortWithoutTransport() {
        String sftp = "<PrimaryTransport><Address>sftp://files.example:2222/in/%MessageID%.xml</Address>"
                + "<TransportType Name=\"SFTP\"/><TransportTypeData>&lt;CustomProps&gt;&lt;UserName vt=\"8\"&gt;u&lt;"
                + "/UserName&gt;&lt;ClientAuthenticationMode vt=\"8\"&gt;PublicKeyAuthentication&lt;/"
                + "ClientAuthenticationMode&gt;&lt;PrivateKey vt=\"1\" /&gt;&lt;AppendIfExists vt=\"11\"&gt;-1&lt;/"
                + "AppendIfExists&gt;&lt;/CustomProps&gt;</TransportTypeData></PrimaryTransport>";
        String xml = "<BindingInfo><SendPortCollection>"
                + "<SendPort Name=\"s\" IsStatic=\"true\" IsTwoWay=\"false\">" + sftp + "</SendPort>"
                + "<SendPort Name=\"none\" IsStatic=\"true\" IsTwoWay=\"false\" />"
                + portXml("placeholder-host", "HTTP", "http://$(ErpHost)/orders", "")
                + "</SendPortCollection></BindingInfo>";
        Translation t = translate(xml.getBytes(StandardCharsets.UTF_8));
        Map<String, SendPort> ports = assertValid(t);
        JsonNode options = port(t, "s").at("/transport/options");
        assertEquals("${env:BIZTALK_S_SFTP_PRIVATE_KEY}", options.get("privateKey").asText());
        assertNull(options.get("password"));
        assertEquals("${env:BIZTALK_S_SFTP_KNOWN_HOSTS}", options.get("knownHosts").asText());
        assertEquals("append", options.get("mode").asText());
        assertEquals("sftp://files.example:2222/in", port(t, "s").at("/transport/address").asText());
        assertEquals(1, notMapped(t, "port/s", "PrimaryTransport/TransportTypeData/PrivateKey").size());
        assertEquals("http://none.not-mapped.invalid/", ports.get("none").destination().address());
        assertEquals(1, notMapped(t, "port/none", "PrimaryTransport").size());
        assertEquals("http://http.not-mapped.invalid/", ports.get("placeholder-host").destination().address(),
                "an HTTP address whose host is a deployment placeholder cannot be a destination");
    }

    /** A binding file saved as UTF-16 with a byte order mark, as Windows tools often save it, reads as its UTF-8 self. */
    @Test
    void aUtf16FileWithAByteOrderMarkTranslatesAsItsUtf8Self() {
        byte[] utf8 = resource("synthetic-dynamic-solicit-response.xml");
        String text = new String(utf8, StandardCharsets.UTF_8).replaceFirst("encoding=\"[^\"]*\"", "encoding=\"utf-16\"");
        byte[] utf16 = text.getBytes(StandardCharsets.UTF_16); // big-endian, with a byte order mark
        assertTrue(text.contains("encoding=\"utf-16\""), "the fixture declares an encoding");
        assertEquals(translate(utf8).bindings(), translate(utf16).bindings());
        byte[] utf16le = new byte[utf16.length];
        for (int i = 0; i + 1 < utf16.length; i += 2) {
            utf16le[i] = utf16[i + 1];
            utf16le[i + 1] = utf16[i];
        }
        assertEquals(translate(utf8).bindings(), translate(utf16le).bindings(), "little-endian, as Windows writes it");
    }

    @Test
    void theMessageBoxTopicIsTheCallersOrTheDefault() {
        byte[] xml = binding("").getBytes(StandardCharsets.UTF_8);
        assertEquals("events.box", BizTalkBindings.translate(xml, "events.box", BizTalkAssertions.JSON).bindings()
                .at("/sendPorts/0/subscription/topics/0").asText());
        assertEquals("biztalk.messagebox", BizTalkBindings.translate(xml, null, BizTalkAssertions.JSON).bindings()
                .at("/sendPorts/0/subscription/topics/0").asText());
    }

    private static String portXml(String name, String adapter, String address, String filter) {
        return "<SendPort Name=\"" + name + "\" IsStatic=\"true\" IsTwoWay=\"false\"><PrimaryTransport><Address>"
                + address + "</Address><TransportType Name=\"" + adapter + "\"/></PrimaryTransport>" + filter
                + "</SendPort>";
    }

    private static String groupXml(String name, String members) {
        return "<DistributionList Name=\"" + name + "\"><SendPorts>" + members + "</SendPorts></DistributionList>";
    }
}
