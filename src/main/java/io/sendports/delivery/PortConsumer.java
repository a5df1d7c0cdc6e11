package io.sendports.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;

import io.sendports.message.InboundMessage;

/**
 * Reads a port's subscription for one instance and keeps up to {@code maxInFlight} deliveries going at once
 * (DESIGN.md §5, docs/DELIVERY.md "Concurrency"). One thread polls; deliveries run on a small pool whose
 * threads exist only while there is work. Each partition's records are cut into {@link DeliveryUnit}s by the
 * port's {@link Intake} (its {@link PortPipeline}); an ordered port (and a static Kafka port, whose units are
 * whole polls) has at most one unit of a partition in flight, another port as many as the limit allows.
 *
 * <p><b>Commits.</b> Each partition's bookkeeping is a {@link PartitionProgress}: the committed offset is the
 * lowest one not yet finished (queued, in flight, or failed), so an offset is committed only after its message,
 * and every message before it, was delivered, parked for a retry or suspended. Commits are asynchronous, one
 * outstanding at a time and at least 100 ms apart, and synchronous when partitions are revoked and when the
 * port stops.
 *
 * <p><b>Failures.</b> A unit whose failure could not be handled (its exchange ended with an exception: a
 * response that could not be published, a park that failed, an ordered port that stops on failure) holds its
 * partition back: nothing more of it is started, and once the partition's other units finished, the consumer
 * seeks back to the failed unit and tries again after a pause.
 *
 * <p><b>Backpressure.</b> A partition with {@link PartitionProgress#MAX_QUEUED} messages or
 * {@link PartitionProgress#MAX_QUEUED_BYTES} bytes or more waiting to be started is paused, so the consumer
 * holds at most about one more poll of a partition beyond that and what is in flight.
 *
 * <p>The Kafka consumer (a new one after a failure) and the clock of commit intervals, pauses and the finish
 * timeout come from outside, so that a {@code MockConsumer} and a test's clock can drive the loop
 * (PortConsumerLoopTest). A clock that goes back never stops commits or prolongs a wait: such a step counts as
 * the interval having passed, or restarts the wait.
 */
public final class PortConsumer {
    private static final Logger LOG = Logger.getLogger(PortConsumer.class);
    /**
     * The poll of a consumer with nothing in flight, queued, paused or uncommitted: records end it as soon as
     * they come, a stop wakes it. 500 idle ports polling every 100 ms kept two cores busy.
     */
    private static final Duration IDLE_POLL = Duration.ofSeconds(1);
    /** The poll while finished deliveries wait for their commit, or a partition is paused. */
    private static final Duration SETTLING_POLL = Duration.ofMillis(100);
    private static final Duration BUSY_POLL = Duration.ofMillis(5);
    private static final long BUSY_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    /**
     * Commits of a consumer are at least this far apart: committing after every delivery would cost a request
     * to the group coordinator per message. A crash re-delivers at most what finished in this time, besides
     * what was in flight.
     */
    static final long COMMIT_INTERVAL_MILLIS = 100;
    static final long FINISH_TIMEOUT_MILLIS = TimeUnit.SECONDS.toMillis(30);

    /** What the consumer asks of the port about the records it reads ({@link PortPipeline} in production). */
    public interface Intake {
        /** The message a consumed record is for this port. */
        InboundMessage inbound(ConsumerRecord<byte[], byte[]> record);

        /** Whether the port's filter takes the message. */
        boolean accepts(InboundMessage message);

        /** Cuts the accepted messages of one partition's poll, in order, into units. */
        List<DeliveryUnit> units(TopicPartition partition, List<InboundMessage> accepted);

        /** True when nothing more may be taken (an ordered port stopping after a failure). */
        boolean halted();
    }

    /** Sends a unit through the port's route; calls {@code done} with null on success, else the error. */
    public interface Sender {
        void send(DeliveryUnit unit, java.util.function.Consumer<Throwable> done);
    }

    private record Completion(DeliveryUnit unit, Throwable error) {
    }

