package io.sendports.bench;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import io.sendports.bench.baseline.RawHttp;
import io.sendports.bench.destination.HttpSink;

/**
 * Latency through an HTTP port under a steady load: how long from publishing a record to its arrival at the HTTP
 * receiver, for Sendports and for the HTTP baseline ({@link RawHttp}) side by side in the same run.
 *
 * <p>Each contender reads a source topic of its own ({@link Benchmark#PARTITIONS} partitions) and delivers to a
 * receiver of its own in this JVM, one contender after the other, each with the machine to itself: Sendports'
 * port is created started on its empty topic and holds all the partitions before anything is published; then
 * records are published at a steady {@code rate} a second: first a warm-up that is not counted (until all of it
 * was delivered), then the timed records. The port is unenlisted, and the baseline does the same on its topic.
 * The time of each send and of each first arrival is {@link System#nanoTime()} in this JVM; a record's latency
 * is the difference. Reported: p50, p99, p99.9 and max of each contender, nearest rank.
 *
 * <p>Sizes: full, 60 s at 1,000 msg/s after a 5 s warm-up; smoke, 200 messages after a warm-up of 200.
 * {@code -Dbench.latency.seconds}, {@code -Dbench.latency.rate} and {@code -Dbench.latency.warm-up-seconds}
 * change them ({@code bench.records} does not apply). Target: Sendports' p99 at most 20 ms
 * ({@code -Dbench.target.latency}, in milliseconds).
 */
final class LatencyScenario implements MeasuredScenario {
    static final int RECORD_SIZE = 1024;
    private static final long SMOKE_MESSAGES = 200;
    private static final Duration STALL_TIMEOUT = Duration.ofSeconds(60);

    @Override
    public String id() {
        return "latency";
    }

    @Override
    public String title() {
        return "latency through an http port, publish → received";
    }

    @Override
    public Measurement measure(MeasuredRun run) throws Exception {
        int rate = Integer.getInteger("bench.latency.rate", 1000);
        long seconds = Long.getLong("bench.latency.seconds", 60);
        int timed = (int) (System.getProperty("bench.latency.seconds") == null && run.scale() == Scale.SMOKE
                ? SMOKE_MESSAGES : rate * seconds);
        String warmUpSeconds = System.getProperty("bench.latency.warm-up-seconds");
        int warmUp = (int) (warmUpSeconds == null && run.scale() == Scale.SMOKE ? SMOKE_MESSAGES
                : rate * (warmUpSeconds == null ? 5 : Long.parseLong(warmUpSeconds)));
        int total = warmUp + timed;
        BenchCluster cluster = run.cluster();

        // One contender at a time, each with the machine to itself: side by side on two cores, each one's
        // figures would mostly measure the other's load.
        Distribution ofSendports;
        Measurement.Arrivals sendportsArrivals;
        Duration publishing;
        String topic = run.name("in-sendports");
        cluster.createTopic(topic, Benchmark.PARTITIONS);
        String port = run.name("port");
        try (HttpSink sink = HttpSink.timing(total); Publisher publisher = new Publisher(cluster.bootstrapServers(), topic,
                total, rate)) {
            run.sendports().createPort("{\"name\":\"" + port + "\",\"kind\":\"static\",\"pattern\":\"one-way\","
                    + "\"subscription\":{\"topics\":[\"" + topic + "\"]},"
                    + "\"transport\":{\"type\":\"http\",\"address\":\"" + sink.url() + "\"},\"state\":\"started\"}");
            cluster.awaitAssigned(List.of(SendportsService.consumerGroup(port)), Benchmark.PARTITIONS,
                    Duration.ofSeconds(120));
            Watched sendports = new Watched("sendports", sink, run.sendports().process());
            publishing = timedRun(publisher, warmUp, total, rate, sendports);
            // The service keeps running (other scenarios, or until the run ends): its port must not.
            run.sendports().action(port, "unenlist");
            ofSendports = latencies(publisher.sent, sink, warmUp, total);
            sendportsArrivals = sendports.arrivals(total);
        }

        Distribution ofBaseline;
        Measurement.Arrivals baselineArrivals;
        String baselineTopic = run.name("in-baseline");
        cluster.createTopic(baselineTopic, Benchmark.PARTITIONS);
        String baselineGroup = run.name("baseline");
        try (HttpSink sink = HttpSink.timing(total);
                JavaProcess baseline = JavaProcess.main("baseline", run.workDir(), RawHttp.class.getName(), List.of(
                        "--bootstrap=" + cluster.bootstrapServers(), "--topic=" + baselineTopic, "--group=" + baselineGroup,
                        "--url=" + sink.url(), "--in-flight=" + Scenarios.HTTP_IN_FLIGHT), List.of());
                Publisher publisher = new Publisher(cluster.bootstrapServers(), baselineTopic, total, rate)) {
            cluster.awaitAssigned(List.of(baselineGroup), Benchmark.PARTITIONS, Duration.ofSeconds(120));
            Watched raw = new Watched("baseline", sink, baseline);
            timedRun(publisher, warmUp, total, rate, raw);
            ofBaseline = latencies(publisher.sent, sink, warmUp, total);
            baselineArrivals = raw.arrivals(total);
        }

        List<Figure> figures = List.of(
                Figure.of("p50", "ms", ofSendports.millis(0.50), ofBaseline.millis(0.50)),
                new Figure("p99", "ms", ofSendports.millis(0.99), ofBaseline.millis(0.99),
                        Figure.Target.atMost("bench.target.latency", 20)),
                Figure.of("p99.9", "ms", ofSendports.millis(0.999), ofBaseline.millis(0.999)),
                Figure.of("max", "ms", ofSendports.maxMillis(), ofBaseline.maxMillis()));
        String setup = String.format(Locale.ROOT, "%,d msg/s for %.1f s (%,d timed messages of %d B on a topic of "
                + "%d partitions; Sendports first, then the baseline, each alone, each to a receiver of its own) after "
                + "a %,d-message warm-up that is not counted; publish → received at the HTTP receiver; %d requests in flight",
                rate, publishing.toNanos() / 1e9, timed, RECORD_SIZE, Benchmark.PARTITIONS, warmUp,
                Scenarios.HTTP_IN_FLIGHT);
        return new Measurement(this, setup, figures, List.of(sendportsArrivals, baselineArrivals));
    }

