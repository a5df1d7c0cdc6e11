package io.sendports.bindings;

import static io.restassured.RestAssured.given;
import static io.sendports.bindings.BizTalkImportApiTest.post;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.sendports.testsupport.KafkaTestResource;

/**
 * The real BizTalk binding files of {@code ../shared/fixtures/biztalk} through {@code POST /api/bindings}: each passes
 * a dry run that writes nothing, then imports, every port and group unenlisted on the MessageBox topic. Not run when
 * the files are not there (they are other people's, never copied into the project).
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class BizTalkRealFilesApiTest {
    private static final Path SHARED = Path.of("..", "shared", "fixtures", "biztalk");

    @BeforeAll
    static void filesPresent() {
        assumeTrue(Files.isDirectory(SHARED), "no " + SHARED);
    }

    @Test
    void everyRealBindingFilePassesADryRunThatWritesNothingThenImports() throws IOException {
        List<Path> files;
        try (Stream<Path> listed = Files.list(SHARED)) {
            files = listed.filter(file -> file.toString().endsWith(".xml")).sorted().toList();
        }
        assertTrue(files.size() >= 7, files.toString());
        for (Path file : files) {
            JsonPath report = post("?dryRun=true&topic=bt.messagebox", Files.readAllBytes(file)).statusCode(200)
                    .body("dryRun", equalTo(true)).extract().jsonPath();
            List<String> ports = report.getList("sendPorts.name");
            assertFalse(ports.isEmpty(), file + ": " + report.prettify());
            assertFalse(report.getList("notMapped").isEmpty(), file + " reports what has no equivalent");
            for (String port : ports) {
                given().get("/api/send-ports/" + port).then().statusCode(404);
            }
            // and for real: every port and group is there, unenlisted; then they go again
            JsonPath imported = post("?topic=bt.messagebox", Files.readAllBytes(file)).statusCode(200)
                    .body("dryRun", equalTo(false)).extract().jsonPath();
            assertEquals(ports, imported.getList("sendPorts.name"), file.toString());
            for (String port : ports) {
                given().get("/api/send-ports/" + port).then().statusCode(200).body("state", equalTo("unenlisted"))
                        .body("subscription.topics[0]", equalTo("bt.messagebox"));
            }
            for (String group : imported.<String>getList("sendPortGroups.name")) {
                given().get("/api/send-port-groups/" + group).then().statusCode(200)
                        .body("state", equalTo("unenlisted"));
                given().delete("/api/send-port-groups/" + group).then().statusCode(204);
            }
            for (String port : ports) {
                given().delete("/api/send-ports/" + port).then().statusCode(204);
            }
        }
    }

}
