package io.sendports;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sendports.broker.KafkaBroker;
import io.sendports.control.ControlView;
import io.sendports.domain.ReservedTopics;
import io.sendports.testsupport.ServiceProcess;

/**
 * Two instances on one control topic race updates of one port (DESIGN.md §4, revisions): no update is
 * lost silently. Every answer is 200 or a conflict (409 without If-Match, 412 with it), the port ends as
 * one of the definitions a 200 answered, and each 200 raised the revision by exactly one. And the control topic
 * stays right when compacted: after every round, the last record of each key (what compaction keeps) still
 * describes the port, although a lost race appends a record that is not applied.
 */
class ConcurrentUpdatesIT {
    private static final int ROUNDS = 25;
    private static final Pattern DESCRIPTION = Pattern.compile("\"description\":\"([^\"]*)\"");
    private static final Pattern REVISION = Pattern.compile("\"revision\":(\\d+)");

    @TempDir
    Path work;

    /** One answer to a PUT. */
    private record Answer(String instance, int status, String description, String body) {
    }

    @Test
    void racingUpdatesOnTwoInstancesNeverOverwriteEachOtherSilently() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start(work.resolve("kafka"), KafkaBroker.freePort(), KafkaBroker.freePort());
                ServiceProcess first = new ServiceProcess(broker.bootstrapServers(), work).start();
                ServiceProcess second = new ServiceProcess(broker.bootstrapServers(), work).start()) {
            first.expect(201, "POST", "/api/send-ports", port("created"));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> second.call("GET", "/api/send-ports/contended", null).statusCode() == 200);

            // Each round both threads send their PUT at the same moment: one plainly, one with the If-Match
            // of the revision it has just read.
            CyclicBarrier together = new CyclicBarrier(2);
            // when both answers of a round are in: where the control topic ends
            List<Long> roundEnds = Collections.synchronizedList(new ArrayList<>());
            CyclicBarrier answered = new CyclicBarrier(2, () -> roundEnds.add(controlEnd(broker)));
            List<Answer> answers = Collections.synchronizedList(new ArrayList<>());
            ExecutorService threads = Executors.newFixedThreadPool(2);
            try {
                Future<?> plain = threads.submit(() -> {
                    for (int i = 0; i < ROUNDS; i++) {
                        together.await(60, TimeUnit.SECONDS);
                        String description = "first-" + i;
                        HttpResponse<String> answer = first.call("PUT", "/api/send-ports/contended", port(description));
                        answers.add(new Answer("first", answer.statusCode(), description, answer.body()));
                        answered.await(60, TimeUnit.SECONDS);
                    }
                    return null;
                });
                Future<?> guarded = threads.submit(() -> {
                    for (int i = 0; i < ROUNDS; i++) {
                        HttpResponse<String> read = second.call("GET", "/api/send-ports/contended", null);
                        String tag = read.headers().firstValue("ETag").orElseThrow();
                        together.await(60, TimeUnit.SECONDS);
                        String description = "second-" + i;
                        HttpResponse<String> answer = second.call("PUT", "/api/send-ports/contended",
                                port(description), Map.of("If-Match", tag));
                        answers.add(new Answer("second", answer.statusCode(), description, answer.body()));
                        answered.await(60, TimeUnit.SECONDS);
                    }
                    return null;
                });
                plain.get(5, TimeUnit.MINUTES);
                guarded.get(5, TimeUnit.MINUTES);
            } finally {
                threads.shutdownNow();
            }

            assertEquals(2 * ROUNDS, answers.size());
            for (Answer answer : answers) {
                Set<Integer> allowed = answer.instance().equals("first") ? Set.of(200, 409) : Set.of(200, 412);
                assertTrue(allowed.contains(answer.status()), "answer of " + answer.instance() + ": " + answer.status()
                        + " " + answer.body());
            }
            List<String> accepted = answers.stream().filter(a -> a.status() == 200).map(Answer::description).toList();
            long conflicts = answers.size() - accepted.size();
            System.out.printf("ConcurrentUpdatesIT: %d accepted, %d conflicts%n", accepted.size(), conflicts);

            // Both instances converge on the same port: one that a 200 answered, at revision 1 + accepted.
            String[] finals = new String[2];
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                finals[0] = first.expect(200, "GET", "/api/send-ports/contended", null);
                finals[1] = second.expect(200, "GET", "/api/send-ports/contended", null);
                return field(REVISION, finals[0]).equals(field(REVISION, finals[1]));
            });
            String description = field(DESCRIPTION, finals[0]);
            assertEquals(description, field(DESCRIPTION, finals[1]), "both instances hold the same definition");
            assertTrue(accepted.contains(description), "the final definition '" + description
                    + "' is one that a 200 answered: " + accepted);
            assertEquals(1 + accepted.size(), Long.parseLong(field(REVISION, finals[0])),
                    "every accepted change raised the revision by one, and no other did");

            List<ConsumerRecord<byte[], byte[]>> log = controlRecords(broker);
            for (long end : roundEnds) {
                Map<String, ConsumerRecord<byte[], byte[]>> compacted = new LinkedHashMap<>();
                log.stream().filter(r -> r.offset() < end).forEach(r -> {
                    compacted.remove(new String(r.key(), StandardCharsets.UTF_8));
                    compacted.put(new String(r.key(), StandardCharsets.UTF_8), r);
                });
                ControlView view = new ControlView(ReservedTopics.DEFAULT);
                compacted.values().stream().sorted(Comparator.comparingLong(ConsumerRecord::offset))
                        .forEach(r -> view.onRecord(new String(r.key(), StandardCharsets.UTF_8), r.value(), r.offset(),
                                r.timestamp()));
                assertTrue(view.port("contended").isPresent(),
                        "the control topic compacted up to offset " + end + " (the end of a round) still has the port: "
                                + compacted.values().stream().map(r -> r.offset() + " " + (r.value() == null ? "null"
                                        : new String(r.value(), StandardCharsets.UTF_8))).toList());
                if (end == roundEnds.get(roundEnds.size() - 1)) {
                    assertEquals(description, view.port("contended").orElseThrow().port().description(),
                            "compacted, the topic holds the port as it is");
                    assertEquals(1 + accepted.size(), view.port("contended").orElseThrow().revision());
                }
            }
        }
    }

    private static long controlEnd(KafkaBroker broker) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            TopicPartition control = new TopicPartition("sendports.control", 0);
            return admin.listOffsets(Map.of(control, OffsetSpec.latest())).all().get(30, TimeUnit.SECONDS)
                    .get(control).offset();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> controlRecords(KafkaBroker broker) {
        long end = controlEnd(broker);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> reader = new KafkaConsumer<>(Map.of("bootstrap.servers",
                broker.bootstrapServers()), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition control = new TopicPartition("sendports.control", 0);
            reader.assign(List.of(control));
            reader.seekToBeginning(List.of(control));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (reader.position(control) < end && System.nanoTime() < deadline) {
                reader.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    private static String field(Pattern pattern, String json) {
        Matcher matcher = pattern.matcher(json);
        if (!matcher.find()) {
            throw new AssertionError("no " + pattern + " in " + json);
        }
        return matcher.group(1);
    }

    private static String port(String description) {
        return """
                {"name":"contended","description":"%s","kind":"static","pattern":"one-way",
                 "subscription":{"topics":["contended-in"]},"transport":{"type":"kafka","address":"kafka:contended-out"}}
                """.formatted(description);
    }
}
