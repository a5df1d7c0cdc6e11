package io.sendports.bindings.biztalk;

import static io.sendports.bindings.biztalk.BizTalkAssertions.assertValid;
import static io.sendports.bindings.biztalk.BizTalkAssertions.fixture;
import static io.sendports.bindings.biztalk.BizTalkAssertions.group;
import static io.sendports.bindings.biztalk.BizTalkAssertions.names;
import static io.sendports.bindings.biztalk.BizTalkAssertions.notMapped;
import static io.sendports.bindings.biztalk.BizTalkAssertions.oneNotMapped;
import static io.sendports.bindings.biztalk.BizTalkAssertions.port;
import static io.sendports.bindings.biztalk.BizTalkAssertions.translate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.sendports.domain.Names;
import io.sendports.domain.PortKind;
import io.sendports.domain.SendPort;

/**
 * The seven real binding files of {@code ../shared/fixtures/biztalk} (SOURCES.md says what each exercises): each
 * translates into valid Sendports input, and what SOURCES.md lists for it comes out as docs/biztalk-mapping.md says.
 * Skipped when the fixtures are not there (they are other people's files and are not copied into the project).
 */
class BizTalkBindingsFixturesTest {

    @BeforeAll
    static void fixturesPresent() {
        assumeTrue(Files.isDirectory(BizTalkAssertions.FIXTURES), "no " + BizTalkAssertions.FIXTURES);
    }

    @ParameterizedTest
    @ValueSource(strings = {"aim-two-groups-shared-member.xml", "apress-bookorders-priority.xml",
            "ben-demo-dynamic-sftp-wcf.xml", "sdk-as2-dynamic-twoway.xml", "sdk-http-solicit-response.xml",
            "uu-ladok3-ordered-group.xml", "uu-sesam-group-filters.xml"})
    void everyFixtureIsValidSendportsInput(String file) {
        Translation translation = translate(fixture(file));
        Map<String, SendPort> ports = assertValid(translation);
        assertFalse(ports.isEmpty(), file + " has send ports");
        for (JsonNode port : translation.bindings().get("sendPorts")) {
            assertEquals(List.of("biztalk.messagebox"), List.of(port.at("/subscription/topics/0").asText()));
            assertFalse(port.at("/subscription/filter").isEmpty(), "every port has a filter: " + port);
        }
    }

    @Test
    void everyFixtureFileIsCovered() throws IOException {
        try (var files = Files.list(BizTalkAssertions.FIXTURES)) {
            assertEquals(7, files.map(Path::toString).filter(name -> name.endsWith(".xml")).count(),
                    "a new fixture needs its line in everyFixtureIsValidSendportsInput");
        }
    }

