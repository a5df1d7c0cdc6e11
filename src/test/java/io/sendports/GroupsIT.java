package io.sendports;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.sendports.broker.KafkaBroker;
import io.sendports.testsupport.ServiceProcess;

/**
 * Send port groups (DESIGN.md §3a) in the packaged service, run as separate processes against a broker that outlives
 * them: a group's deliveries lose nothing when the service is killed (SIGKILL) mid-stream, a group's state and
 * membership survive a graceful restart and it delivers after it, and two instances share a group's pairs (one
 * consumer group {@code sendports.group.<group>/<member>} per group and member) and lose nothing when one of them
 * stops mid-stream. Every member is a static one-way port with the Kafka transport, whose own subscription is on a
 * topic nobody publishes to, so everything it delivers came through the group.
 */
class GroupsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path work;

    /**
     * At least once through a group, proven: 10,000 messages stream to a started group with two started members
     * while the service is killed (SIGKILL) mid-stream and started again. Each member's destination has every
     * message; the duplicates are counted and reported, and nothing waits for either member through the group at the
     * end.
     */
    @Test
    void nothingIsLostWhenTheServiceIsKilledDuringGroupDelivery() throws Exception {
        int messages = 10_000;
        try (KafkaBroker broker = KafkaBroker.start(work.resolve("kafka"), KafkaBroker.freePort(), KafkaBroker.freePort());
                ServiceProcess service = new ServiceProcess(broker.bootstrapServers(), work).start();
                KafkaConsumer<byte[], byte[]> reader = reader(broker)) {
            createTopics(broker, Map.of("gkill-in", 2, "gkill-out-m1", 1, "gkill-out-m2", 1));
            for (String member : List.of("m1", "m2")) {
                service.expect(201, "POST", "/api/send-ports", member(member, "gkill-idle", "gkill-out-" + member));
            }
            service.expect(201, "POST", "/api/send-port-groups", """
                    {"name":"gkill","sendPorts":["m1","m2"],"subscription":{"topics":["gkill-in"]},"state":"started"}
                    """);
            // The group's messages reach each member through a consumer group of its own, which has every partition.
            awaitPairConsumers(broker, "gkill", List.of("m1", "m2"), 2, 2);

            reader.subscribe(List.of("gkill-out-m1", "gkill-out-m2"));
            Map<String, Map<String, Integer>> received = Map.of("gkill-out-m1", new HashMap<>(),
                    "gkill-out-m2", new HashMap<>());
            // What each member had delivered, and its pair had committed, when the service was killed.
            Map<String, String> atKill = new HashMap<>();
            try (KafkaProducer<byte[], byte[]> producer = producer(broker)) {
                for (int i = 0; i < messages; i++) {
                    byte[] key = Integer.toString(i).getBytes(StandardCharsets.UTF_8);
                    producer.send(new ProducerRecord<>("gkill-in", key, key));
                    if (i == messages / 2) {
                        producer.flush();
                        // Mid-stream: wait until both members' deliveries are well under way (past the first polled
                        // batches, so that their pairs have most likely committed offsets), then kill without warning.
                        drainUntil(reader, received, Duration.ofSeconds(30),
                                () -> fewest(received) >= messages / 5);
                        service.kill();
                        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                            for (String member : List.of("m1", "m2")) {
                                atKill.put(member, records(admin, "gkill-out-" + member) + " delivered, "
                                        + committed(admin, "sendports.group.gkill/" + member) + " committed");
                            }
                        }
                    }
                }
                producer.flush();
            }
            service.start();
            drainUntil(reader, received, Duration.ofSeconds(120), () -> fewest(received) >= messages);
            assertEquals(messages, received.get("gkill-out-m1").size(), "every message reached m1 at least once");
            assertEquals(messages, received.get("gkill-out-m2").size(), "every message reached m2 at least once");
            for (String member : List.of("m1", "m2")) {
                Map<String, Integer> copies = received.get("gkill-out-" + member);
                System.out.printf("GroupsIT: %d messages through group gkill to %s, %s at the kill; %d duplicates after "
                        + "SIGKILL: %s%n", messages, member, atKill.get(member), duplicates(copies), duplicated(copies));
            }
            // Every pair's offsets reached the end: nothing waits for a member through the group.
            await().atMost(WAIT).untilAsserted(() -> {
                JsonNode group = json(service.expect(200, "GET", "/api/send-port-groups/gkill", null));
                assertEquals(0, member(group, "m1").path("waiting").asLong(-1), group.toString());
                assertEquals(0, member(group, "m2").path("waiting").asLong(-1), group.toString());
            });
        }
    }

    /**
     * A group's state, members, subscription and revision, and its ports' {@code groups}, survive a graceful restart
     * unchanged (the restart writes no control record); a message published while the service was down and one
     * published after it are delivered through the group, once to each member, and one its filter refuses is not.
     */
    @Test
    void groupStateAndMembershipSurviveARestart() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start(work.resolve("kafka"), KafkaBroker.freePort(), KafkaBroker.freePort());
                ServiceProcess service = new ServiceProcess(broker.bootstrapServers(), work).start();
                KafkaConsumer<byte[], byte[]> reader = reader(broker)) {
            // One partition in: a message the filter refuses, published before one it takes, would arrive first.
            createTopics(broker, Map.of("keep-in", 1, "keep-out-a", 1, "keep-out-b", 1));
            service.expect(201, "POST", "/api/send-ports", member("keep-a", "keep-own", "keep-out-a"));
            service.expect(201, "POST", "/api/send-ports", member("keep-b", "keep-own", "keep-out-b"));
            JsonNode created = json(service.expect(201, "POST", "/api/send-port-groups", """
                    {"name":"keep","sendPorts":["keep-a","keep-b"],
                     "subscription":{"topics":["keep-in"],"filter":[[{"property":"region","operator":"==","value":"eu"}]]},
                     "state":"started"}
                    """));
            // Stopped and started again: the revision a restart must keep is not the first one.
            service.expect(200, "POST", "/api/send-port-groups/keep/stop", null);
            service.expect(200, "POST", "/api/send-port-groups/keep/start", null);
            // A second group, enlisted but stopped, with one of the two ports.
            service.expect(201, "POST", "/api/send-port-groups", """
                    {"name":"keep-idle","sendPorts":["keep-a"],"subscription":{"topics":["keep-idle-in"]},"state":"stopped"}
                    """);
            JsonNode keep = json(service.expect(200, "GET", "/api/send-port-groups/keep", null));
            JsonNode idle = json(service.expect(200, "GET", "/api/send-port-groups/keep-idle", null));
            assertEquals(created.path("revision").asLong() + 2, keep.path("revision").asLong(), keep.toString());
            assertEquals("started", keep.path("state").asText(), keep.toString());
            assertEquals("stopped", idle.path("state").asText(), idle.toString());
            assertEquals(List.of("keep", "keep-idle"), groups(service, "keep-a"));
            assertEquals(List.of("keep"), groups(service, "keep-b"));

            reader.subscribe(List.of("keep-out-a", "keep-out-b"));
            Map<String, Map<String, Integer>> received = Map.of("keep-out-a", new HashMap<>(),
                    "keep-out-b", new HashMap<>());
            publish(broker, "keep-in", "before", "eu");
            drainUntil(reader, received, WAIT, () -> received.values().stream().allMatch(r -> r.containsKey("before")));

            service.stop();
            publish(broker, "keep-in", "while-down", "eu");
            service.start();

            for (JsonNode before : List.of(keep, idle)) {
                String name = before.path("name").asText();
                JsonNode after = json(service.expect(200, "GET", "/api/send-port-groups/" + name, null));
                for (String field : List.of("state", "sendPorts", "revision", "subscription")) {
                    assertEquals(before.path(field), after.path(field), name + "." + field + " after the restart");
                }
            }
            assertEquals(List.of("keep", "keep-idle"), groups(service, "keep-a"), "keep-a's groups after the restart");
            assertEquals(List.of("keep"), groups(service, "keep-b"), "keep-b's groups after the restart");

            publish(broker, "keep-in", "after-us", "us");
            publish(broker, "keep-in", "after", "eu");
            drainUntil(reader, received, WAIT, () -> received.values().stream().allMatch(r -> r.containsKey("after")));
            // A graceful stop duplicates nothing, and a group delivers exactly one copy to each member.
            Map<String, Integer> once = Map.of("before", 1, "while-down", 1, "after", 1);
            assertEquals(once, received.get("keep-out-a"), "what keep-a delivered, with the times it delivered each");
            assertEquals(once, received.get("keep-out-b"), "what keep-b delivered, with the times it delivered each");
        }
    }

    /**
     * Two instances on one control topic converge on a group made on one of them, both run consumers of each of the
     * group's pairs and deliver through them (each instance's {@code routed} counts), and the first carries on alone
     * with nothing lost when the second stops gracefully while messages are being published.
     */
    @Test
    void instancesShareAGroupAndLoseNothingWhenOneStops() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start(work.resolve("kafka"), KafkaBroker.freePort(), KafkaBroker.freePort());
                // Two consumers per pair each: four members for the four partitions, so both instances get work.
                ServiceProcess first = new ServiceProcess(broker.bootstrapServers(), work)
                        .with("sendports.delivery.consumers", "2").start();
                ServiceProcess second = new ServiceProcess(broker.bootstrapServers(), work)
                        .with("sendports.delivery.consumers", "2").start();
                KafkaConsumer<byte[], byte[]> reader = reader(broker)) {
            createTopics(broker, Map.of("gshared-in", 4, "gshared-out-s1", 1, "gshared-out-s2", 1));
            for (String member : List.of("s1", "s2")) {
                first.expect(201, "POST", "/api/send-ports", member(member, "gshared-idle", "gshared-out-" + member));
            }
            JsonNode made = json(first.expect(201, "POST", "/api/send-port-groups", """
                    {"name":"gshared","sendPorts":["s1","s2"],"subscription":{"topics":["gshared-in"]},"state":"started"}
                    """));
            // The second instance learns of the group from the control topic alone.
            await().atMost(WAIT).untilAsserted(() -> {
                JsonNode seen = json(second.call("GET", "/api/send-port-groups/gshared", null).body());
                for (String field : List.of("state", "sendPorts", "revision", "subscription")) {
                    assertEquals(made.path(field), seen.path(field), "the second instance's " + field);
                }
                assertEquals("started", member(seen, "s1").path("state").asText(), seen.toString());
                assertEquals("started", member(seen, "s2").path("state").asText(), seen.toString());
            });
            // At most two consumers per pair on an instance: four members with a partition each means both run them.
            awaitPairConsumers(broker, "gshared", List.of("s1", "s2"), 4, 4);

            reader.subscribe(List.of("gshared-out-s1", "gshared-out-s2"));
            Map<String, Map<String, Integer>> received = Map.of("gshared-out-s1", new HashMap<>(),
                    "gshared-out-s2", new HashMap<>());
            try (KafkaProducer<byte[], byte[]> producer = producer(broker)) {
                send(producer, 0, 1000);
                drainUntil(reader, received, WAIT, () -> fewest(received) >= 1000);
                assertEquals(1000, fewest(received), "every message reached both members while both instances ran");
                // Each instance counts what the group's subscription took for a member on it.
                for (String member : List.of("s1", "s2")) {
                    long onFirst = routed(first, member);
                    long onSecond = routed(second, member);
                    assertTrue(onFirst > 0 && onSecond > 0 && onFirst + onSecond >= 1000,
                            "both instances delivered to " + member + ": " + onFirst + " and " + onSecond);
                }

                send(producer, 1000, 1500);
                drainUntil(reader, received, WAIT, () -> fewest(received) >= 1100);
                // Mid-stream: the second instance stops while the rest is published.
                CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> {
                    try {
                        second.stop();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                });
                send(producer, 1500, 2000);
                stopping.get(90, TimeUnit.SECONDS);
            }
            drainUntil(reader, received, Duration.ofSeconds(90), () -> fewest(received) >= 2000);
            assertEquals(2000, received.get("gshared-out-s1").size(), "every message reached s1 at least once");
            assertEquals(2000, received.get("gshared-out-s2").size(), "every message reached s2 at least once");
            System.out.printf("GroupsIT: 2000 messages through group gshared on two instances, the second stopped "
                    + "mid-stream; duplicates: s1 %d, s2 %d%n", duplicates(received.get("gshared-out-s1")),
                    duplicates(received.get("gshared-out-s2")));
            await().atMost(WAIT).untilAsserted(() -> {
                JsonNode group = json(first.expect(200, "GET", "/api/send-port-groups/gshared", null));
                assertEquals(0, member(group, "s1").path("waiting").asLong(-1), group.toString());
                assertEquals(0, member(group, "s2").path("waiting").asLong(-1), group.toString());
            });
        }
    }

    /** A started static one-way port that delivers to a Kafka topic; its own subscription is on {@code ownTopic}. */
    private static String member(String name, String ownTopic, String outTopic) {
        return """
                {"name":"%s","kind":"static","pattern":"one-way","subscription":{"topics":["%s"]},
                 "transport":{"type":"kafka","address":"kafka:%s"},"state":"started"}
                """.formatted(name, ownTopic, outTopic);
    }

    /**
     * Waits until each pair's consumer group ({@code sendports.group.<group>/<member>}) has {@code members} members,
     * each with a partition, and all of them together have the {@code partitions} partitions of the group's topic.
     */
    private static void awaitPairConsumers(KafkaBroker broker, String group, List<String> members, int consumers,
            int partitions) {
        List<String> ids = members.stream().map(m -> "sendports.group." + group + "/" + m).toList();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            await().atMost(WAIT).until(() -> {
                Map<String, ConsumerGroupDescription> described = admin.describeConsumerGroups(ids).all()
                        .get(10, TimeUnit.SECONDS);
                return ids.stream().map(described::get).allMatch(d -> {
                    Set<TopicPartition> assigned = new HashSet<>();
                    d.members().forEach(m -> assigned.addAll(m.assignment().topicPartitions()));
                    return d.members().size() == consumers && assigned.size() == partitions
                            && d.members().stream().allMatch(m -> !m.assignment().topicPartitions().isEmpty());
                });
            });
        }
    }

    /** The records on every partition of a topic: the sum of its end offsets. */
    private static long records(Admin admin, String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
        admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic).partitions()
                .forEach(p -> ends.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        return admin.listOffsets(ends).all().get(10, TimeUnit.SECONDS).values().stream()
                .mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
    }

    /** The offsets a consumer group committed, summed over its partitions: the records it is done with. */
    private static long committed(Admin admin, String group) throws Exception {
        return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS)
                .values().stream().filter(Objects::nonNull).mapToLong(OffsetAndMetadata::offset).sum();
    }

    private static void createTopics(KafkaBroker broker, Map<String, Integer> partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            List<NewTopic> topics = partitions.entrySet().stream()
                    .map(t -> new NewTopic(t.getKey(), t.getValue(), (short) 1)).toList();
            admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
        }
    }

    /** The member of a group's answer named {@code name}, from {@code status.members}. */
    private static JsonNode member(JsonNode group, String name) {
        for (JsonNode member : group.path("status").path("members")) {
            if (member.path("name").asText().equals(name)) {
                return member;
            }
        }
        throw new AssertionError("no member " + name + " in " + group);
    }

    /** Messages the group {@code gshared} took for a member on this instance. */
    private static long routed(ServiceProcess service, String member) throws Exception {
        JsonNode group = json(service.expect(200, "GET", "/api/send-port-groups/gshared", null));
        return member(group, member).path("routed").asLong();
    }

    private static List<String> groups(ServiceProcess service, String port) throws Exception {
        List<String> names = new ArrayList<>();
        json(service.expect(200, "GET", "/api/send-ports/" + port, null)).path("groups")
                .forEach(g -> names.add(g.asText()));
        return names;
    }

    private static JsonNode json(String body) throws Exception {
        return JSON.readTree(body);
    }

    private static KafkaProducer<byte[], byte[]> producer(KafkaBroker broker) {
        return new KafkaProducer<>(Map.of("bootstrap.servers", broker.bootstrapServers(), "linger.ms", 5),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, int from, int to) {
        for (int i = from; i < to; i++) {
            byte[] key = Integer.toString(i).getBytes(StandardCharsets.UTF_8);
            producer.send(new ProducerRecord<>("gshared-in", key, key));
        }
        producer.flush();
    }

    /** Publishes one message named {@code name} (key and value) with the header {@code region}. */
    private static void publish(KafkaBroker broker, String topic, String name, String region) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = producer(broker)) {
            byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
            producer.send(new ProducerRecord<>(topic, null, bytes, bytes,
                    List.of(new RecordHeader("region", region.getBytes(StandardCharsets.UTF_8))))).get();
        }
    }

    /**
     * Reads the destinations until {@code done} holds or the time is up; {@code received} counts the times each key
     * arrived, per destination topic.
     */
    private static void drainUntil(KafkaConsumer<byte[], byte[]> reader, Map<String, Map<String, Integer>> received,
            Duration timeout, BooleanSupplier done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> record : reader.poll(Duration.ofMillis(200))) {
                received.get(record.topic()).merge(new String(record.key(), StandardCharsets.UTF_8), 1, Integer::sum);
            }
        }
    }

    /** The fewest distinct messages any destination has. */
    private static int fewest(Map<String, Map<String, Integer>> received) {
        return received.values().stream().mapToInt(Map::size).min().orElse(0);
    }

    private static int duplicates(Map<String, Integer> received) {
        return received.values().stream().mapToInt(count -> count - 1).sum();
    }

    /** The keys received more than once, with their counts, at most 20 of them. */
    private static String duplicated(Map<String, Integer> received) {
        List<String> keys = received.entrySet().stream().filter(e -> e.getValue() > 1)
                .sorted(Map.Entry.comparingByKey()).map(e -> e.getKey() + "x" + e.getValue()).toList();
        return keys.isEmpty() ? "none" : keys.size() <= 20 ? String.join(", ", keys)
                : String.join(", ", keys.subList(0, 20)) + ", ... " + keys.size() + " keys";
    }

    private static KafkaConsumer<byte[], byte[]> reader(KafkaBroker broker) {
        return new KafkaConsumer<>(Map.of("bootstrap.servers", broker.bootstrapServers(),
                "group.id", "groups-reader-" + UUID.randomUUID(), "auto.offset.reset", "earliest"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
