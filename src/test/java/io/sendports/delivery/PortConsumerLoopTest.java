package io.sendports.delivery;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetCommitCallback;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.sendports.message.InboundMessage;

/**
 * The port consumer's loop driven by Kafka's {@link MockConsumer} and a clock the test moves, without a broker
 * or Quarkus: every commit is checked against what the test's sender finished, a revocation must hand back the
 * first undelivered record, a failed unit is sought back to, and a partition with too much waiting is paused
 * and resumed.
 */
class PortConsumerLoopTest {
    private static final String TOPIC = "orders";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ManualClock clock = new ManualClock();
    private final LogConsumer kafka = new LogConsumer();
    private final HeldSender sender = new HeldSender();
    private PortConsumer consumer;

    @AfterEach
    void stop() {
        sender.release();
        if (consumer != null) {
            consumer.stop();
        }
        assertEquals(List.of(), kafka.violations, "commits past an unfinished offset");
    }

    @Test
    void aCommitNeverPassesAnUnfinishedOffsetWhileLaterOnesFinishFirst() {
        kafka.append(P0, 10);
        start(32, false, P0);
        waiting().until(() -> sender.held.size() == 10);
        for (long offset = 9; offset >= 1; offset--) {
            sender.complete(P0, offset);
        }
        for (int i = 0; i < 3; i++) {
            // Several commit intervals pass while offset 0 is in flight.
            clock.advance(Duration.ofMillis(150));
            kafka.awaitPolls(3);
        }
        assertEquals(0L, kafka.lastCommit(P0), "offset 0 is in flight: nothing after it is committed");
        sender.complete(P0, 0);
        awaitCommitted(P0, 10);
    }

    @Test
    void outOfOrderCompletionsOnTwoPartitionsAreCommittedUpToTheirLowestUnfinishedOffset() {
        kafka.append(P0, 100);
        kafka.append(P1, 100);
        start(500, false, P0, P1);
        waiting().until(() -> sender.held.size() == 200);
        List<Map.Entry<TopicPartition, Long>> order = new ArrayList<>(sender.held.keySet());
        Collections.shuffle(order, new Random(42));
        for (int i = 0; i < order.size(); i++) {
            sender.complete(order.get(i).getKey(), order.get(i).getValue());
            if (i % 10 == 0) {
                clock.advance(Duration.ofMillis(101));
                kafka.awaitPolls(1);
            }
        }
        awaitCommitted(P0, 100);
        awaitCommitted(P1, 100);
    }

    @Test
    void aRevokedPartitionWithUnitsQueuedIsHandedBackAtItsFirstUndeliveredRecord() {
        kafka.append(P0, 10);
        start(3, false, P0);
        waiting().until(() -> sender.held.size() == 3);
        // Revoked with 0, 1 and 2 in flight and 3..9 queued; the revocation waits for what is in flight.
        kafka.onPollThread(() -> kafka.rebalance(List.of()));
        waiting().until(() -> kafka.tasksRun.get() == 2);
        sender.complete(P0, 0);
        sender.complete(P0, 2);
        sender.complete(P0, 1);
        awaitCommitted(P0, 3);
        assertEquals(3, sender.sent.size(), "nothing queued was started after the revocation: " + sender.sent);

        // Assigned again, the partition is read from the position handed back.
        kafka.onPollThread(() -> kafka.rebalance(List.of(P0)));
        waiting().until(() -> sender.sent.size() == 6);
        // Worker threads call the sender, so the three may arrive in any order.
        assertEquals(Set.of(3L, 4L, 5L), Set.copyOf(sender.sent.subList(3, 6).stream().map(Map.Entry::getValue)
                .toList()), "read again from the first undelivered record: " + sender.sent);
        sender.release();
        awaitCommitted(P0, 10);
    }

    @Test
    void stoppingWithUnitsQueuedCommitsOnlyWhatWasDelivered() {
        kafka.append(P0, 10);
        start(1, false, P0);
        waiting().until(() -> sender.held.size() == 1);
        sender.complete(P0, 0);
        waiting().until(() -> sender.held.containsKey(Map.entry(P0, 1L)));
        Thread stopper = new Thread(consumer::stop);
        stopper.start();
        // The loop stopped polling: the consumer waits for offset 1 before it commits and leaves.
        kafka.awaitPollsStopped();
        sender.complete(P0, 1);
        waiting().until(() -> !stopper.isAlive());
        assertEquals(2L, kafka.lastCommit(P0), "2..9 were queued, never delivered");
        assertEquals(2, sender.sent.size());
    }