    @Test
    void sesamGroupFilterOperatorsAndFileSettings() {
        Translation t = translate(fixture("uu-sesam-group-filters.xml"));
        assertEquals(List.of("INT0009.Sesam.CreateSesamImportfiles", "INT0009.Sesam.CreateBackupImportfiles",
                "INT0009.Sesam.Send_KatalogEvent", "INT0009.Sesam.NoSubscriber.Send_Routing",
                "INT0009.Sesam.Send_PersonEvent"), names(t, "sendPorts"));
        JsonNode katalog = port(t, "INT0009.Sesam.Send_KatalogEvent");
        JsonNode filter = katalog.at("/subscription/filter");
        assertEquals(2, filter.size(), "two groups: OR");
        assertEquals(3, filter.get(0).size(), "three statements: AND");
        assertEquals("INT0009.Sesam.Events.PropertySchema.Kurskod", filter.at("/0/1/property").asText());
        assertEquals("!=", filter.at("/0/1/operator").asText(), "operator 5");
        assertEquals("REMOVE", filter.at("/0/1/value").asText());
        assertEquals("==", filter.at("/0/0/operator").asText(), "operator 0");
        assertEquals("file:///mnt/c/Integrations/INT0009.Sesam.Events/Sesam", katalog.at("/transport/address").asText());
        assertEquals("katalogdata.txt", katalog.at("/transport/options/fileName").asText());
        assertEquals("append", katalog.at("/transport/options/mode").asText(), "CopyMode 0");
        assertEquals("PT1M", katalog.at("/retry/interval").asText(), "RetryInterval 1 minute");
        assertNull(katalog.get("backupTransport"), "an unconfigured SecondaryTransport is no backup");

        JsonNode importFiles = port(t, "INT0009.Sesam.CreateSesamImportfiles");
        assertEquals("%SourceFileName%", importFiles.at("/transport/options/fileName").asText());
        assertEquals("overwrite", importFiles.at("/transport/options/mode").asText(), "CopyMode 2");
        assertEquals("%datetime%_%MessageID%_%SourceFileName%",
                port(t, "INT0009.Sesam.CreateBackupImportfiles").at("/transport/options/fileName").asText());
        assertEquals("create", port(t, "INT0009.Sesam.CreateBackupImportfiles").at("/transport/options/mode")
                .asText(), "CopyMode 1");
        // the three empty filter shapes: an embedded document without groups, <Filter />, and a missing element
        for (String empty : List.of("INT0009.Sesam.CreateSesamImportfiles", "INT0009.Sesam.CreateBackupImportfiles")) {
            assertEquals("[[{\"property\":\"BTS.SPName\",\"operator\":\"==\",\"value\":\"" + empty + "\"}]]",
                    port(t, empty).at("/subscription/filter").toString());
            assertEquals(1, notMapped(t, "port/" + empty, "Filter").size());
        }
        assertEquals("136", oneNotMapped(t, "port/INT0009.Sesam.Send_KatalogEvent", "Tracking").value());

        JsonNode routing = port(t, "INT0009.Sesam.NoSubscriber.Send_Routing");
        assertEquals("0xc0c01657", routing.at("/subscription/filter/0/1/value").asText());
        assertEquals("ErrorReport.FailureCode", routing.at("/subscription/filter/0/1/property").asText());
        assertEquals("http://nulladapter.not-mapped.invalid/", routing.at("/transport/address").asText(),
                "the null adapter is imported with a placeholder that cannot deliver");
        assertTrue(oneNotMapped(t, "port/INT0009.Sesam.NoSubscriber.Send_Routing", "PrimaryTransport/TransportType")
                .note().contains("discard"));
        assertEquals(0, routing.at("/retry/count").asInt());

        JsonNode group = group(t, "INT0009.Sesam.SendGroup.sesamfiles");
        assertEquals("[\"INT0009.Sesam.CreateSesamImportfiles\",\"INT0009.Sesam.CreateBackupImportfiles\"]",
                group.get("sendPorts").toString());
        assertEquals("[[{\"property\":\"BTS.ReceivePortName\",\"operator\":\"==\",\"value\":"
                + "\"INT0009.Sesam.Sesamimport\"}]]", group.at("/subscription/filter").toString());
        assertTrue(t.biztalkNames().isEmpty(), "every name is a valid Sendports name: " + t.biztalkNames());
    }

    @Test
    void ladok3OrderedGroupAndUnsupportedAdapters() {
        Translation t = translate(fixture("uu-ladok3-ordered-group.xml"));
        Map<String, SendPort> ports = assertValid(t);
        for (String ordered : List.of("INT0020.DB.Send_AddEvent", "INT0020.SD.Send_ForDistribution",
                "INT0020.SD.Send_ToArchive")) {
            assertTrue(ports.get(Names.key(ordered)).orderedDelivery(), ordered);
            assertTrue(ports.get(Names.key(ordered)).stopOnFailure(), ordered);
        }
        assertFalse(ports.get(Names.key("INT0020.DB.Send_SaveEnvelope")).orderedDelivery());
        assertEquals("http://msmq.not-mapped.invalid/",
                port(t, "INT0020.SD.Send_ForDistribution").at("/transport/address").asText());
        assertEquals("http://wcf-custom.not-mapped.invalid/",
                port(t, "INT0020.DB.Send_SaveEnvelope").at("/transport/address").asText());
        assertEquals("%datetime%_%MessageID%.xml",
                port(t, "INT0020.SD.Send_ToArchive").at("/transport/options/fileName").asText());
        assertTrue(notMapped(t, "port/INT0020.SD.Send_ToArchive", "PrimaryTransport/Address").stream()
                .anyMatch(e -> e.value().equals("%datetime_bts2000%")), "the replaced macro is reported");
        JsonNode group = group(t, "INT0020.SD.SendGroup_Envelopes");
        assertEquals("[\"INT0020.SD.Send_ForDistribution\",\"INT0020.SD.Send_ToArchive\"]",
                group.get("sendPorts").toString());
        assertTrue(t.notMapped().stream().anyMatch(e -> e.element().startsWith("ModuleRefCollection/Service[")),
                "the orchestration binding is reported");
    }

