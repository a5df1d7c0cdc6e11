package io.sendports.camel;

import static io.sendports.testsupport.Api.action;
import static io.sendports.testsupport.Api.create;
import static io.sendports.testsupport.Api.fileTransport;
import static io.sendports.testsupport.Api.staticPort;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.apache.camel.component.kafka.KafkaConfiguration;
import org.apache.camel.component.kafka.KafkaEndpoint;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sendports.testsupport.HttpReceiver;
import io.sendports.testsupport.KafkaTestResource;
import io.sendports.testsupport.TestKafka;

/** Each transport delivers real messages from a real broker: an HTTP server, files on disk, a Kafka topic. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class TransportDeliveryTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    CamelContext camel;

    @TempDir
    Path dir;

    @Test
    void httpDeliversBodyHeadersAndKey() {
        try (HttpReceiver receiver = new HttpReceiver()) {
            String topic = TestKafka.uniqueTopic("http");
            String transport = "{\"type\":\"http\",\"address\":\"" + receiver.url("/orders?source=kafka")
                    + "\",\"options\":{\"method\":\"PUT\",\"timeout\":\"PT5S\"}}";
            create(staticPort("http-port", topic, transport, null)).statusCode(201);
            action("http-port", "start").statusCode(200).body("state", equalTo("started"));

            TestKafka.publish(topic, "order-1", "{\"id\":1}", Map.of("region", "eu", "content-type", "application/json"));

            await().atMost(WAIT).until(() -> receiver.requests().size() == 1);
            HttpReceiver.Request request = receiver.requests().get(0);
            assertEquals("PUT", request.method());
            assertEquals("/orders", request.path());
            assertEquals("source=kafka", request.query());
            assertEquals("{\"id\":1}", request.body());
            assertEquals("eu", request.header("region"));
            assertEquals("order-1", request.header("sendports.key"));
            assertTrue(request.header("content-type").startsWith("application/json"));
            assertTrue(request.header("sendports.message-id").matches("[0-9a-f-]{36}"));
            action("http-port", "unenlist").statusCode(200);
        }
    }

    @Test
    void fileWritesOneFilePerMessageWithMacros() throws Exception {
        String topic = TestKafka.uniqueTopic("file");
        create(staticPort("file-port", topic,
                fileTransport(dir, "{\"fileName\":\"%SourceFileName%-%datetime%.txt\"}"), null)).statusCode(201);
        action("file-port", "start").statusCode(200);

        TestKafka.publish(topic, "k", "first", Map.of("sendports.file-name", "../../etc/invoice.xml"));

        await().atMost(WAIT).until(() -> listFiles().size() == 1);
        Path file = listFiles().get(0);
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        assertTrue(file.getFileName().toString().matches("invoice\\.xml-" + today + "T\\d{6}\\.txt"), file.toString());
        assertEquals("first", Files.readString(file));
        action("file-port", "unenlist").statusCode(200);
    }

    @Test
    void fileAppendModeAddsEveryMessageToOneFile() throws Exception {
        String topic = TestKafka.uniqueTopic("append");
        create(staticPort("append-port", topic,
                fileTransport(dir, "{\"fileName\":\"all.log\",\"mode\":\"append\"}"), null)).statusCode(201);
        action("append-port", "start").statusCode(200);
        for (int i = 0; i < 5; i++) {
            TestKafka.publish(topic, "k", "line" + i + "\n", Map.of());
        }
        Path all = dir.resolve("all.log");
        await().atMost(WAIT).until(() -> Files.exists(all) && Files.readAllLines(all).size() == 5);
        assertEquals(List.of("line0", "line1", "line2", "line3", "line4"), Files.readAllLines(all));
        action("append-port", "unenlist").statusCode(200);
    }

    /**
     * A record without a value (a tombstone) appends nothing, as it writes an empty file in the other modes; it
     * used to fail the whole batch it was in, parking every message of it for a retry.
     */
    @Test
    void fileAppendModeAppendsNothingForARecordWithoutAValueAndTheRestAtOnce() throws Exception {
        String topic = TestKafka.uniqueTopic("append-tombstone");
        create(staticPort("append-tombstone-port", topic,
                fileTransport(dir, "{\"fileName\":\"some.log\",\"mode\":\"append\"}"), null)).statusCode(201);
        // enlisted (its consumer group starts at the topic's end), then published, then started: the first poll
        // takes all three as one batch
        action("append-tombstone-port", "enlist").statusCode(200);
        TestKafka.publish(topic, "k", "before\n", Map.of());
        TestKafka.publish(topic, "k", null, Map.of());
        TestKafka.publish(topic, "k", "after\n", Map.of());
        action("append-tombstone-port", "start").statusCode(200);
        Path some = dir.resolve("some.log");
        await().atMost(WAIT).until(() -> Files.exists(some) && Files.readAllLines(some).size() == 2);
        assertEquals(List.of("before", "after"), Files.readAllLines(some));
        // the three counted as delivered (the count follows the write), none as failed
        await().atMost(WAIT).untilAsserted(() -> io.restassured.RestAssured.given()
                .get("/api/send-ports/append-tombstone-port").then().statusCode(200)
                .body("status.delivered", equalTo(3)).body("status.failed", equalTo(0)));
        action("append-tombstone-port", "unenlist").statusCode(200);
    }

    @Test
    void messageIdFileNameIsStableAndNoTemporaryFileIsLeft() throws Exception {
        String topic = TestKafka.uniqueTopic("msgid");
        create(staticPort("msgid-port", topic, fileTransport(dir, null), null)).statusCode(201);
        action("msgid-port", "start").statusCode(200);
        TestKafka.publish(topic, "k", "x", Map.of());
        await().atMost(WAIT).until(() -> listFiles().size() == 1);
        String expected = UUID.nameUUIDFromBytes(("msgid-port/" + topic + "/0/0").getBytes(StandardCharsets.UTF_8)).toString();
        assertEquals(expected, listFiles().get(0).getFileName().toString());
        try (Stream<Path> all = Files.list(dir)) {
            assertEquals(1, all.count(), "no temporary file remains");
        }
        action("msgid-port", "unenlist").statusCode(200);
    }

    @Test
    void kafkaKeepsKeyValueAndHeaders() {
        String topic = TestKafka.uniqueTopic("in");
        String target = TestKafka.uniqueTopic("out");
        create(staticPort("kafka-port", topic, "{\"type\":\"kafka\",\"address\":\"kafka:" + target + "\"}", null))
                .statusCode(201);
        action("kafka-port", "start").statusCode(200);
        byte[] binary = {0, (byte) 0xff, 42};
        TestKafka.publish(topic, "key-1".getBytes(StandardCharsets.UTF_8), binary, Map.of("region", "eu", "trace", "t-1"));

        List<ConsumerRecord<byte[], byte[]>> records = TestKafka.read(target, 1, WAIT);
        assertEquals(1, records.size());
        ConsumerRecord<byte[], byte[]> record = records.get(0);
        assertEquals("key-1", TestKafka.text(record.key()));
        assertArrayEquals(binary, record.value());
        assertEquals("eu", TestKafka.header(record, "region"));
        assertEquals("t-1", TestKafka.header(record, "trace"));
        action("kafka-port", "unenlist").statusCode(200);
    }

    /** Kafka headers are a list: a name may come more than once, and in several cases; each arrives, in order. */
    @Test
    void kafkaKeepsRepeatedHeadersAndTheCaseOfTheirNames() throws Exception {
        String topic = TestKafka.uniqueTopic("in");
        String target = TestKafka.uniqueTopic("out");
        create(staticPort("kafka-headers", topic, "{\"type\":\"kafka\",\"address\":\"kafka:" + target + "\"}", null))
                .statusCode(201);
        action("kafka-headers", "start").statusCode(200);
        List<String> sent = List.of("trace=a", "Trace=b", "trace=c", "region=eu");
        List<org.apache.kafka.common.header.Header> headers = new java.util.ArrayList<>();
        for (String header : sent) {
            String[] nameAndValue = header.split("=");
            headers.add(new org.apache.kafka.common.header.internals.RecordHeader(nameAndValue[0],
                    nameAndValue[1].getBytes(StandardCharsets.UTF_8)));
        }
        try (var producer = TestKafka.producer()) {
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topic, null,
                    "k".getBytes(StandardCharsets.UTF_8), "v".getBytes(StandardCharsets.UTF_8), headers))
                    .get(30, java.util.concurrent.TimeUnit.SECONDS);
        }

        List<ConsumerRecord<byte[], byte[]>> records = TestKafka.read(target, 1, WAIT);
        List<String> received = new java.util.ArrayList<>();
        records.get(0).headers().forEach(header -> received.add(header.key() + "=" + TestKafka.text(header.value())));
        assertEquals(sent, received);
        action("kafka-headers", "unenlist").statusCode(200);
    }

    /**
     * A static kafka port's producer settings reach its producer (the route's Camel endpoint), are written back as
     * given, and every compression codec delivers (its native library loads).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"gzip", "snappy", "lz4", "zstd"})
    void kafkaProducerSettingsReachTheProducerAndEveryCodecDelivers(String codec) {
        String topic = TestKafka.uniqueTopic("in");
        String target = TestKafka.uniqueTopic("out");
        String port = "tuned-" + codec;
        create(staticPort(port, topic, "{\"type\":\"kafka\",\"address\":\"kafka:" + target + "\",\"options\":"
                + "{\"lingerMs\":5,\"batchSize\":65536,\"compression\":\"" + codec + "\"}}", null)).statusCode(201);
        action(port, "start").statusCode(200);
        TestKafka.publish(topic, "key-1".getBytes(StandardCharsets.UTF_8), "compressed".getBytes(StandardCharsets.UTF_8),
                Map.of("region", "eu"));

        List<ConsumerRecord<byte[], byte[]>> records = TestKafka.read(target, 1, WAIT);
        assertEquals("compressed", TestKafka.text(records.get(0).value()));
        assertEquals("eu", TestKafka.header(records.get(0), "region"));
        KafkaConfiguration producer = camel.getEndpoints().stream()
                .filter(endpoint -> endpoint instanceof KafkaEndpoint kafka && kafka.getConfiguration().getTopic().equals(target))
                .map(endpoint -> ((KafkaEndpoint) endpoint).getConfiguration()).findFirst()
                .orElseThrow(() -> new AssertionError("no Kafka endpoint for " + target + ": " + camel.getEndpoints()));
        assertEquals(codec, producer.getCompressionCodec());
        assertEquals(5, producer.getLingerMs());
        assertEquals(65536, producer.getProducerBatchSize());
        io.restassured.RestAssured.given().get("/api/send-ports/" + port).then().statusCode(200)
                .body("transport.options", equalTo(Map.of("lingerMs", 5, "batchSize", 65536,
                        "compression", codec)));
        action(port, "unenlist").statusCode(200);
    }

    private List<Path> listFiles() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> !f.getFileName().toString().startsWith(".")).toList();
        }
    }
}