    private final String port;
    private final Supplier<Consumer<byte[], byte[]>> consumers;
    private final Clock clock;
    private final List<String> topics;
    private final Intake pipeline;
    private final Sender sender;
    private final int maxInFlight;
    private final boolean ordered;
    private final ThreadPoolExecutor workers;
    private final ConcurrentLinkedQueue<Completion> completions = new ConcurrentLinkedQueue<>();
    private final Map<TopicPartition, PartitionProgress> partitions = new LinkedHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private volatile boolean polling;
    /** The Kafka consumer of the moment, for a stop to wake its poll. */
    private volatile Consumer<byte[], byte[]> current;
    /** Counted down once the consumer took its last record and committed what it delivered. */
    private final CountDownLatch quiet = new CountDownLatch(1);
    private int inFlight;
    private boolean commitOutstanding;
    private long lastCommitMillis;
    private Set<TopicPartition> paused = Set.of();

    /**
     * A consumer on the system clock.
     *
     * @param properties  the Kafka consumer's settings (group, client id, no auto commit, ...)
     * @param maxInFlight units in flight at most (at least 1)
     * @param ordered     at most one unit of a partition in flight
     */
    public PortConsumer(String port, Map<String, Object> properties, List<String> topics, Intake pipeline,
            Sender sender, int maxInFlight, boolean ordered) {
        this(port, properties, topics, pipeline, sender, maxInFlight, ordered, Clock.systemUTC());
    }

