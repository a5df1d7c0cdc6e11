package io.sendports.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;

import io.sendports.broker.KafkaClients;
import io.sendports.message.InboundMessage;
import io.sendports.message.SendportsHeaders;
import io.sendports.domain.SendPort;

/**
 * Takes one port's parked messages off the retry topic when they are due and tries them again
 * ({@link FailurePolicy#retryParked}: on along the failure ladder). It reads
 * the shared retry topic in its own consumer group ({@code sendports.retry.<port>}) and skips other ports'
 * records. A port's retry interval is fixed, so its parked records fall due in the order they were parked:
 * when the first one on a partition is not due, the partition is paused until it is, without blocking the
 * others or the port's main route. An offset is committed once its record was delivered, parked again or
 * suspended.
 *
 * <p><b>Idle workers leave.</b> A worker that has had nothing to do for {@code idle} (no record read, none
 * waiting to fall due, every partition it holds read to its end, no park of its port on this instance) closes
 * its consumer and waits without one, so that a started port with nothing parked costs no consumer here. It
 * joins the group again at the next park of its port on this instance ({@link Parking#watch}). A message that
 * another instance parks is read by that instance's worker, which the park woke: an instance's worker stays a
 * member for at least {@code idle} after each of its port's parks there, longer than a leaving member takes to
 * hand its partitions over, so no parked message waits for a member that left.
 *
 * <p>A stopped worker has left its group: a member that vanishes without leaving holds the retry partitions
 * until its session times out, and every new member's join waits for that, so parked messages due during a
 * restart would wait for it too. A worker that could not leave (the process was killed) is dropped by the
 * group after its session timeout ({@link KafkaClients#MEMBER_SESSION_TIMEOUT_MS} unless the operator set one).
 */
public final class RetryWorker implements Runnable {
    private static final Logger LOG = Logger.getLogger(RetryWorker.class);
    /** How long leaving the group may take when the worker stops; Kafka that does not answer is not waited for. */
    static final Duration LEAVE_TIMEOUT = Duration.ofSeconds(5);
    /** The longest poll: a stop wakes the consumer, a paused partition's due time shortens it. */
    private static final long MAX_POLL_MILLIS = 1_000;

    private final SendPort port;
    private final KafkaClients clients;
    private final Parking parking;
    private final String topic;
    private final FailurePolicy failures;
    private final Clock clock;
    private final long idleMillis;
    private final Map<TopicPartition, Long> pausedUntil = new HashMap<>();
    private final AtomicLong parks = new AtomicLong();
    /** The parks counted when the worker last looked (its own thread only): a later one wakes an idle worker. */
    private long parksSeen;
    private final Runnable onParked = this::parked;
    private volatile boolean running = true;
    private final CountDownLatch quiet = new CountDownLatch(1);
    private final CountDownLatch left = new CountDownLatch(1);
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;

    /**
     * @param idle how long the worker stays in its group with nothing to do (at least 1 s)
     */
    public RetryWorker(SendPort port, KafkaClients clients, Parking parking, FailurePolicy failures, Clock clock,
            Duration idle) {
        this.port = port;
        this.clients = clients;
        this.parking = parking;
        this.topic = parking.topic();
        this.failures = failures;
        this.clock = clock;
        this.idleMillis = Math.max(1_000, idle.toMillis());
        this.thread = new Thread(this, "sendports-retry-" + port.name());
        this.thread.setDaemon(true);
    }

    /** The consumer group of a port's retry worker. */
    public static String group(String port) {
        return "sendports.retry." + port;
    }

    /** Starts the worker: it joins its group at once, to take what was parked before. */
    public void start() {
        parking.watch(port.name(), onParked);
        thread.start();
    }