    /** Warm-up, then the timed messages at the rate; returns how long publishing the timed ones took. */
    private static Duration timedRun(Publisher publisher, int warmUp, int total, int rate, Watched contender)
            throws Exception {
        Benchmark.say("  %s holds its partitions; warming up with %d messages", contender.contender(), warmUp);
        publisher.publish(0, warmUp);
        awaitArrived(warmUp, contender);
        Benchmark.say("  warm-up delivered; publishing %d messages at %d msg/s", total - warmUp, rate);
        Duration publishing = publisher.publish(warmUp, total);
        awaitArrived(total, contender);
        Benchmark.say("  %s: all %d messages arrived", contender.contender(), total - warmUp);
        return publishing;
    }

    /** A contender's receiver and process, watched until the messages arrive. */
    private record Watched(String contender, HttpSink sink, JavaProcess process) {
        Measurement.Arrivals arrivals(long expected) {
            var tally = sink.tally();
            return new Measurement.Arrivals(contender, expected, tally.distinct(), tally.duplicates());
        }
    }

    /** Waits until records {@code 0..count-1} have all arrived at every contender's receiver. */
    private static void awaitArrived(long count, Watched... contenders) throws InterruptedException {
        for (Watched watched : contenders) {
            long arrived = -1;
            long lastProgress = System.nanoTime();
            while (true) {
                long now = watched.sink().arrived();
                if (now >= count) {
                    break;
                }
                if (now > arrived) {
                    arrived = now;
                    lastProgress = System.nanoTime();
                }
                watched.process().checkAlive();
                if (System.nanoTime() - lastProgress > STALL_TIMEOUT.toNanos()) {
                    throw new IllegalStateException(watched.contender() + ": " + arrived + " of " + count
                            + " messages arrived, then nothing for " + STALL_TIMEOUT.toSeconds() + " s; log of "
                            + watched.process().name() + ":\n" + watched.process().tail());
                }
                Thread.sleep(5);
            }
        }
    }

    /**
     * Publishes records at {@code rate} a second, noting the time of each send. A send is taken as the moment of
     * publishing: the producer sends at once ({@code linger.ms=0}).
     */
    private static final class Publisher implements AutoCloseable {
        private final KafkaProducer<byte[], byte[]> producer;
        private final String topic;
        private final long intervalNanos;
        /** When record {@code seq} was sent ({@link System#nanoTime()}). */
        private final long[] sent;
        private final AtomicReference<Exception> failure = new AtomicReference<>();

        Publisher(String bootstrapServers, String topic, int records, int rate) {
            producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrapServers, "acks", "all", "linger.ms", "0"),
                    new ByteArraySerializer(), new ByteArraySerializer());
            this.topic = topic;
            this.intervalNanos = 1_000_000_000L / rate;
            this.sent = new long[records];
        }

        /** Publishes records {@code from..to-1} at the rate, and returns how long it took. */
        Duration publish(int from, int to) throws Exception {
            long start = System.nanoTime();
            for (int seq = from; seq < to; seq++) {
                long due = start + (seq - from) * intervalNanos;
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, Records.key(seq), Records.value(seq, RECORD_SIZE));
                sent[seq] = System.nanoTime();
                producer.send(record, (metadata, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    }
                });
            }
            producer.flush();
            if (failure.get() != null) {
                throw new IllegalStateException("publishing failed", failure.get());
            }
            return Duration.ofNanos(System.nanoTime() - start);
        }

        @Override
        public void close() {
            producer.close(Duration.ofSeconds(10));
        }
    }

    /** A contender's latencies of records {@code from..to-1}: first arrival at its receiver minus send. */
    private static Distribution latencies(long[] sent, HttpSink sink, int from, int to) {
        long[] nanos = new long[to - from];
        for (int seq = from; seq < to; seq++) {
            long arrived = sink.arrivalNanos(seq);
            if (arrived == 0) {
                throw new IllegalStateException("record " + seq + " has no arrival time");
            }
            nanos[seq - from] = arrived - sent[seq];
        }
        return new Distribution(nanos);
    }
}