    @Test
    void aStopWakesThePollAndStillCommitsWhatFinished() {
        kafka.append(P0, 3);
        start(32, false, P0);
        waiting().until(() -> sender.held.size() == 3);
        sender.complete(P0, 0);
        // One commit interval on the test's clock, which then stands still: the commit after 0 is the last one
        // due before the stop, 1 and 2 finish after it.
        clock.advance(Duration.ofMillis(PortConsumer.COMMIT_INTERVAL_MILLIS));
        waiting().until(() -> kafka.lastCommit(P0) == 1);
        sender.complete(P0, 1);
        sender.complete(P0, 2);
        kafka.awaitPolls(3);
        // From now on a poll without records waits, as a broker's does, until the consumer is woken.
        kafka.pollsWaitForWakeup = true;
        waiting().until(() -> kafka.waitingInPoll);
        consumer.stop();
        assertTrue(kafka.wakeups.get() > 0, "the stop woke the consumer's poll");
        assertEquals(3L, kafka.lastCommit(P0), "a woken poll is a stop, not a failure: what finished is committed");
    }

    @Test
    void aFailedUnitIsSoughtBackToAfterTheOthersFinishAndPausedForASecondOfTheClock() {
        kafka.append(P0, 5);
        start(3, false, P0);
        waiting().until(() -> sender.held.size() == 3);
        sender.fail(P0, 1);
        sender.complete(P0, 2);
        kafka.awaitPolls(3);
        assertEquals(3, sender.sent.size(), "nothing more is started while 0 is in flight");
        sender.complete(P0, 0);
        waiting().until(() -> kafka.seeks.contains(Map.entry(P0, 1L)));
        waiting().until(() -> kafka.paused().contains(P0));
        kafka.awaitPolls(3);
        assertEquals(3, sender.sent.size(), "the partition waits for the rewind pause");
        clock.advance(Duration.ofMillis(PortConsumer.COMMIT_INTERVAL_MILLIS));
        waiting().until(() -> { System.out.println("DBG " + kafka.commits + " " + kafka.commitCount + " " + sender.held.keySet()); return kafka.lastCommit(P0) == 1; });
        kafka.awaitPolls(3);
        assertEquals(3, sender.sent.size(), "still within the pause of a second");
        clock.advance(Duration.ofMillis(PartitionProgress.REWIND_PAUSE_MILLIS));
        waiting().until(() -> sender.sent.size() == 6);
        // Everything from 1 is read again, 2 too, which was delivered before: at least once.
        assertEquals(Set.of(1L, 2L, 3L), Set.copyOf(sender.sent.subList(3, 6).stream().map(Map.Entry::getValue)
                .toList()), "read again from the failed unit: " + sender.sent);
        sender.release();
        awaitCommitted(P0, 5);
    }

    @Test
    void aThousandMessagesWaitingPauseThePartitionUntilTheyAreStarted() {
        kafka.append(P0, 3000);
        start(1, false, P0);
        // 500 records a poll: 1 in flight and 1,499 queued after three polls, which is past the bound.
        waiting().until(() -> kafka.paused().contains(P0));
        kafka.awaitPolls(5);
        assertEquals(1500, kafka.position(P0), "nothing more is fetched while paused");
        assertEquals(1, sender.sent.size());
        sender.release();
        waiting().until(() -> kafka.position(P0) == 3000);
        assertTrue(kafka.resumes.get() > 0, "the partition was resumed");
        awaitCommitted(P0, 3000);
        assertEquals(3000, sender.sent.size());
    }

    @Test
    void twoMebibytesWaitingPauseThePartition() {
        kafka.recordBytes = 10 * 1024;
        kafka.perPoll = 100;
        kafka.append(P0, 1000);
        start(1, false, P0);
        // 100 records of 10 KiB a poll: 299 queued (2.9 MiB) after three polls; far below 1,000 messages.
        waiting().until(() -> kafka.paused().contains(P0));
        kafka.awaitPolls(5);
        assertEquals(300, kafka.position(P0));
        sender.release();
        awaitCommitted(P0, 1000);
    }

