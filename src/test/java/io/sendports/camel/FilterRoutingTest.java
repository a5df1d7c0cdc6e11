package io.sendports.camel;

import static io.sendports.testsupport.Api.action;
import static io.sendports.testsupport.Api.create;
import static io.sendports.testsupport.Api.fileTransport;
import static io.sendports.testsupport.Api.staticPort;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sendports.testsupport.KafkaTestResource;
import io.sendports.testsupport.TestKafka;

/** A port takes exactly the messages its filter selects; the last message of each run takes every port. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class FilterRoutingTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void andWithinGroupOrBetweenGroupsNumericAndExists() throws Exception {
        String topic = TestKafka.uniqueTopic("filter");
        String filter = "[[{\"property\":\"region\",\"operator\":\"==\",\"value\":\"eu\"},"
                + "{\"property\":\"priority\",\"operator\":\">\",\"value\":\"5\"}],"
                + "[{\"property\":\"vip\",\"operator\":\"exists\"}],"
                + "[{\"property\":\"marker\",\"operator\":\"==\",\"value\":\"last\"}]]";
        create(staticPort("filtered", topic, fileTransport(dir, "{\"fileName\":\"%SourceFileName%\"}"), filter))
                .statusCode(201);
        action("filtered", "start").statusCode(200);

        publish(topic, "eu-10", Map.of("region", "eu", "priority", "10"));      // numeric 10 > 5: taken
        publish(topic, "eu-3", Map.of("region", "eu", "priority", "3"));        // 3 > 5 fails
        publish(topic, "us-10", Map.of("region", "us", "priority", "10"));      // region fails
        publish(topic, "eu-only", Map.of("region", "eu"));                      // priority absent
        publish(topic, "vip", Map.of("vip", ""));                               // exists, even empty
        publish(topic, "eu-10x", Map.of("region", "eu", "priority", "10x"));    // "10x" > "5" as strings: false
        publish(topic, "eu-7.5", Map.of("region", "eu", "priority", "7.5"));    // decimal: taken
        publish(topic, "last", Map.of("marker", "last"));

        await().atMost(WAIT).until(() -> delivered().contains("last"));
        assertEquals(List.of("eu-10", "eu-7.5", "last", "vip"), delivered());
        action("filtered", "unenlist").statusCode(200);
    }

    @Test
    void emptyFilterTakesEverything() throws Exception {
        String topic = TestKafka.uniqueTopic("nofilter");
        create(staticPort("unfiltered", topic, fileTransport(dir, "{\"fileName\":\"%SourceFileName%\"}"), "[]"))
                .statusCode(201);
        action("unfiltered", "start").statusCode(200);
        publish(topic, "a", Map.of());
        publish(topic, "b", Map.of("x", "y"));
        await().atMost(WAIT).until(() -> delivered().size() == 2);
        assertEquals(List.of("a", "b"), delivered());
        action("unfiltered", "unenlist").statusCode(200);
    }

    private static void publish(String topic, String name, Map<String, String> headers) {
        Map<String, String> all = new java.util.HashMap<>(headers);
        all.put("sendports.file-name", name);
        TestKafka.publish(topic, name, name, all);
    }

    private List<String> delivered() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        }
    }
}
