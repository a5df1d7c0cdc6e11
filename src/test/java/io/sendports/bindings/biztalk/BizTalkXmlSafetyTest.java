package io.sendports.bindings.biztalk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

/**
 * A binding file is untrusted input (DESIGN.md §7): no DTD, no entity, no external resource, bounded size, depth
 * and element count, for the file and for the documents embedded in it. The external resources of the XXE files
 * are a marker file and a local HTTP server that counts requests: the marker's content appears nowhere and the
 * server is never asked, which proves nothing was read.
 */
class BizTalkXmlSafetyTest {
    @TempDir
    Path dir;
    private Path secret;
    private String marker;
    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void plantSecrets() throws IOException {
        marker = "SECRET-" + UUID.randomUUID();
        secret = Files.writeString(dir.resolve("secret.txt"), marker);
        Files.writeString(dir.resolve("evil.dtd"), "<!ENTITY % all \"<!ENTITY leak '" + marker + "'>\"> %all;");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body = ("<!ENTITY leak '" + marker + "'>").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + path;
    }

    @Test
    void billionLaughsIsRefusedAtOnce() {
        StringBuilder dtd = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE BindingInfo [\n<!ENTITY lol \"lol\">\n");
        for (int i = 1; i <= 9; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10))
                    .append("\">\n");
        }
        String xml = dtd + "]>\n<BindingInfo><SendPortCollection><SendPort Name=\"a\" IsStatic=\"true\" IsTwoWay=\"false\">"
                + "<Description>&lol9;</Description></SendPort></SendPortCollection></BindingInfo>";
        BindingFileRefused refused = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> refusedFor(xml));
        assertTrue(refused.getMessage().contains("DOCTYPE"), refused.getMessage());
        assertFalse(refused.getMessage().contains("lol"), "the refusal repeats nothing of the file");
    }

    @Test
    void externalEntitiesReadNoFileAndNoUrl() {
        String[] files = {
            // a general entity naming a file, used in an element
            "<!DOCTYPE BindingInfo [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>"
                    + binding("<Description>&xxe;</Description>"),
            // the same naming a URL
            "<!DOCTYPE BindingInfo [<!ENTITY xxe SYSTEM \"" + url("xxe") + "\">]>"
                    + binding("<Description>&xxe;</Description>"),
            // an external DTD (file, then URL) and a parameter entity
            "<!DOCTYPE BindingInfo SYSTEM \"" + dir.resolve("evil.dtd").toUri() + "\">" + binding("<Description>&leak;</Description>"),
            "<!DOCTYPE BindingInfo SYSTEM \"" + url("evil.dtd") + "\">" + binding(""),
            "<!DOCTYPE BindingInfo [<!ENTITY % remote SYSTEM \"" + url("param") + "\"> %remote;]>" + binding(""),
            // an entity in an attribute
            "<!DOCTYPE BindingInfo [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>"
                    + "<BindingInfo><SendPortCollection><SendPort Name=\"&xxe;\" IsStatic=\"true\" IsTwoWay=\"false\"/>"
                    + "</SendPortCollection></BindingInfo>",
            // a DTD inside the Filter document embedded as text, and inside the adapter settings
            binding("<Filter>&lt;?xml version=\"1.0\" encoding=\"utf-16\"?&gt;&lt;!DOCTYPE Filter [&lt;!ENTITY xxe SYSTEM \""
                    + secret.toUri() + "\"&gt;]&gt;&lt;Filter&gt;&lt;Group&gt;&lt;Statement Property=\"p\" Operator=\"0\""
                    + " Value=\"&amp;xxe;\" /&gt;&lt;/Group&gt;&lt;/Filter&gt;</Filter>"),
            binding("<PrimaryTransport><Address>http://h/x</Address><TransportType Name=\"HTTP\" />"
                    + "<TransportTypeData>&lt;!DOCTYPE CustomProps SYSTEM \"" + url("props") + "\"&gt;&lt;CustomProps /&gt;"
                    + "</TransportTypeData></PrimaryTransport>"),
            // an entity reference without any DTD
            binding("<Description>&xxe;</Description>"),
        };
        for (String xml : files) {
            BindingFileRefused refused = refusedFor(xml);
            StringWriter trace = new StringWriter();
            refused.printStackTrace(new PrintWriter(trace));
            assertFalse(trace.toString().contains(marker), "the secret reached the refusal: " + trace);
        }
        assertEquals(0, requests.get(), "no external URL was fetched");
    }

    @Test
    void aFileOverTheSizeBoundIsRefusedBeforeParsing() {
        byte[] big = new byte[SafeXml.MAX_BYTES + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        byte[] start = "<BindingInfo>".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(start, 0, big, 0, start.length);
        BindingFileRefused refused = assertThrows(BindingFileRefused.class,
                () -> BizTalkBindings.translate(big, null, BizTalkAssertions.JSON));
        assertTrue(refused.getMessage().contains("at most " + SafeXml.MAX_BYTES), refused.getMessage());
        byte[] justRight = BizTalkAssertions.resource("synthetic-dynamic-solicit-response.xml");
        BizTalkBindings.translate(justRight, null, BizTalkAssertions.JSON);
    }

    @Test
    void nestingDeeperThanTheBoundIsRefused() {
        String deep = "<x>".repeat(SafeXml.MAX_DEPTH) + "</x>".repeat(SafeXml.MAX_DEPTH);
        BindingFileRefused refused = refusedFor(binding("<Description>" + deep + "</Description>"));
        assertTrue(refused.getMessage().contains("deeper than " + SafeXml.MAX_DEPTH), refused.getMessage());
        // 64 levels in all is still accepted: root, collection, port, description and 60 more
        String fits = "<x>".repeat(SafeXml.MAX_DEPTH - 4) + "</x>".repeat(SafeXml.MAX_DEPTH - 4);
        BizTalkBindings.translate(binding("<Description>" + fits + "</Description>")
                .getBytes(StandardCharsets.UTF_8), null, BizTalkAssertions.JSON);
    }

    @Test
    void moreElementsThanTheBoundAreRefused() {
        BindingFileRefused refused = refusedFor("<BindingInfo>" + "<x/>".repeat(SafeXml.MAX_ELEMENTS) + "</BindingInfo>");
        assertTrue(refused.getMessage().contains("more than " + SafeXml.MAX_ELEMENTS + " elements"), refused.getMessage());
    }

    @Test
    void malformedFilesAreRefusedWithAReason() {
        assertTrue(refusedFor("not xml").getMessage().contains("not well-formed"));
        assertTrue(refusedFor("<Other/>").getMessage().contains("not a BizTalk <BindingInfo>"));
        assertTrue(refusedFor("<BindingInfo><SendPortCollection>").getMessage().contains("not well-formed"));
        assertTrue(assertThrows(BindingFileRefused.class, () -> BizTalkBindings.translate(new byte[0], null,
                BizTalkAssertions.JSON)).getMessage().contains("empty"));
        BindingFileRefused filter = refusedFor(binding("<Filter>&lt;Filter&gt;&lt;Group&gt;</Filter>"));
        assertTrue(filter.getMessage().contains("the Filter of port 'p'"), filter.getMessage());
        BindingFileRefused operator = refusedFor(binding("<Filter>&lt;Filter&gt;&lt;Group&gt;&lt;Statement"
                + " Property=\"a\" Operator=\"7\" Value=\"1\"/&gt;&lt;/Group&gt;&lt;/Filter&gt;</Filter>"));
        assertTrue(operator.getMessage().contains("operator code '7'"), operator.getMessage());
        BindingFileRefused spaced = refusedFor(binding("<Filter>&lt;Filter&gt;&lt;Group&gt;&lt;Statement"
                + " Property=\"a\" Operator=\"1  2\" Value=\"1\"/&gt;&lt;/Group&gt;&lt;/Filter&gt;</Filter>"));
        assertTrue(spaced.getMessage().contains("operator code '1 2'"), spaced.getMessage());
        assertTrue(refusedFor("<BindingInfo><SendPortCollection><SendPort Name=\"p\" IsTwoWay=\"false\"/>"
                + "</SendPortCollection></BindingInfo>").getMessage().contains("no IsStatic"));
        BindingFileRefused topic = assertThrows(BindingFileRefused.class, () -> BizTalkBindings.translate(
                binding("").getBytes(StandardCharsets.UTF_8), "no spaces allowed", BizTalkAssertions.JSON));
        assertTrue(topic.getMessage().startsWith("topic "), topic.getMessage());
    }

    /** A binding file with one static one-way HTTP port {@code p} holding {@code body}. */
    static String binding(String body) {
        return "<BindingInfo><SendPortCollection><SendPort Name=\"p\" IsStatic=\"true\" IsTwoWay=\"false\">" + body
                + "</SendPort></SendPortCollection></BindingInfo>";
    }

    private static BindingFileRefused refusedFor(String xml) {
        return assertThrows(BindingFileRefused.class,
                () -> BizTalkBindings.translate(xml.getBytes(StandardCharsets.UTF_8), null, BizTalkAssertions.JSON));
    }
}
