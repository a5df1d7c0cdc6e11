package io.sendports.transport;

import static io.restassured.RestAssured.given;
import static io.sendports.testsupport.Api.action;
import static io.sendports.testsupport.Api.create;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.sendports.camel.ComponentSetup;
import io.sendports.testsupport.HttpReceiver;
import io.sendports.testsupport.KafkaTestResource;
import io.sendports.testsupport.TestKafka;

/** Dynamic ports deliver where each message says, only inside their allow-list; everything else is suspended. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class DynamicPortTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Inject
    CamelContext camel;

    @Test
    void eachTransportThroughOneDynamicPort() throws Exception {
        try (HttpReceiver receiver = new HttpReceiver()) {
            String topic = TestKafka.uniqueTopic("dyn");
            String out = TestKafka.uniqueTopic("dyn-out");
            Path allowed = Files.createDirectories(dir.resolve("allowed"));
            create(dynamicPort("dynamic", topic, List.of(receiver.url("/orders/**"), fileUri(allowed) + "/**",
                    "kafka:" + out + "*"))).statusCode(201);
            action("dynamic", "start").statusCode(200);

            TestKafka.publish(topic, "k1", "to-http", Map.of("sendports.address", receiver.url("/orders/eu?x=1"),
                    "region", "eu"));
            TestKafka.publish(topic, "k2", "to-file", Map.of("sendports.address", fileUri(allowed) + "/sub",
                    "sendports.file-name", "order.xml"));
            TestKafka.publish(topic, "k3", "to-kafka", Map.of("sendports.address", "kafka:" + out, "trace", "t3"));
            // sendports.transport wins over the address scheme (BTS.OutboundTransportType)
            TestKafka.publish(topic, "k4", "by-transport", Map.of("sendports.address", out + "-two",
                    "sendports.transport", "kafka"));

            await().atMost(WAIT).until(() -> receiver.bodies().equals(List.of("to-http")));
            assertEquals("/orders/eu", receiver.requests().get(0).path());
            assertEquals("x=1", receiver.requests().get(0).query());
            assertEquals("eu", receiver.requests().get(0).header("region"));
            Path file = allowed.resolve("sub").resolve("order.xml");
            await().atMost(WAIT).alias("file delivered; suspended: " + given().get("/api/suspended-messages").asString())
                    .until(() -> Files.exists(file));
            assertEquals("to-file", Files.readString(file));
            List<ConsumerRecord<byte[], byte[]>> kafka = TestKafka.read(out, 1, WAIT);
            assertEquals("k3", TestKafka.text(kafka.get(0).key()));
            assertEquals("to-kafka", TestKafka.text(kafka.get(0).value()));
            assertEquals("t3", TestKafka.header(kafka.get(0), "trace"));
            assertEquals("by-transport", TestKafka.text(TestKafka.read(out + "-two", 1, WAIT).get(0).value()));
            action("dynamic", "unenlist").statusCode(200);
        }
    }

    @Test
    void hostileDestinationsAreRefusedAndSuspendedWhileThePortKeepsRunning() throws Exception {
        try (HttpReceiver receiver = new HttpReceiver()) {
            String topic = TestKafka.uniqueTopic("hostile");
            Path allowed = Files.createDirectories(dir.resolve("spool"));
            Path outside = Files.createDirectories(dir.resolve("secret"));
            Files.createSymbolicLink(allowed.resolve("escape"), outside);
            int port = Integer.parseInt(receiver.url("").replaceAll(".*:(\\d+).*", "$1"));
            create(dynamicPort("guarded", topic, List.of("http://127.0.0.1:" + port + "/api/**",
                    fileUri(allowed) + "/**", "kafka:guarded-out"))).statusCode(201);
            action("guarded", "start").statusCode(200);

            Map<String, Map<String, String>> hostile = new java.util.LinkedHashMap<>();
            String http = "http://127.0.0.1:" + port;
            for (String address : List.of(
                    fileUri(allowed) + "/../secret",
                    fileUri(allowed) + "/%2e%2e/secret",
                    fileUri(allowed) + "/escape",
                    "file:///etc",
                    http + "/api/../admin",
                    http + "/api/%2e%2e/admin",
                    http + "/api%2fadmin",
                    http + "/admin",
                    "http://127.0.0.1:" + (port + 1) + "/api/x",
                    "http://127.0.0.1@evil.example:" + port + "/api/x",
                    "http://evil.example/api/x",
                    "http://169.254.169.254/latest/meta-data",
                    "http://2130706433:" + port + "/api/x",
                    "http://0x7f000001:" + port + "/api/x",
                    "http://[::1]:" + port + "/api/x",
                    "https://127.0.0.1:" + port + "/api/x",
                    "exec:/bin/sh",
                    "bean:someBean?method=run",
                    "sql:select 1",
                    "jar:file:/tmp/x.jar!/a",
                    "direct:internal",
                    "kafka:sendports.control",
                    "kafka:other-topic",
                    "not a uri at all",
                    "")) {
                hostile.put(address, Map.of("sendports.address", address));
            }
            hostile.put("unknown transport", Map.of("sendports.address", http + "/api/x", "sendports.transport", "ftp"));
            hostile.put("no address", Map.of());
            int i = 0;
            for (Map<String, String> headers : hostile.values()) {
                TestKafka.publish(topic, "h" + i++, "hostile", headers);
            }
            TestKafka.publish(topic, "good", "fine", Map.of("sendports.address", http + "/api/ok"));

            await().atMost(WAIT).until(() -> receiver.bodies().equals(List.of("fine")));
            await().atMost(WAIT).until(() -> suspended("guarded").size() == hostile.size());
            List<Map<String, Object>> all = JsonPath.from(given().get("/api/suspended-messages?port=guarded").asString())
                    .getList("");
            for (Map<String, Object> message : all) {
                assertEquals(1, message.get("attempts"), message.toString());
                String error = String.valueOf(message.get("error"));
                assertTrue(error.contains("refused") || error.contains("sendports.address")
                        || error.contains("sendports.transport"), error);
            }
            assertEquals(List.of(), listAll(outside));
            assertEquals(1, receiver.attempts().size(), "nothing but the good message reached the server");
            action("guarded", "unenlist").statusCode(200);
        }
    }

    @Test
    void manyDistinctDestinationsKeepTheEndpointRegistryBounded() throws Exception {
        String topic = TestKafka.uniqueTopic("many");
        Path allowed = Files.createDirectories(dir.resolve("many"));
        create(dynamicPort("many-files", topic, List.of(fileUri(allowed) + "/**"))).statusCode(201);
        action("many-files", "start").statusCode(200);
        int before = camel.getEndpointRegistry().size();
        try (var producer = TestKafka.producer()) {
            for (int i = 0; i < 1000; i++) {
                List<org.apache.kafka.common.header.Header> headers = new ArrayList<>();
                headers.add(new org.apache.kafka.common.header.internals.RecordHeader("sendports.address",
                        (fileUri(allowed) + "/d" + (i % 10)).getBytes()));
                headers.add(new org.apache.kafka.common.header.internals.RecordHeader("sendports.file-name",
                        ("f" + i).getBytes()));
                producer.send(new org.apache.kafka.clients.producer.ProducerRecord<byte[], byte[]>(topic, null, (byte[]) null,
                        ("m" + i).getBytes(), headers));
            }
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertEquals(1000, count(allowed),
                () -> "files written; suspended: " + suspended("many-files") + "; status: "
                        + given().get("/api/send-ports/many-files").asString()));
        int after = camel.getEndpointRegistry().size();
        assertTrue(after - before <= 10, "1,000 file names in 10 directories made " + (after - before) + " endpoints");
        assertTrue(after <= ComponentSetup.MAX_ENDPOINTS + camel.getRoutes().size() * 2);
        action("many-files", "unenlist").statusCode(200);
    }

    /**
     * A directory decoded from a message's address goes to the file endpoint as a path, never as endpoint
     * options: {@code a%3Fmode=append} is the directory {@code a?mode=append}, written in the port's mode
     * (overwrite), and other characters that mean something in a URI stay what they are in the name.
     */
    @Test
    void aDirectoryFromAMessageCannotSetEndpointOptions() throws Exception {
        String topic = TestKafka.uniqueTopic("options");
        Path allowed = Files.createDirectories(dir.resolve("opts"));
        Path appendAttempt = Files.createDirectories(allowed.resolve("a?mode=append"));
        Files.writeString(appendAttempt.resolve("f"), "old");
        create(dynamicPort("no-options", topic, List.of(fileUri(allowed) + "/**"))).statusCode(201);
        action("no-options", "start").statusCode(200);
        Map<String, String> directories = new java.util.LinkedHashMap<>();
        directories.put("a%3Fmode=append", "a?mode=append");
        directories.put("b%3Fmode=append%26fileExist=Append", "b?mode=append&fileExist=Append");
        directories.put("c&mode=append", "c&mode=append");
        directories.put("d%2541", "d%41");
        directories.put("e%23f", "e#f");
        directories.put("g%20h+i", "g h+i");
        directories.put("j%29%26mode=append", "j)&mode=append");
        for (String encoded : directories.keySet()) {
            TestKafka.publish(topic, encoded, "new", Map.of("sendports.address", fileUri(allowed) + "/" + encoded,
                    "sendports.file-name", "f"));
        }
        for (String directory : directories.values()) {
            Path file = allowed.resolve(directory).resolve("f");
            await().atMost(WAIT).alias(file + " written; suspended: " + given().get("/api/suspended-messages?port=no-options")
                    .asString()).until(() -> Files.exists(file) && Files.readString(file).equals("new"));
        }
        assertEquals(List.of(), suspended("no-options"));
        assertEquals(directories.size(), listAll(allowed).size(), "nothing written elsewhere: " + listAll(allowed));
        action("no-options", "unenlist").statusCode(200);
    }

    static String dynamicPort(String name, String topic, List<String> allowed) {
        StringBuilder list = new StringBuilder();
        for (String pattern : allowed) {
            list.append(list.length() == 0 ? "" : ",").append('"').append(pattern).append('"');
        }
        return "{\"name\":\"" + name + "\",\"kind\":\"dynamic\",\"pattern\":\"one-way\",\"subscription\":{\"topics\":[\""
                + topic + "\"]},\"allowedDestinations\":[" + list + "]}";
    }

    static String fileUri(Path path) {
        return "file://" + path.toAbsolutePath();
    }

    private static List<String> suspended(String port) {
        return JsonPath.from(given().get("/api/suspended-messages?port=" + port).asString()).getList("id");
    }

    private static List<Path> listAll(Path root) throws Exception {
        try (var files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private static long count(Path root) throws Exception {
        try (var files = Files.walk(root)) {
            return files.filter(f -> !f.getFileName().toString().startsWith(".")).filter(Files::isRegularFile).count();
        } catch (java.io.UncheckedIOException renamedMeanwhile) {
            return -1;
        }
    }

    static Map<String, String> headers(String... pairs) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