    @Test
    void anOrderedPortHasOneUnitOfAPartitionInFlight() {
        kafka.append(P0, 5);
        kafka.append(P1, 5);
        start(8, true, P0, P1);
        waiting().until(() -> sender.held.size() == 2);
        kafka.awaitPolls(3);
        assertEquals(2, sender.held.size(), "one of each partition");
        sender.complete(P0, 0);
        waiting().until(() -> sender.held.containsKey(Map.entry(P0, 1L)));
        assertEquals(3, sender.sent.size());
    }

    /** Awaitility looking often: the loop's steps take milliseconds. */
    private static org.awaitility.core.ConditionFactory waiting() {
        return await().atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5));
    }

    /** Waits for a commit of {@code offset}, moving the clock past the commit interval at each look. */
    private void awaitCommitted(TopicPartition partition, long offset) {
        waiting().until(() -> {
            clock.advance(Duration.ofMillis(PortConsumer.COMMIT_INTERVAL_MILLIS));
            return kafka.lastCommit(partition) == offset;
        });
    }

    private void start(int maxInFlight, boolean ordered, TopicPartition... assigned) {
        kafka.onPollThread(() -> kafka.rebalance(List.of(assigned)));
        consumer = new PortConsumer("test", () -> kafka, List.of(TOPIC), new OneByOne(), sender, maxInFlight,
                ordered, clock);
        consumer.start();
        waiting().until(consumer::polling);
    }

    /** Every record accepted, one unit per record. */
    private static final class OneByOne implements PortConsumer.Intake {
        @Override
        public InboundMessage inbound(ConsumerRecord<byte[], byte[]> record) {
            return new InboundMessage("test", record.topic(), record.partition(), record.offset(), record.timestamp(),
                    record.key(), record.value(), record.headers());
        }

        @Override
        public boolean accepts(InboundMessage message) {
            return true;
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

    /**
     * Holds each delivery until the test completes or fails it, or, once released, completes it at once. An offset
     * is marked finished before the consumer hears of it, so a commit can be checked against the marks.
     */
    private final class HeldSender implements PortConsumer.Sender {
        final Map<Map.Entry<TopicPartition, Long>, Consumer<Throwable>> held = new ConcurrentHashMap<>();
        final List<Map.Entry<TopicPartition, Long>> sent = new CopyOnWriteArrayList<>();
        private final AtomicBoolean released = new AtomicBoolean();

        @Override
        public void send(DeliveryUnit unit, Consumer<Throwable> done) {
            Map.Entry<TopicPartition, Long> key = Map.entry(unit.partition(), unit.firstOffset());
            sent.add(key);
            if (released.get()) {
                kafka.finished(key);
                done.accept(null);
                return;
            }
            held.put(key, done);
        }

        void complete(TopicPartition partition, long offset) {
            Map.Entry<TopicPartition, Long> key = Map.entry(partition, offset);
            Consumer<Throwable> done = held.remove(key);
            assertTrue(done != null, "offset " + offset + " of " + partition + " is in flight");
            kafka.finished(key);
            done.accept(null);
        }

        void fail(TopicPartition partition, long offset) {
            held.remove(Map.entry(partition, offset)).accept(new IllegalStateException("could not be parked"));
        }

        /** Completes what is held and everything sent from now on. */
        void release() {
            released.set(true);
            for (Map.Entry<TopicPartition, Long> key : List.copyOf(held.keySet())) {
                Consumer<Throwable> done = held.remove(key);
                if (done != null) {
                    kafka.finished(key);
                    done.accept(null);
                }
            }
        }
    }

    /**
     * A {@link MockConsumer} in front of a log per partition: each poll hands out the records from the position
     * on (at most {@link #perPoll}) of the assigned partitions that are not paused, so that a seek reads again,
     * as with a broker. Each commit is checked: every offset below it must have been finished.
     */
    private static final class LogConsumer extends MockConsumer<byte[], byte[]> {
        final Map<TopicPartition, Integer> logs = new ConcurrentHashMap<>();
        final Set<Map.Entry<TopicPartition, Long>> finished = ConcurrentHashMap.newKeySet();
        final List<String> violations = new CopyOnWriteArrayList<>();
        final Map<TopicPartition, Long> commits = new ConcurrentHashMap<>();
        final AtomicInteger commitCount = new AtomicInteger();
        final List<Map.Entry<TopicPartition, Long>> seeks = new CopyOnWriteArrayList<>();
        final AtomicInteger resumes = new AtomicInteger();
        final AtomicLong polls = new AtomicLong();
        final AtomicInteger tasksRun = new AtomicInteger();
        final AtomicInteger wakeups = new AtomicInteger();
        private final java.util.concurrent.Semaphore woken = new java.util.concurrent.Semaphore(0);
        volatile boolean pollsWaitForWakeup;
        volatile boolean waitingInPoll;
        private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
        volatile int perPoll = 500;
        volatile int recordBytes = 1;

        LogConsumer() {
            super("earliest");
            updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
        }

        void append(TopicPartition partition, int records) {
            logs.merge(partition, records, Integer::sum);
        }

        void finished(Map.Entry<TopicPartition, Long> offset) {
            finished.add(offset);
        }

        /** Runs on the consumer's poll thread at its next poll, as a rebalance does. */
        void onPollThread(Runnable task) {
            tasks.add(task);
        }

        void awaitPolls(int count) {
            long target = polls.get() + count;
            waiting().until(() -> polls.get() >= target);
        }

        /** Waits until no poll comes between two looks 50 ms apart (the loop polls every 5 ms at most). */
        void awaitPollsStopped() {
            AtomicLong seen = new AtomicLong(-1);
            await().pollInterval(Duration.ofMillis(50)).atMost(WAIT)
                    .until(() -> seen.getAndSet(polls.get()) == polls.get());
        }

        long lastCommit(TopicPartition partition) {
            return commits.getOrDefault(partition, -1L);
        }

        @Override
        public ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
            Runnable task;
            while ((task = tasks.poll()) != null) {
                tasksRun.incrementAndGet();
                task.run();
            }
            ConsumerRecords<byte[], byte[]> records;
            synchronized (this) {
                for (TopicPartition partition : assignment()) {
                    if (paused().contains(partition)) {
                        continue;
                    }
                    long from = position(partition);
                    long end = Math.min(logs.getOrDefault(partition, 0), from + perPoll);
                    for (long offset = from; offset < end; offset++) {
                        addRecord(new ConsumerRecord<>(partition.topic(), partition.partition(), offset,
                                ("k" + offset).getBytes(), new byte[recordBytes]));
                    }
                }
            }
            if (pollsWaitForWakeup && !hasRecordsToHandOut()) {
                waitingInPoll = true;
                try {
                    woken.tryAcquire(WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            synchronized (this) {
                records = super.poll(timeout);
            }
            polls.incrementAndGet();
            if (records.isEmpty() && !timeout.isZero()) {
                // A broker's poll waits for records; a short wait keeps this loop from spinning.
                LockSupport.parkNanos(Duration.ofMillis(1).toNanos());
            }
            return records;
        }

        @Override
        public synchronized void commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets,
                OffsetCommitCallback callback) {
            check(offsets);
            super.commitAsync(offsets, callback);
        }

        @Override
        public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
            check(offsets);
            super.commitSync(offsets);
        }

        @Override
        public void wakeup() {
            wakeups.incrementAndGet();
            super.wakeup();
            woken.release();
        }

        private synchronized boolean hasRecordsToHandOut() {
            for (TopicPartition partition : assignment()) {
                if (!paused().contains(partition) && position(partition) < logs.getOrDefault(partition, 0)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public synchronized void seek(TopicPartition partition, long offset) {
            seeks.add(Map.entry(partition, offset));
            super.seek(partition, offset);
        }

        @Override
        public synchronized void resume(java.util.Collection<TopicPartition> partitions) {
            resumes.incrementAndGet();
            super.resume(partitions);
        }

        private void check(Map<TopicPartition, OffsetAndMetadata> offsets) {
            commitCount.incrementAndGet();
            Map<TopicPartition, Long> made = new HashMap<>();
            offsets.forEach((partition, offset) -> {
                for (long below = 0; below < offset.offset(); below++) {
                    if (!finished.contains(Map.entry(partition, below))) {
                        violations.add(partition + ": committed " + offset.offset() + " with " + below + " unfinished");
                        break;
                    }
                }
                made.put(partition, offset.offset());
            });
            commits.putAll(made);
        }
    }

    /** A clock that moves only when the test moves it. */
    private static final class ManualClock extends Clock {
        private final AtomicLong millis = new AtomicLong(1_700_000_000_000L);

        void advance(Duration by) {
            millis.addAndGet(by.toMillis());
        }

        @Override
        public long millis() {
            return millis.get();
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
