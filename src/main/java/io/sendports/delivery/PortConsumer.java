package io.sendports.delivery;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;

import io.sendports.camel.InboundMessage;

/**
 * Reads a port's subscription for one instance and keeps up to {@code maxInFlight} deliveries going at once
 * (DESIGN.md §5, docs/DELIVERY.md "Concurrency"). One thread polls; deliveries run on a small pool whose
 * threads exist only while there is work. Each partition's records are cut into {@link DeliveryUnit}s by the
 * port's {@link Intake} (its {@link PortPipeline}); an ordered port (and a static Kafka port, whose units are whole polls) has at most one
 * unit of a partition in flight, another port as many as the limit allows.
 *
 * <p><b>Commits.</b> For each partition the committed offset is the lowest one not yet finished (queued, in
 * flight, or failed), so an offset is committed only after its message, and every message before it, was
 * delivered, parked for a retry or suspended. Commits are asynchronous, one outstanding at a time and at least
 * 100 ms apart, and synchronous when partitions are revoked and when the port stops.
 *
 * <p><b>Failures.</b> A unit whose failure could not be handled (its exchange ended with an exception: a
 * response that could not be published, a park that failed, an ordered port that stops on failure) holds its
 * partition back: nothing more of it is started, and once the partition's other units finished, the consumer
 * seeks back to the failed unit and tries again after a pause.
 *
 * <p><b>Backpressure.</b> A partition with {@link #MAX_QUEUED} messages or {@link #MAX_QUEUED_BYTES} bytes or
 * more waiting to be started is paused, so the consumer holds at most about one more poll of a partition beyond
 * that and what is in flight.
 */