    /**
     * Stops taking parked messages; returns once the one being tried finished and the consumer left its group
     * (or {@link #LEAVE_TIMEOUT} passed). Calling it again returns at once.
     */
    public void stop() {
        requestStop();
        try {
            if (quiet.await(30, TimeUnit.SECONDS)) {
                left.await(LEAVE_TIMEOUT.toMillis() + 1_000, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Tells the worker to take no more parked messages, and returns at once; {@link #stop} waits for the rest. */
    public void requestStop() {
        running = false;
        parking.unwatch(port.name(), onParked);
        KafkaConsumer<byte[], byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        LockSupport.unpark(thread);
    }

    /** Waits until the stopped worker's consumer has closed (left its group). False when it still runs. */
    public boolean awaitClosed(Duration timeout) {
        try {
            thread.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }

    private void parked() {
        parks.incrementAndGet();
        LockSupport.unpark(thread);
    }

    @Override
    public void run() {
        try {
            while (running) {
                if (!session()) {
                    // The consumer failed: a new one after a second.
                    sleep(1_000);
                    continue;
                }
                // Idle: no consumer until this port parks a message here after the session's last look (or stops).
                while (running && parks.get() == parksSeen) {
                    LockSupport.park(this);
                }
            }
        } finally {
            parking.unwatch(port.name(), onParked);
            quiet.countDown();
            left.countDown();
        }
    }

    /**
     * One membership: reads until the worker stops or was idle for {@link #idleMillis}, then leaves. False when
     * the consumer failed.
     */
    private boolean session() {
        Map<String, Object> properties = clients.common();
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, group(port.name()));
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "sendports-retry-" + port.name());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
        KafkaClients.withMemberDefaults(properties);
        KafkaConsumer<byte[], byte[]> retry =
                new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer = retry;
        try {
            if (!running) {
                return true;
            }
            retry.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    partitions.forEach(pausedUntil::remove);
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                }
            });
            long idleSince = clock.millis();
            parksSeen = parks.get();
            try {
                while (running) {
                    resumeDue(retry);
                    ConsumerRecords<byte[], byte[]> records = retry.poll(pollTimeout());
                    for (TopicPartition partition : records.partitions()) {
                        process(retry, partition, records.records(partition));
                    }
                    long now = clock.millis();
                    if (!records.isEmpty() || !pausedUntil.isEmpty() || parks.get() != parksSeen || !readToEnd(retry)
                            || now < idleSince) {
                        idleSince = now;
                        parksSeen = parks.get();
                    } else if (now - idleSince >= idleMillis) {
                        LOG.debugf("Retry worker of port %s had nothing to do for %d ms; it leaves its group until "
                                + "the port parks a message here", port.name(), idleMillis);
                        return true;
                    }
                }
            } finally {
                if (!running) {
                    // Nothing more is retried; what is left is leaving the group.
                    quiet.countDown();
                }
            }
            return true;
        } catch (WakeupException stopping) {
            return true;
        } catch (RuntimeException e) {
            if (running) {
                LOG.warnf("Retry worker of port %s failed (%s); restarting", port.name(), e.getMessage());
            }
            return false;
        } finally {
            consumer = null;
            pausedUntil.clear();
            close(retry);
        }
    }

    /** Until the next paused partition falls due, at most {@link #MAX_POLL_MILLIS}. */
    private Duration pollTimeout() {
        long now = clock.millis();
        long wait = MAX_POLL_MILLIS;
        for (long due : pausedUntil.values()) {
            wait = Math.min(wait, Math.max(0, due - now));
        }
        return Duration.ofMillis(wait);
    }

    /** Whether every partition held was read to its end, as the last fetch knew it (no broker call). */
    private static boolean readToEnd(KafkaConsumer<byte[], byte[]> retry) {
        for (TopicPartition partition : retry.assignment()) {
            OptionalLong lag = retry.currentLag(partition);
            if (lag.isEmpty() || lag.getAsLong() > 0) {
                return false;
            }
        }
        return true;
    }

    private void close(KafkaConsumer<byte[], byte[]> retry) {
        try {
            retry.close(LEAVE_TIMEOUT);
        } catch (RuntimeException e) {
            LOG.debugf("Retry worker of port %s did not leave its group cleanly: %s", port.name(), e.getMessage());
        }
    }

    private void process(KafkaConsumer<byte[], byte[]> retry, TopicPartition partition,
            List<ConsumerRecord<byte[], byte[]>> records) {
        Long next = null;
        for (ConsumerRecord<byte[], byte[]> record : records) {
            if (!running) {
                break;
            }
            if (port.name().equals(text(record.headers(), SendportsHeaders.PORT))) {
                long due = parse(text(record.headers(), SendportsHeaders.DUE));
                if (due > clock.millis()) {
                    retry.pause(List.of(partition));
                    retry.seek(partition, record.offset());
                    pausedUntil.put(partition, due);
                    break;
                }
                try {
                    retryOnce(record);
                } catch (RuntimeException e) {
                    LOG.warnf("Retrying %s/%d/%d of port %s failed to conclude (%s); it stays parked", topic,
                            record.partition(), record.offset(), port.name(), e.getMessage());
                    retry.seek(partition, record.offset());
                    sleep(1_000);
                    break;
                }
            }
            next = record.offset() + 1;
        }
        if (next != null) {
            retry.commitSync(Map.of(partition, new OffsetAndMetadata(next)));
        }
    }

    private void retryOnce(ConsumerRecord<byte[], byte[]> record) {
        InboundMessage message = InboundMessage.restore(record.headers(), record.value());
        Phase phase = Phase.parse(text(record.headers(), SendportsHeaders.PHASE));
        int phaseFailures = (int) parse(text(record.headers(), SendportsHeaders.PHASE_FAILURES));
        int attempts = (int) parse(text(record.headers(), SendportsHeaders.ATTEMPTS));
        failures.retryParked(port, message, phase, phaseFailures, attempts);
    }

    private void resumeDue(KafkaConsumer<byte[], byte[]> retry) {
        long now = clock.millis();
        var due = pausedUntil.entrySet().stream().filter(e -> e.getValue() <= now).map(Map.Entry::getKey).toList();
        if (!due.isEmpty()) {
            retry.resume(due);
            due.forEach(pausedUntil::remove);
        }
    }

    private static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static long parse(String text) {
        try {
            return text == null ? 0 : Long.parseLong(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
