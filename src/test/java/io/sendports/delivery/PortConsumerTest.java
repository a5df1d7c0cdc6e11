package io.sendports.delivery;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sendports.message.InboundMessage;
import io.sendports.testsupport.KafkaTestResource;
import io.sendports.testsupport.TestKafka;

/**
 * The port consumer against a real broker, with the route replaced by a sender the test controls: which
 * offsets are committed while deliveries finish out of order, what a failed unit does, how many units run at
 * once, and what a second instance joining the group changes.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class PortConsumerTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final List<PortConsumer> consumers = new ArrayList<>();

    /** Every record accepted, one unit per record. */
    private static final class OneByOne implements PortConsumer.Intake {
        @Override
        public InboundMessage inbound(ConsumerRecord<byte[], byte[]> record) {
            return new InboundMessage("test", record.topic(), record.partition(), record.offset(), record.timestamp(),
                    record.key(), record.value(), record.headers());
        }

        @Override
        public boolean accepts(InboundMessage message) {
            return !TestKafka.text(message.value()).startsWith("skip");
        }

        @Override
        public List<DeliveryUnit> units(TopicPartition partition, List<InboundMessage> accepted) {
            return accepted.stream().map(message -> DeliveryUnit.of(partition, message)).toList();
        }

        @Override
        public boolean halted() {
            return false;
        }
    }

    @AfterEach
    void stopConsumers() {
        consumers.forEach(PortConsumer::stop);
    }

    @Test
    void commitsTheLowestUnfinishedOffsetWhileLaterOnesFinishFirst() throws Exception {
        String topic = topic("lowest", 1);
        String group = "test-lowest-" + topic;
        Map<Long, Consumer<Throwable>> held = new ConcurrentHashMap<>();
        List<Long> delivered = new CopyOnWriteArrayList<>();
        start(group, topic, (unit, done) -> {
            long offset = unit.firstOffset();
            if (offset == 0) {
                held.put(offset, done);
                return;
            }
            delivered.add(offset);
            done.accept(null);
        }, 32, false);
        for (int i = 0; i < 10; i++) {
            TestKafka.publish(topic, "k", "m" + i, Map.of());
        }
        await().atMost(WAIT).until(() -> delivered.size() == 9 && held.containsKey(0L));
        // Offsets 1..9 are delivered, 0 is not: nothing may be committed beyond 0, for as long as 0 is held
        // (several commit intervals of 100 ms).
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> {
            Long now = committed(group, new TopicPartition(topic, 0));
            return now == null || now == 0;
        });
        Long committed = committed(group, new TopicPartition(topic, 0));
        assertTrue(committed == null || committed == 0, "committed " + committed + " while offset 0 is in flight");
        held.remove(0L).accept(null);
        await().atMost(WAIT).until(() -> Long.valueOf(10).equals(committed(group, new TopicPartition(topic, 0))));
    }

    @Test
    void aFailedUnitIsReadAgainAndNothingAfterItIsCommittedMeanwhile() throws Exception {
        String topic = topic("rewind", 1);
        String group = "test-rewind-" + topic;
        AtomicInteger attemptsOfThree = new AtomicInteger();
        List<Long> delivered = Collections.synchronizedList(new ArrayList<>());
        start(group, topic, (unit, done) -> {
            long offset = unit.firstOffset();
            if (offset == 3 && attemptsOfThree.incrementAndGet() == 1) {
                done.accept(new IllegalStateException("could not park"));
                return;
            }
            delivered.add(offset);
            done.accept(null);
        }, 1, false);
        for (int i = 0; i < 6; i++) {
            TestKafka.publish(topic, "k", "m" + i, Map.of());
        }
        await().atMost(WAIT).until(() -> delivered.contains(5L) && delivered.contains(3L));
        assertEquals(2, attemptsOfThree.get(), "offset 3 was sent again after its failure");
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L), delivered.stream().distinct().sorted().toList());
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L), delivered, "with one in flight, nothing passed the failure");
        await().atMost(WAIT).until(() -> Long.valueOf(6).equals(committed(group, new TopicPartition(topic, 0))));
    }

    @Test
    void filteredRecordsAreCommittedAndTheLimitsHold() throws Exception {
        String topic = topic("limits", 4);
        String group = "test-limits-" + topic;
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        Map<Integer, AtomicInteger> perPartition = new ConcurrentHashMap<>();
        AtomicInteger mostPerPartition = new AtomicInteger();
        Set<String> delivered = ConcurrentHashMap.newKeySet();
        start(group, topic, (unit, done) -> {
            int now = inFlight.incrementAndGet();
            most.accumulateAndGet(now, Math::max);
            int partitionNow = perPartition.computeIfAbsent(unit.partition().partition(), p -> new AtomicInteger())
                    .incrementAndGet();
            mostPerPartition.accumulateAndGet(partitionNow, Math::max);
            new Thread(() -> {
                sleep(2);
                delivered.add(TestKafka.text(unit.message().value()));
                perPartition.get(unit.partition().partition()).decrementAndGet();
                inFlight.decrementAndGet();
                done.accept(null);
            }).start();
        }, 3, true);
        for (int i = 0; i < 200; i++) {
            TestKafka.publish(topic, "k" + i, (i % 10 == 0 ? "skip" : "m") + i, Map.of());
        }
        await().atMost(WAIT).until(() -> delivered.size() == 180);
        assertTrue(most.get() <= 3, "at most 3 in flight, saw " + most.get());
        assertEquals(1, mostPerPartition.get(), "ordered: one unit of a partition at a time");
        await().atMost(WAIT).until(() -> totalCommitted(group, topic, 4) == 200);
    }

    @Test
    void stoppingWithUnitsQueuedCommitsOnlyWhatWasDelivered() throws Exception {
        String topic = topic("stop", 1);
        String group = "test-stop-" + topic;
        for (int i = 0; i < 10; i++) {
            TestKafka.publish(topic, "k", "m" + i, Map.of());
        }
        Map<Long, Consumer<Throwable>> held = new ConcurrentHashMap<>();
        start(group, topic, (unit, done) -> held.put(unit.firstOffset(), done), 1, false);
        // One in flight (offset 0, held), the rest of the first poll queued behind it.
        await().atMost(WAIT).until(() -> held.containsKey(0L));
        PortConsumer first = consumers.remove(0);
        Thread stopping = new Thread(first::stop);
        stopping.start();
        await().atMost(WAIT).until(() -> !first.running());
        held.remove(0L).accept(null);
        stopping.join(WAIT.toMillis());
        assertEquals(1L, committed(group, new TopicPartition(topic, 0)), "only offset 0 was delivered");

        List<Long> delivered = new CopyOnWriteArrayList<>();
        start(group, topic, (unit, done) -> {
            delivered.add(unit.firstOffset());
            done.accept(null);
        }, 1, false);
        await().atMost(WAIT).until(() -> delivered.size() == 9);
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L), delivered);
    }

    @Test
    void aPartitionRevokedWithUnitsQueuedIsTakenOverFromItsFirstUndeliveredRecord() throws Exception {
        String topic = topic("revoke", 2);
        String group = "test-revoke-" + topic;
        for (int i = 0; i < 40; i++) {
            TestKafka.publish(topic, "k" + (i % 2), "m" + i, Map.of());
        }
        Set<String> delivered = ConcurrentHashMap.newKeySet();
        PortConsumer.Sender slow = (unit, done) -> {
            sleep(50);   // one at a time: most of the first poll is still queued when a partition moves
            delivered.add(TestKafka.text(unit.message().value()));
            done.accept(null);
        };
        start(group, topic, slow, 1, false);
        start(group, topic, slow, 1, false);
        await().atMost(WAIT).until(() -> delivered.size() == 40);
        await().atMost(WAIT).until(() -> totalCommitted(group, topic, 2) == 40);
    }

    @Test
    void aSecondInstanceTakesPartitionsWithoutLosingARecord() throws Exception {
        String topic = topic("rebalance", 4);
        String group = "test-rebalance-" + topic;
        Set<String> delivered = ConcurrentHashMap.newKeySet();
        Map<Integer, Set<Integer>> partitionsOf = new ConcurrentHashMap<>();
        AtomicInteger sends = new AtomicInteger();
        java.util.function.IntFunction<PortConsumer.Sender> instance = number -> (unit, done) -> {
            sends.incrementAndGet();
            partitionsOf.computeIfAbsent(number, n -> ConcurrentHashMap.newKeySet()).add(unit.partition().partition());
            sleep(1);
            delivered.add(TestKafka.text(unit.message().value()));
            done.accept(null);
        };
        start(group, topic, instance.apply(1), 8, false);
        for (int i = 0; i < 500; i++) {
            TestKafka.publish(topic, "k" + i, "m" + i, Map.of());
        }
        start(group, topic, instance.apply(2), 8, false);
        // Messages keep coming until the second instance delivered some: it took partitions over.
        AtomicInteger published = new AtomicInteger(500);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> {
            for (int i = 0; i < 20; i++) {
                int n = published.getAndIncrement();
                TestKafka.publish(topic, "k" + n, "m" + n, Map.of());
            }
            return !partitionsOf.getOrDefault(2, Set.of()).isEmpty();
        });
        int total = published.get();
        await().atMost(WAIT).until(() -> delivered.size() == total);
        await().atMost(WAIT).until(() -> totalCommitted(group, topic, 4) == total);
        assertTrue(sends.get() >= total);
        Set<Integer> second = partitionsOf.get(2);
        assertTrue(second.size() < 4, "the second instance took some partitions, not all: " + second);
        assertTrue(partitionsOf.get(1).stream().anyMatch(p -> !second.contains(p)),
                "the first instance kept partitions the second did not take: " + partitionsOf);
    }

    private void start(String group, String topic, PortConsumer.Sender sender, int maxInFlight, boolean ordered) {
        Map<String, Object> properties = Map.of(
                "bootstrap.servers", KafkaTestResource.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000,
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 1_000,
                ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                        org.apache.kafka.clients.consumer.CooperativeStickyAssignor.class.getName());
        PortConsumer consumer = new PortConsumer("test", properties, List.of(topic), new OneByOne(), sender,
                maxInFlight, ordered);
        consumers.add(consumer);
        consumer.start();
        await().atMost(WAIT).until(consumer::polling);
    }

    private static String topic(String prefix, int partitions) throws Exception {
        String topic = TestKafka.uniqueTopic("consumer-" + prefix);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaTestResource.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        }
        return topic;
    }

    private static Long committed(String group, TopicPartition partition) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaTestResource.bootstrapServers()))) {
            OffsetAndMetadata offset = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                    .get(partition);
            return offset == null ? null : offset.offset();
        }
    }

    private static long totalCommitted(String group, String topic, int partitions) throws Exception {
        long total = 0;
        for (int p = 0; p < partitions; p++) {
            Long offset = committed(group, new TopicPartition(topic, p));
            total += offset == null ? 0 : offset;
        }
        return total;
    }

    /** The time a delivery takes at the simulated destination. */
    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
