package io.sendports.bindings;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.sendports.testsupport.KafkaTestResource;

/**
 * BizTalk binding files through {@code POST /api/bindings} (DESIGN.md §9): the synthetic one imports with its
 * report, unenlisted, and again changes nothing; unsafe XML is 400 and reads no file. The real files of ../shared:
 * {@link BizTalkRealFilesApiTest}.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class BizTalkImportApiTest {
    @TempDir
    Path dir;

    static io.restassured.response.ValidatableResponse post(String query, byte[] xml) {
        return given().contentType("application/xml").body(xml).post("/api/bindings" + query).then();
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = BizTalkImportApiTest.class.getResourceAsStream("/biztalk/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void aBindingFileImportsUnenlistedWithItsReportAndAgainChangesNothing() throws IOException {
        byte[] xml = resource("synthetic-dynamic-solicit-response.xml");
        JsonPath report = post("", xml).statusCode(200).body("dryRun", equalTo(false))
                .body("sendPorts.action", everyItem(equalTo("created"))).extract().jsonPath();
        List<String> ports = report.getList("sendPorts.name");
        assertFalse(ports.isEmpty(), report.prettify());
        for (String port : ports) {
            given().get("/api/send-ports/" + port).then().statusCode(200).body("state", equalTo("unenlisted"))
                    .body("subscription.topics[0]", equalTo("biztalk.messagebox"));
        }
        assertTrue(report.getList("notMapped.entity").stream().allMatch(entity -> entity.toString()
                .startsWith("port/") || entity.toString().startsWith("group/")), report.prettify());
        post("", xml).statusCode(200).body("sendPorts.action", everyItem(equalTo("unchanged")))
                .body("sendPortGroups.action", everyItem(equalTo("unchanged")));
        for (String group : report.<String>getList("sendPortGroups.name")) {
            given().delete("/api/send-port-groups/" + group).then().statusCode(204);
        }
        for (String port : ports) {
            given().delete("/api/send-ports/" + port).then().statusCode(204);
        }
    }

    @Test
    void unsafeXmlIsRefusedAndReadsNoFile() throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "MARKER-" + System.nanoTime());
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE b [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>"
                + "<BindingInfo><SendPortCollection><SendPort Name=\"&x;\"/></SendPortCollection></BindingInfo>";
        String answer = post("", xxe.getBytes(StandardCharsets.UTF_8)).statusCode(400)
                .contentType("application/problem+json").extract().asString();
        assertFalse(answer.contains(Files.readString(secret)), answer);
        StringBuilder laughs = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"lol\">");
        for (char c = 'b'; c <= 'k'; c++) {
            laughs.append("<!ENTITY ").append(c).append(" \"").append(String.valueOf("&" + (char) (c - 1) + ";").repeat(10))
                    .append("\">");
        }
        laughs.append("]><BindingInfo><SendPortCollection><SendPort Name=\"&k;\"/></SendPortCollection></BindingInfo>");
        post("", laughs.toString().getBytes(StandardCharsets.UTF_8)).statusCode(400);
        post("", "<BindingInfo><unclosed></BindingInfo>".getBytes(StandardCharsets.UTF_8)).statusCode(400)
                .body("detail", not(containsString("Exception")));
        given().contentType("application/json").body("{\"version\":1}").post("/api/bindings?topic=t").then()
                .statusCode(400).body("errors[0].field", equalTo("topic"));
    }
}