    /** A consumer that reads Kafka with a {@link KafkaConsumer} of the given settings, on the given clock. */
    public PortConsumer(String port, Map<String, Object> properties, List<String> topics, Intake pipeline,
            Sender sender, int maxInFlight, boolean ordered, Clock clock) {
        this(port, () -> new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer()),
                topics, pipeline, sender, maxInFlight, ordered, clock);
    }

    /**
     * @param consumers makes the Kafka consumer, once at the start and again after a consumer failed; the port
     *                  consumer subscribes it and closes it
     */
    PortConsumer(String port, Supplier<Consumer<byte[], byte[]>> consumers, List<String> topics, Intake pipeline,
            Sender sender, int maxInFlight, boolean ordered, Clock clock) {
        this.port = port;
        this.consumers = consumers;
        this.clock = clock;
        this.lastCommitMillis = clock.millis() - COMMIT_INTERVAL_MILLIS;
        this.topics = List.copyOf(topics);
        this.pipeline = pipeline;
        this.sender = sender;
        this.maxInFlight = Math.max(1, maxInFlight);
        this.ordered = ordered;
        AtomicInteger threads = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(this.maxInFlight, this.maxInFlight, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread worker = new Thread(r, "sendports-" + port + "-" + threads.incrementAndGet());
                    worker.setDaemon(true);
                    return worker;
                });
        this.workers.allowCoreThreadTimeOut(true);
        this.thread = new Thread(this::run, "sendports-port-" + port);
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Whether the consumer is running (until {@link #stop}). */
    public boolean running() {
        return running && thread.isAlive();
    }

    /** Whether the consumer has joined its group and polls (for tests and status). */
    public boolean polling() {
        return polling;
    }

    /**
     * Stops taking records, lets the deliveries in flight finish (up to 30 s) and commits what finished.
     * Records polled but not started stay uncommitted and wait in Kafka. Returns then; the consumer leaves
     * the group in the background (closing waits for the broker to end its last fetch, up to half a second).
     */
    public void stop() {
        requestStop();
        try {
            quiet.await(FINISH_TIMEOUT_MILLIS + 10_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.shutdown();
    }

    /** Tells the consumer to stop taking records, and returns at once; {@link #stop} then waits for the rest. */
    public void requestStop() {
        if (stopRequested.getAndSet(true)) {
            return;
        }
        running = false;
        LockSupport.unpark(thread);
        Consumer<byte[], byte[]> consumer = current;
        if (consumer != null) {
            consumer.wakeup();
        }
    }

    /**
     * Waits until the stopped consumer has closed, that is left its group (the service stops: the broker may
     * go right after). False when it still runs after the timeout.
     */
    public boolean awaitClosed(Duration timeout) {
        try {
            thread.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }

    private void run() {
        while (running) {
            try (Consumer<byte[], byte[]> consumer = consumers.get()) {
                // Volatile both: a stop either sees this consumer and wakes it, or is seen by the loop before it polls.
                current = consumer;
                try {
                    consumer.subscribe(topics, new Rebalance(consumer));
                    loop(consumer);
                    finish(consumer);
                    quiet.countDown();
                } catch (RuntimeException e) {
                    if (running) {
                        LOG.warnf("Consumer of port %s failed (%s); starting it again in 1 s", port, e.toString());
                    }
                    abandon();
                } finally {
                    current = null;
                }
            } catch (RuntimeException e) {
                LOG.warnf("Consumer of port %s could not be created or closed: %s", port, e.toString());
            }
            polling = false;
            if (running) {
                LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
            }
        }
        quiet.countDown();
    }

    private void loop(Consumer<byte[], byte[]> consumer) {
        while (running) {
            drain(consumer);
            dispatch();
            pauseAndResume(consumer);
            commit(consumer);
            Duration timeout = settled() ? IDLE_POLL : SETTLING_POLL;
            if (hasQueued()) {
                // Waiting for a delivery to finish (a completion unparks this thread), then only a quick look.
                // The check comes first: the Kafka client parks this thread too, and may have used up the
                // permit of a completion that came while it polled.
                awaitCompletion();
                timeout = Duration.ZERO;
            } else if (inFlight > 0) {
                // New records are taken as soon as they come; finished deliveries are committed soon after.
                timeout = BUSY_POLL;
            }
            ConsumerRecords<byte[], byte[]> records;
            try {
                records = consumer.poll(timeout);
            } catch (WakeupException e) {
                if (running) {
                    throw e;
                }
                return;
            }
            polling = true;
            take(consumer, records);
        }
    }

    /** Nothing in flight, queued, paused or waiting for its commit: the next poll may wait for records. */
    private boolean settled() {
        if (inFlight > 0 || commitOutstanding || !paused.isEmpty()) {
            return false;
        }
        for (PartitionProgress partition : partitions.values()) {
            if (partition.hasQueued() || partition.toCommit() >= 0) {
                return false;
            }
        }
        return true;
    }

    private void awaitCompletion() {
        if (completions.isEmpty()) {
            LockSupport.parkNanos(BUSY_WAIT_NANOS);
        }
    }

    /** Turns polled records into queued units, partition by partition. */
    private void take(Consumer<byte[], byte[]> consumer, ConsumerRecords<byte[], byte[]> records) {
        for (TopicPartition topicPartition : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> polled = records.records(topicPartition);
            if (pipeline.halted()) {
                // An ordered port stopping after a failure: take nothing more, read it again after the stop.
                consumer.seek(topicPartition, polled.get(0).offset());
                continue;
            }
            PartitionProgress partition = partitions.computeIfAbsent(topicPartition, tp -> new PartitionProgress());
            List<InboundMessage> accepted = new ArrayList<>(polled.size());
            for (ConsumerRecord<byte[], byte[]> record : polled) {
                InboundMessage message = pipeline.inbound(record);
                if (pipeline.accepts(message)) {
                    accepted.add(message);
                }
            }
            for (DeliveryUnit unit : pipeline.units(topicPartition, accepted)) {
                partition.enqueue(unit);
            }
            partition.taken(polled.get(polled.size() - 1).offset());
        }
    }

    /** Starts queued units while the limits allow, one partition after the other. */
    private void dispatch() {
        if (pipeline.halted()) {
            // Stopping after a failure: what is queued stays uncommitted and is read again after a start.
            return;
        }
        boolean started = true;
        while (started && inFlight < maxInFlight) {
            started = false;
            for (PartitionProgress partition : partitions.values()) {
                if (inFlight >= maxInFlight) {
                    break;
                }
                if (!partition.startable(ordered)) {
                    continue;
                }
                DeliveryUnit unit = partition.start();
                inFlight++;
                started = true;
                send(unit);
            }
        }
    }

    private void send(DeliveryUnit unit) {
        Thread poller = thread;
        java.util.function.Consumer<Throwable> done = error -> {
            completions.add(new Completion(unit, error));
            LockSupport.unpark(poller);
        };
        workers.execute(() -> {
            try {
                sender.send(unit, done);
            } catch (Throwable e) {
                done.accept(e);
            }
        });
    }

    /** Takes in what finished; a failed unit holds its partition back until it can be read again. */
    private void drain(Consumer<byte[], byte[]> consumer) {
        Completion completion;
        while ((completion = completions.poll()) != null) {
            inFlight--;
            DeliveryUnit unit = completion.unit();
            PartitionProgress partition = partitions.get(unit.partition());
            if (partition == null) {
                continue;
            }
            if (completion.error() != null) {
                LOG.warnf("Port %s could not finish message %s (%s): %s; it is read again", port,
                        unit.messages().get(0).messageId(), unit.messages().get(0).source(),
                        completion.error().toString());
            }
            partition.finished(unit, completion.error() != null);
        }
        for (Map.Entry<TopicPartition, PartitionProgress> entry : partitions.entrySet()) {
            if (entry.getValue().rewindDue()) {
                consumer.seek(entry.getKey(), entry.getValue().rewind(clock.millis()));
            }
        }
    }

    private boolean hasQueued() {
        for (PartitionProgress partition : partitions.values()) {
            if (partition.hasQueued()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Pauses partitions with {@link PartitionProgress#MAX_QUEUED} messages (or bytes) waiting to be started, or
     * failed, or waiting to be read again; resumes the others. Below the bound a partition keeps being fetched
     * while its queued units are delivered, so that the next records are there when the deliveries end.
     */
    private void pauseAndResume(Consumer<byte[], byte[]> consumer) {
        long now = clock.millis();
        Set<TopicPartition> wanted = new HashSet<>();
        boolean halted = pipeline.halted();
        for (TopicPartition assigned : consumer.assignment()) {
            PartitionProgress partition = partitions.get(assigned);
            if (halted || partition != null && partition.paused(now)) {
                wanted.add(assigned);
            }
        }
        if (wanted.equals(paused)) {
            return;
        }
        Set<TopicPartition> resume = new HashSet<>(paused);
        resume.removeAll(wanted);
        resume.retainAll(consumer.assignment());
        Set<TopicPartition> pause = new HashSet<>(wanted);
        pause.removeAll(paused);
        if (!resume.isEmpty()) {
            consumer.resume(resume);
        }
        if (!pause.isEmpty()) {
            consumer.pause(pause);
        }
        paused = wanted;
    }

    private Map<TopicPartition, OffsetAndMetadata> committable(Collection<TopicPartition> which) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition topicPartition : which) {
            PartitionProgress partition = partitions.get(topicPartition);
            long offset = partition == null ? -1 : partition.toCommit();
            if (offset >= 0) {
                offsets.put(topicPartition, new OffsetAndMetadata(offset));
            }
        }
        return offsets;
    }

    /** Commits asynchronously what finished since the last commit: one commit at a time, 100 ms apart at most often. */
    private void commit(Consumer<byte[], byte[]> consumer) {
        if (commitOutstanding) {
            return;
        }
        long now = clock.millis();
        long since = now - lastCommitMillis;
        if (since >= 0 && since < COMMIT_INTERVAL_MILLIS) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = committable(partitions.keySet());
        if (offsets.isEmpty()) {
            return;
        }
        commitOutstanding = true;
        lastCommitMillis = now;
        consumer.commitAsync(offsets, (committed, error) -> {
            commitOutstanding = false;
            if (error != null) {
                LOG.debugf("Commit of port %s failed (%s); it is made again", port, error.toString());
                return;
            }
            committed.forEach((topicPartition, offset) -> {
                PartitionProgress partition = partitions.get(topicPartition);
                if (partition != null) {
                    partition.committed(offset.offset());
                }
            });
        });
    }

    private void commitSync(Consumer<byte[], byte[]> consumer, Collection<TopicPartition> which) {
        Map<TopicPartition, OffsetAndMetadata> offsets = committable(which);
        if (!offsets.isEmpty()) {
            consumer.commitSync(offsets);
            offsets.forEach((topicPartition, offset) -> partitions.get(topicPartition).committed(offset.offset()));
        }
    }

    /** Waits until nothing of the given partitions is in flight, or the finish timeout passed. */
    private boolean awaitIdle(Consumer<byte[], byte[]> consumer, Collection<TopicPartition> which) {
        Deadline deadline = new Deadline(FINISH_TIMEOUT_MILLIS);
        while (true) {
            drain(consumer);
            boolean busy = false;
            for (TopicPartition topicPartition : which) {
                PartitionProgress partition = partitions.get(topicPartition);
                busy |= partition != null && partition.inFlight() > 0;
            }
            if (!busy) {
                return true;
            }
            if (deadline.passed()) {
                return false;
            }
            awaitCompletion();
        }
    }

    /** The port stops: finish what is in flight, commit it, leave. */
    private void finish(Consumer<byte[], byte[]> consumer) {
        partitions.values().forEach(PartitionProgress::dropQueued);
        List<TopicPartition> all = new ArrayList<>(partitions.keySet());
        if (!awaitIdle(consumer, all)) {
            LOG.warnf("Port %s stopped with deliveries still in flight after 30 s; their messages stay uncommitted",
                    port);
        }
        try {
            commitSync(consumer, all);
        } catch (WakeupException e) {
            // The stop's wake-up came after the last poll and ended this commit instead: once more.
            commitSync(consumer, all);
        }
        partitions.clear();
    }

    /**
     * The consumer failed: what it had taken stays uncommitted and is read again by the next one, once the
     * deliveries in flight ended (so that an ordered port never has two units of a partition in flight).
     */
    private void abandon() {
        Deadline deadline = new Deadline(FINISH_TIMEOUT_MILLIS);
        while (inFlight > 0 && !deadline.passed()) {
            while (completions.poll() != null) {
                inFlight--;
            }
            LockSupport.parkNanos(BUSY_WAIT_NANOS);
        }
        partitions.clear();
        paused = Set.of();
        commitOutstanding = false;
    }

    /** A wait of at most so long on the port's clock; a clock that goes back starts the wait again. */
    private final class Deadline {
        private final long millis;
        private long start = clock.millis();

        Deadline(long millis) {
            this.millis = millis;
        }

        boolean passed() {
            long now = clock.millis();
            if (now < start) {
                start = now;
            }
            return now - start >= millis;
        }
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        private final Consumer<byte[], byte[]> consumer;

        Rebalance(Consumer<byte[], byte[]> consumer) {
            this.consumer = consumer;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
            for (TopicPartition topicPartition : revoked) {
                PartitionProgress partition = partitions.get(topicPartition);
                if (partition != null) {
                    partition.dropQueued();
                }
            }
            if (!awaitIdle(consumer, revoked)) {
                LOG.warnf("Port %s gave up partitions with deliveries still in flight after 30 s", port);
            }
            try {
                commitSync(consumer, revoked);
            } catch (RuntimeException e) {
                LOG.warnf("Port %s could not commit revoked partitions %s: %s", port, revoked, e.toString());
            }
            revoked.forEach(partitions::remove);
            forgetPaused(revoked);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> lost) {
            lost.forEach(partitions::remove);
            forgetPaused(lost);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
            // Positions come from the committed offsets.
        }

        private void forgetPaused(Collection<TopicPartition> gone) {
            Set<TopicPartition> still = new HashSet<>(paused);
            still.removeAll(gone);
            paused = still;
        }
    }
}
