package io.sendports;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.sendports.testsupport.BrokerProcess;
import io.sendports.testsupport.ServiceProcess;

/**
 * Three instances on one external broker (a broker process of its own) run a kafka→kafka port on a 6-partition
 * topic (issue 16, DESIGN.md §4 and §8):
 * <ol>
 * <li>the partitions spread over all three: 100 messages on each partition, and each instance delivers 200;
 * <li>a rolling restart, as Kubernetes does it (SIGTERM one instance, start it again, wait until the group is whole,
 * then the next), during 30,000 messages: every message delivered, and none twice;
 * <li>a SIGKILL of one instance during 10,000 more: every message delivered at least once; the duplicates (what the
 * killed instance had delivered and not yet committed) are counted and printed.
 * </ol>
 */
class RollingRestartIT {
    private static final int PARTITIONS = 6;
    private static final int INSTANCES = 3;
    /** {@code sendports.delivery.consumers}: every instance runs this many consumers of the port's group. */
    private static final int CONSUMERS = 4;
    private static final int PER_RESTART = 10_000;
    private static final int KILLED_DURING = 10_000;
    /** Published every 100 ms: 1,000 messages a second. */
    private static final int PER_TICK = 100;
    private static final String GROUP = "sendports.port.relay";
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void threeInstancesSpreadRestartOneByOneWithoutDuplicatesAndSurviveAKill() throws Exception {
        try (BrokerProcess broker = BrokerProcess.plaintext(work.resolve("broker"));
                Admin admin = broker.adminClient()) {
            admin.createTopics(List.of(new NewTopic("roll-in", PARTITIONS, (short) 1),
                    new NewTopic("roll-out", PARTITIONS, (short) 1))).all().get(30, TimeUnit.SECONDS);
            List<ServiceProcess> instances = List.of(instance(broker, "a"), instance(broker, "b"), instance(broker, "c"));
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                    broker.bootstrapServers(), "acks", "all", "linger.ms", 5), new ByteArraySerializer(), new ByteArraySerializer());
                    Destination destination = new Destination(broker.bootstrapServers())) {
                for (ServiceProcess instance : instances) {
                    instance.start();
                }
                instances.get(0).expect(201, "POST", "/api/send-ports", """
                        {"name":"relay","kind":"static","pattern":"one-way","subscription":{"topics":["roll-in"]},
                         "transport":{"type":"kafka","address":"kafka:roll-out"},"state":"started"}
                        """);
                awaitWholeGroup(admin);

                // 1. Spread: each instance holds two of the six partitions.
                int published = 0;
                for (int partition = 0; partition < PARTITIONS; partition++) {
                    for (int i = 0; i < 100; i++) {
                        producer.send(new ProducerRecord<>("roll-in", partition, null, seq(published++)));
                    }
                }
                producer.flush();
                destination.drainUntilUnique(published);
                long[] delivered = new long[INSTANCES];
                await().atMost(WAIT).until(() -> {
                    for (int i = 0; i < INSTANCES; i++) {
                        delivered[i] = JSON.readTree(instances.get(i).expect(200, "GET", "/api/send-ports/relay", null))
                                .path("status").path("delivered").asLong();
                    }
                    return java.util.Arrays.stream(delivered).sum() == 600;
                });
                assertEquals(List.of(200L, 200L, 200L), java.util.Arrays.stream(delivered).boxed().toList(),
                        "messages delivered by each instance, 100 on each of six partitions");

                // 2. A rolling restart: each instance in turn stops gracefully and starts again while messages flow.
                for (ServiceProcess instance : instances) {
                    Paced paced = Paced.publish(producer, published, published + PER_RESTART);
                    published += PER_RESTART;
                    await().atMost(WAIT).until(() -> paced.sent() >= PER_RESTART / 5);
                    long stopping = System.nanoTime();
                    instance.stop();
                    long stopped = System.nanoTime();
                    instance.start();
                    awaitWholeGroup(admin);
                    System.out.printf(java.util.Locale.ROOT, "RollingRestartIT: an instance stopped in %.1f s, "
                            + "started and the group was whole again in %.1f s%n", (stopped - stopping) / 1e9,
                            (System.nanoTime() - stopped) / 1e9);
                    paced.done().get(WAIT.toSeconds(), TimeUnit.SECONDS);
                }
                destination.drainUntilUnique(published);
                awaitNoLag(instances.get(0));
                destination.drainRest();
                System.out.printf("RollingRestartIT: rolling restart of %d instances during %d messages: %d delivered, "
                        + "%d duplicates%n", INSTANCES, INSTANCES * PER_RESTART, destination.unique(), destination.duplicates());
                assertEquals(published, destination.unique(), "every message delivered");
                assertEquals(0, destination.duplicates(), "no message delivered twice in a rolling restart");

                // 3. A SIGKILL: the killed instance's partitions move after the session timeout, and what it delivered
                // and had not committed is delivered again.
                Paced paced = Paced.publish(producer, published, published + KILLED_DURING);
                published += KILLED_DURING;
                await().atMost(WAIT).until(() -> paced.sent() >= KILLED_DURING / 3);
                instances.get(1).kill();
                paced.done().get(WAIT.toSeconds(), TimeUnit.SECONDS);
                destination.drainUntilUnique(published);
                awaitNoLag(instances.get(0));
                destination.drainRest();
                System.out.printf("RollingRestartIT: SIGKILL of one instance during %d messages: every message "
                        + "delivered, %d duplicates%n", KILLED_DURING, destination.duplicates());
                assertEquals(published, destination.unique(), "every message delivered at least once");
            } finally {
                instances.forEach(ServiceProcess::close);
            }
        }
    }

    private ServiceProcess instance(BrokerProcess broker, String name) throws java.io.IOException {
        return new ServiceProcess(broker.bootstrapServers(), java.nio.file.Files.createDirectories(work.resolve(name)))
                .with("sendports.delivery.consumers", Integer.toString(CONSUMERS));
    }

    private static byte[] seq(int i) {
        return Integer.toString(i).getBytes(StandardCharsets.UTF_8);
    }

    /** Until the port's group is stable with every instance's consumers in it and all six partitions assigned. */
    private static void awaitWholeGroup(Admin admin) {
        await("group " + GROUP + " stable with " + INSTANCES * CONSUMERS + " members").atMost(WAIT)
                .pollInterval(Duration.ofMillis(200)).until(() -> {
                    ConsumerGroupDescription group;
                    try {
                        group = admin.describeConsumerGroups(List.of(GROUP)).all().get(10, TimeUnit.SECONDS).get(GROUP);
                    } catch (java.util.concurrent.ExecutionException notYet) {
                        return false;
                    }
                    int assigned = group.members().stream().mapToInt(m -> m.assignment().topicPartitions().size()).sum();
                    return group.groupState() == GroupState.STABLE && group.members().size() == INSTANCES * CONSUMERS
                            && assigned == PARTITIONS;
                });
    }

    private static void awaitNoLag(ServiceProcess instance) {
        await().atMost(WAIT).until(() -> JSON.readTree(instance.expect(200, "GET", "/api/send-ports/relay", null))
                .path("status").path("lag").asLong(-1) == 0);
    }

    /** Publishes {@code from..to-1}, {@value #PER_TICK} every 100 ms, on a timer of its own. */
    private record Paced(AtomicInteger count, CompletableFuture<Void> done) {
        static Paced publish(KafkaProducer<byte[], byte[]> producer, int from, int to) {
            ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
            Paced paced = new Paced(new AtomicInteger(), new CompletableFuture<>());
            paced.done.whenComplete((ok, failed) -> timer.shutdown());
            timer.scheduleAtFixedRate(() -> {
                try {
                    int next = from + paced.count.get();
                    int end = Math.min(to, next + PER_TICK);
                    for (int i = next; i < end; i++) {
                        producer.send(new ProducerRecord<>("roll-in", seq(i), seq(i)), (metadata, error) -> {
                            if (error != null) {
                                paced.done.completeExceptionally(error);
                            }
                        });
                    }
                    paced.count.set(end - from);
                    if (end == to) {
                        producer.flush();
                        paced.done.complete(null);
                    }
                } catch (RuntimeException e) {
                    paced.done.completeExceptionally(e);
                }
            }, 0, 100, TimeUnit.MILLISECONDS);
            return paced;
        }

        int sent() {
            return count.get();
        }
    }

    /** The destination topic read from its start: how often each message arrived. */
    private static final class Destination implements AutoCloseable {
        private final KafkaConsumer<byte[], byte[]> reader;
        private final Map<String, Integer> arrivals = new HashMap<>();
        private long records;

        Destination(String bootstrapServers) {
            reader = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ConsumerConfig.GROUP_ID_CONFIG, "roll-reader", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer());
            reader.subscribe(List.of("roll-out"));
        }

        void drainUntilUnique(int count) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (arrivals.size() < count && System.nanoTime() - deadline < 0) {
                poll(Duration.ofMillis(200));
            }
            assertEquals(count, arrivals.size(), "messages arrived");
        }

        /** Reads until a poll of two seconds brings nothing. */
        void drainRest() {
            while (poll(Duration.ofSeconds(2)) > 0) {
                // more
            }
        }

        private int poll(Duration timeout) {
            int n = 0;
            for (var record : reader.poll(timeout)) {
                arrivals.merge(new String(record.value(), StandardCharsets.UTF_8), 1, Integer::sum);
                records++;
                n++;
            }
            return n;
        }

        int unique() {
            return arrivals.size();
        }

        long duplicates() {
            return records - arrivals.size();
        }

        @Override
        public void close() {
            reader.close();
        }
    }
}