    @Test
    void as2DynamicPortAndSolicitResponseHttp() {
        Translation t = translate(fixture("sdk-as2-dynamic-twoway.xml"));
        Map<String, SendPort> ports = assertValid(t);
        SendPort mdn = ports.get("send_async_mdn");
        assertEquals(PortKind.DYNAMIC, mdn.kind());
        assertEquals(List.of(Ports.DENY_ALL), mdn.allowedDestinations().patterns());
        assertNull(port(t, "Send_Async_MDN").get("transport"));
        assertTrue(oneNotMapped(t, "port/Send_Async_MDN", "IsStatic").note().contains("Review"));

        JsonNode http = port(t, "Send_Async_997");
        assertEquals("solicit-response", http.get("pattern").asText());
        assertEquals("http", http.at("/transport/type").asText());
        assertEquals("http://localhost/Fabrikam/Default.aspx?Destination=_997ToFabrikam",
                http.at("/transport/address").asText());
        assertEquals(0, http.at("/retry/count").asInt(), "RetryCount 0");
        assertNull(http.get("serviceWindow"), "a disabled window with 2006 dates is ignored");
        assertFalse(notMapped(t, "port/Send_Async_997", "EncryptionCert").isEmpty());
        assertEquals("Microsoft.BizTalk.EdiInt.DefaultPipelines.AS2Receive",
                oneNotMapped(t, "port/Send_Async_997", "ReceivePipeline").value());
        assertEquals(1, notMapped(t, "port/Send_Async_997", "PartyCollection/Party[Fabrikam]").size());

        JsonNode single = port(t, "Send_Loopback_864").at("/subscription/filter");
        assertEquals(1, single.size(), "the single-line filter is read");
        assertTrue(single.get(0).size() >= 2, single.toString());
        assertEquals("file:///mnt/c/AS2%20Tutorial/_Loopback", port(t, "Send_Loopback_864").at("/transport/address")
                .asText(), "a space in a path is escaped");
    }

    @Test
    void httpSolicitResponseSample() {
        Translation t = translate(fixture("sdk-http-solicit-response.xml"));
        Map<String, SendPort> ports = assertValid(t);
        SendPort twoWay = ports.get("httpsolicitresponsetwowayport");
        assertEquals("solicit-response", twoWay.pattern().json());
        assertEquals("http://localhost/Multiplier/Multiplier.aspx", twoWay.destination().address());
        assertEquals(3, twoWay.retry().count());
        assertEquals(java.time.Duration.ofMinutes(5), twoWay.retry().interval());
        assertEquals("-1", oneNotMapped(t, "port/HttpSolicitResponseTwoWayPort",
                "PrimaryTransport/TransportTypeData/EnableChunkedEncoding").value());
        assertEquals("Microsoft.BizTalk.DefaultPipelines.XMLTransmit",
                oneNotMapped(t, "port/HttpSolicitResponseTwoWayPort", "TransmitPipeline").value());
        assertEquals("pipelines have no equivalent; messages pass through",
                oneNotMapped(t, "port/HttpSolicitResponseTwoWayPort", "TransmitPipeline").note());
        assertEquals("one-way", ports.get("httpsolicitresponsesendport").pattern().json());
    }

    @Test
    void aimGroupsShareMembersAndNamesAreMapped() {
        Translation t = translate(fixture("aim-two-groups-shared-member.xml"));
        assertValid(t);
        assertEquals("MQSeries - $(QueueManager1)", t.biztalkNames().get("MQSeries-QueueManager1"));
        assertEquals("BinaryRequestPort - $(QueueManager2)", t.biztalkNames().get("BinaryRequestPort-QueueManager2"));
        assertEquals("MQSeries - $(QueueManager1)", oneNotMapped(t, "port/MQSeries-QueueManager1", "Name").value());
        JsonNode mq = port(t, "MQSeries-QueueManager1");
        assertEquals(4, mq.at("/subscription/filter/0").size(), "the four-statement AND filter, read although its"
                + " text starts with whitespace");
        assertEquals("$(QueueManager1)", mq.at("/subscription/filter/0/1/value").asText());
        assertEquals("$(QueueManager1)", oneNotMapped(t, "port/MQSeries-QueueManager1",
                "Filter/Statement[Schemas.PropertySchemas.QueueManager]").value());
        assertEquals("http://mqsc.not-mapped.invalid/", mq.at("/transport/address").asText());
        assertEquals("true", oneNotMapped(t, "port/MQSeries-QueueManager1", "RouteFailedMessage").value());
        // both groups name the shared (and here undefined) members: each reports them, none lists them
        for (String name : List.of("TestSendPortGroup", "TestSendPortGroup2")) {
            assertEquals(0, group(t, name).get("sendPorts").size());
            List<String> dangling = notMapped(t, "group/" + name, "SendPorts/SendPortRef").stream()
                    .map(NotMapped::value).toList();
            assertTrue(dangling.containsAll(List.of("SendPortWithORPredicate", "SimpleFileSendPort")), dangling.toString());
            assertEquals("AzureBlobStorage.BlobName", group(t, name).at("/subscription/filter/0/0/property").asText());
        }
    }

