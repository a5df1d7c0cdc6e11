package io.sendports.bench;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;

import io.sendports.bench.destination.KafkaTopic;

/**
 * Warms the broker before a scenario's first contender. The broker runs in this JVM and compiles its produce and
 * fetch paths as it goes; without a warm-up, the contender that runs first on a fresh broker pays for that. So the
 * scenario's records (at most {@link #MAX_RECORDS}, at its record size) are published to a throw-away topic of
 * {@link Benchmark#PARTITIONS} partitions and read back once, and the topic is deleted.
 */
final class BrokerWarmUp {
    static final long MAX_RECORDS = 200_000;

    private BrokerWarmUp() {
    }

    static void run(BenchCluster cluster, String topic, long records, int recordSize) throws Exception {
        long count = Math.min(records, MAX_RECORDS);
        long started = System.nanoTime();
        cluster.createTopic(topic, Benchmark.PARTITIONS);
        cluster.preload(topic, count, recordSize, false);
        try (KafkaTopic readBack = new KafkaTopic(cluster.bootstrapServers(), topic, Benchmark.PARTITIONS)) {
            long read = readBack.tally().distinct();
            if (read != count) {
                throw new IllegalStateException("broker warm-up: " + read + " of " + count + " records read back");
            }
        }
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
            admin.deleteTopics(List.of(topic)).all().get(60, TimeUnit.SECONDS);
        }
        Benchmark.say("  broker warmed: %d records of %d B published and read back in %.1f s", count, recordSize,
                (System.nanoTime() - started) / 1e9);
    }
}