public final class PortConsumer {
    private static final Logger LOG = Logger.getLogger(PortConsumer.class);
    private static final Duration IDLE_POLL = Duration.ofMillis(100);
    /** Messages of a partition waiting to be started beyond which it is not fetched: two polls' worth. */
    static final int MAX_QUEUED = 1000;
    /** The same bound in bytes of message values: twice what one fetch returns of a partition at most. */
    static final long MAX_QUEUED_BYTES = 2L * 1024 * 1024;
    private static final Duration BUSY_POLL = Duration.ofMillis(5);
    private static final long BUSY_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    /**
     * Commits of a consumer are at least this far apart: committing after every delivery would cost a request
     * to the group coordinator per message. A crash re-delivers at most what finished in this time, besides
     * what was in flight.
     */
    private static final long COMMIT_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long REWIND_PAUSE_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long FINISH_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);

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
        void send(DeliveryUnit unit, Consumer<Throwable> done);
    }

    private record Completion(DeliveryUnit unit, Throwable error) {
    }

    /** The poll thread's bookkeeping of one assigned partition. */
    private static final class Partition {
        final ArrayDeque<DeliveryUnit> queued = new ArrayDeque<>();
        /** Messages in the queued units, and their bytes (values). */
        int queuedMessages;
        long queuedBytes;
        /** First offsets of the units queued or in flight. */
        final TreeSet<Long> unfinished = new TreeSet<>();
        int inFlight;
        /** The offset after the last record polled; -1 before the first. */
        long next = -1;
        /** Where to seek back to once nothing of this partition is in flight; -1 when not failed. */
        long rewindTo = -1;
        long pausedUntilNanos;
        long committed = -1;

        long committable() {
            long offset = next;
            if (!unfinished.isEmpty()) {
                offset = Math.min(offset, unfinished.first());
            }
            if (rewindTo >= 0) {
                offset = Math.min(offset, rewindTo);
            }
            return offset;
        }

        /**
         * Forgets the units waiting to be started; they are read again from Kafka. The position handed back is
         * the first of them, so that no commit passes a record that was taken but never delivered.
         */
        void dropQueued() {
            for (DeliveryUnit unit : queued) {
                unfinished.remove(unit.firstOffset());
                next = Math.min(next, unit.firstOffset());
            }
            queued.clear();
            queuedMessages = 0;
            queuedBytes = 0;
        }

        boolean full() {
            return queuedMessages >= MAX_QUEUED || queuedBytes >= MAX_QUEUED_BYTES;
        }

        void enqueue(DeliveryUnit unit) {
            queued.add(unit);
            queuedMessages += unit.messages().size();
            queuedBytes += bytes(unit);
            unfinished.add(unit.firstOffset());
        }

        DeliveryUnit next() {
            DeliveryUnit unit = queued.poll();
            queuedMessages -= unit.messages().size();
            queuedBytes -= bytes(unit);
            return unit;
        }

        private static long bytes(DeliveryUnit unit) {
            long bytes = 0;
            for (InboundMessage message : unit.messages()) {
                bytes += message.value() == null ? 0 : message.value().length;
            }
            return bytes;
        }
    }

    private final String port;
    private final Map<String, Object> properties;
    private final List<String> topics;
    private final Intake pipeline;
    private final Sender sender;
    private final int maxInFlight;
    private final boolean ordered;
    private final ThreadPoolExecutor workers;
    private final ConcurrentLinkedQueue<Completion> completions = new ConcurrentLinkedQueue<>();
    private final Map<TopicPartition, Partition> partitions = new LinkedHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean polling;
    /** Counted down once the consumer took its last record and committed what it delivered. */
    private final CountDownLatch quiet = new CountDownLatch(1);
    private int inFlight;
    private boolean commitOutstanding;
    private long lastCommitNanos = System.nanoTime() - COMMIT_INTERVAL_NANOS;
    private Set<TopicPartition> paused = Set.of();

    /**
     * @param properties  the Kafka consumer's settings (group, client id, no auto commit, ...)
     * @param maxInFlight units in flight at most (at least 1)
     * @param ordered     at most one unit of a partition in flight
     */
    public PortConsumer(String port, Map<String, Object> properties, List<String> topics, Intake pipeline,
            Sender sender, int maxInFlight, boolean ordered) {
        this.port = port;
        this.properties = properties;
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
            quiet.await(TimeUnit.NANOSECONDS.toMillis(FINISH_TIMEOUT_NANOS) + 10_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.shutdown();
    }

    /** Tells the consumer to stop taking records, and returns at once; {@link #stop} then waits for the rest. */
    public void requestStop() {
        running = false;
        LockSupport.unpark(thread);
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
            try (KafkaConsumer<byte[], byte[]> consumer =
                    new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
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

    private void loop(KafkaConsumer<byte[], byte[]> consumer) {
        while (running) {
            drain(consumer);
            dispatch();
            pauseAndResume(consumer);
            commit(consumer);
            Duration timeout = IDLE_POLL;
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
            ConsumerRecords<byte[], byte[]> records = consumer.poll(timeout);
            polling = true;
            take(consumer, records);
        }
    }

    private void awaitCompletion() {
        if (completions.isEmpty()) {
            LockSupport.parkNanos(BUSY_WAIT_NANOS);
        }
    }

    /** Turns polled records into queued units, partition by partition. */
    private void take(KafkaConsumer<byte[], byte[]> consumer, ConsumerRecords<byte[], byte[]> records) {
        for (TopicPartition topicPartition : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> polled = records.records(topicPartition);
            if (pipeline.halted()) {
                // An ordered port stopping after a failure: take nothing more, read it again after the stop.
                consumer.seek(topicPartition, polled.get(0).offset());
                continue;
            }
            Partition partition = partitions.computeIfAbsent(topicPartition, tp -> new Partition());
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
            partition.next = polled.get(polled.size() - 1).offset() + 1;
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
            for (Map.Entry<TopicPartition, Partition> entry : partitions.entrySet()) {
                Partition partition = entry.getValue();
                if (inFlight >= maxInFlight) {
                    break;
                }
                if (partition.queued.isEmpty() || partition.rewindTo >= 0 || (ordered && partition.inFlight > 0)) {
                    continue;
                }
                DeliveryUnit unit = partition.next();
                partition.inFlight++;
                inFlight++;
                started = true;
                send(unit);
            }
        }
    }

    private void send(DeliveryUnit unit) {
        Thread poller = thread;
        Consumer<Throwable> done = error -> {
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
    private void drain(KafkaConsumer<byte[], byte[]> consumer) {
        Completion completion;
        while ((completion = completions.poll()) != null) {
            inFlight--;
            DeliveryUnit unit = completion.unit();
            Partition partition = partitions.get(unit.partition());
            if (partition == null) {
                continue;
            }
            partition.inFlight--;
            partition.unfinished.remove(unit.firstOffset());
            if (completion.error() != null) {
                LOG.warnf("Port %s could not finish message %s (%s): %s; it is read again", port,
                        unit.messages().get(0).messageId(), unit.messages().get(0).source(),
                        completion.error().toString());
                partition.rewindTo = partition.rewindTo < 0 ? unit.firstOffset()
                        : Math.min(partition.rewindTo, unit.firstOffset());
                partition.dropQueued();
            }
        }
        for (Map.Entry<TopicPartition, Partition> entry : partitions.entrySet()) {
            Partition partition = entry.getValue();
            if (partition.rewindTo >= 0 && partition.inFlight == 0) {
                consumer.seek(entry.getKey(), partition.rewindTo);
                partition.next = partition.rewindTo;
                partition.rewindTo = -1;
                partition.pausedUntilNanos = System.nanoTime() + REWIND_PAUSE_NANOS;
            }
        }
    }

    private boolean hasQueued() {
        for (Partition partition : partitions.values()) {
            if (!partition.queued.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Pauses partitions with {@link #MAX_QUEUED} messages (or bytes) waiting to be started, or failed, or waiting
     * to be read again; resumes the others. Below the bound a partition keeps being fetched while its queued
     * units are delivered, so that the next records are there when the deliveries end.
     */
    private void pauseAndResume(KafkaConsumer<byte[], byte[]> consumer) {
        long now = System.nanoTime();
        Set<TopicPartition> wanted = new HashSet<>();
        boolean halted = pipeline.halted();
        for (TopicPartition assigned : consumer.assignment()) {
            Partition partition = partitions.get(assigned);
            if (halted || partition != null && (partition.full() || partition.rewindTo >= 0
                    || partition.pausedUntilNanos - now > 0)) {
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
            Partition partition = partitions.get(topicPartition);
            if (partition == null || partition.next < 0) {
                continue;
            }
            long offset = partition.committable();
            if (offset > partition.committed) {
                offsets.put(topicPartition, new OffsetAndMetadata(offset));
            }
        }
        return offsets;
    }

    /** Commits asynchronously what finished since the last commit: one commit at a time, 100 ms apart at most often. */
    private void commit(KafkaConsumer<byte[], byte[]> consumer) {
        if (commitOutstanding || System.nanoTime() - lastCommitNanos < COMMIT_INTERVAL_NANOS) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = committable(partitions.keySet());
        if (offsets.isEmpty()) {
            return;
        }
        commitOutstanding = true;
        lastCommitNanos = System.nanoTime();
        consumer.commitAsync(offsets, (committed, error) -> {
            commitOutstanding = false;
            if (error != null) {
                LOG.debugf("Commit of port %s failed (%s); it is made again", port, error.toString());
                return;
            }
            committed.forEach((topicPartition, offset) -> {
                Partition partition = partitions.get(topicPartition);
                if (partition != null) {
                    partition.committed = Math.max(partition.committed, offset.offset());
                }
            });
        });
    }

    private void commitSync(KafkaConsumer<byte[], byte[]> consumer, Collection<TopicPartition> which) {
        Map<TopicPartition, OffsetAndMetadata> offsets = committable(which);
        if (!offsets.isEmpty()) {
            consumer.commitSync(offsets);
            offsets.forEach((topicPartition, offset) -> partitions.get(topicPartition).committed = offset.offset());
        }
    }

    /** Waits until nothing of the given partitions is in flight, or the finish timeout passed. */
    private boolean awaitIdle(KafkaConsumer<byte[], byte[]> consumer, Collection<TopicPartition> which) {
        long deadline = System.nanoTime() + FINISH_TIMEOUT_NANOS;
        while (true) {
            drain(consumer);
            boolean busy = false;
            for (TopicPartition topicPartition : which) {
                Partition partition = partitions.get(topicPartition);
                busy |= partition != null && partition.inFlight > 0;
            }
            if (!busy) {
                return true;
            }
            if (deadline - System.nanoTime() <= 0) {
                return false;
            }
            awaitCompletion();
        }
    }

    /** The port stops: finish what is in flight, commit it, leave. */
    private void finish(KafkaConsumer<byte[], byte[]> consumer) {
        partitions.values().forEach(Partition::dropQueued);
        List<TopicPartition> all = new ArrayList<>(partitions.keySet());
        if (!awaitIdle(consumer, all)) {
            LOG.warnf("Port %s stopped with deliveries still in flight after 30 s; their messages stay uncommitted",
                    port);
        }
        commitSync(consumer, all);
        partitions.clear();
    }

    /**
     * The consumer failed: what it had taken stays uncommitted and is read again by the next one, once the
     * deliveries in flight ended (so that an ordered port never has two units of a partition in flight).
     */
    private void abandon() {
        long deadline = System.nanoTime() + FINISH_TIMEOUT_NANOS;
        while (inFlight > 0 && deadline - System.nanoTime() > 0) {
            while (completions.poll() != null) {
                inFlight--;
            }
            LockSupport.parkNanos(BUSY_WAIT_NANOS);
        }
        partitions.clear();
        paused = Set.of();
        commitOutstanding = false;
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        private final KafkaConsumer<byte[], byte[]> consumer;

        Rebalance(KafkaConsumer<byte[], byte[]> consumer) {
            this.consumer = consumer;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
            for (TopicPartition topicPartition : revoked) {
                Partition partition = partitions.get(topicPartition);
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