    @Test
    void apressPriorityIsReported() {
        Translation t = translate(fixture("apress-bookorders-priority.xml"));
        assertValid(t);
        NotMapped priority = oneNotMapped(t, "port/sndSendORders", "Priority");
        assertEquals("1", priority.value());
        assertEquals("file:///mnt/c/APRESS/Chapter2/BooksSolution/Ports/OUT",
                port(t, "sndSendORders").at("/transport/address").asText());
        assertEquals("%MessageID%.xml", port(t, "sndSendORders").at("/transport/options/fileName").asText());
    }

    @Test
    void benDemoDynamicSftpAndWcf() {
        Translation t = translate(fixture("ben-demo-dynamic-sftp-wcf.xml"));
        Map<String, SendPort> ports = assertValid(t);
        String longName = "Ben.Demo.BizTalk.Orchestrations_1.0.0.0_Ben.Demo.BizTalk.Orchestrations.SftpDynamicSend"
                + "_Port_Sftp_DynamicSend_f49046431e121f52";
        String mapped = t.biztalkNames().entrySet().stream().filter(e -> e.getValue().equals(longName))
                .map(Map.Entry::getKey).findFirst().orElseThrow(() -> new AssertionError(t.biztalkNames().toString()));
        assertEquals(100, mapped.length());
        assertTrue(mapped.matches(".*-[0-9a-f]{8}"), mapped);
        assertEquals(PortKind.DYNAMIC, ports.get(Names.key(mapped)).kind());
        assertEquals(longName, port(t, mapped).at("/subscription/filter/0/0/value").asText(),
                "the addressed-to rule uses the BizTalk name");

        JsonNode sftp = port(t, "SendPort_Sftp_Server_Out");
        assertEquals("sftp", sftp.at("/transport/type").asText());
        assertEquals("sftp://9.0.23.82:22/BenJiang", sftp.at("/transport/address").asText());
        assertEquals("lzzt6l", sftp.at("/transport/options/username").asText());
        assertEquals("${env:BIZTALK_SENDPORT_SFTP_SERVER_OUT_SFTP_PASSWORD}",
                sftp.at("/transport/options/password").asText(), "a reference, never a literal");
        assertEquals("%MessageID%.xml", sftp.at("/transport/options/fileName").asText());
        assertEquals(1, notMapped(t, "port/SendPort_Sftp_Server_Out", "PrimaryTransport/TransportTypeData/Password")
                .size(), "the stripped password is reported");
        assertEquals(1, notMapped(t, "port/SendPort_Sftp_Server_Out",
                "PrimaryTransport/TransportTypeData/AccessAnySSHServerHostKey").size());

        JsonNode wcf = port(t, "WcfSendPort_UploadService");
        assertEquals("solicit-response", wcf.get("pattern").asText());
        assertEquals("http://wcf-custom.not-mapped.invalid/", wcf.at("/transport/address").asText());
        assertEquals("WCF-Custom", oneNotMapped(t, "port/WcfSendPort_UploadService", "PrimaryTransport/TransportType")
                .value());
        assertFalse(notMapped(t, "port/WcfSendPort_UploadService", "SendPipelineData").isEmpty());
        assertEquals("Ben.Demo.BizTalk.Pipelines.DocumentExtratorReceivePipeline",
                oneNotMapped(t, "port/WcfSendPort_DownloadService", "ReceivePipeline").value());
        assertEquals("BizTalkServerApplication",
                oneNotMapped(t, "port/SendPort_Customer_Out", "PrimaryTransport/SendHandler").value());
    }
}
