package io.sendports.bench;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import io.sendports.bench.FilePorts.Port;

/**
 * The control plane with many ports: creating and starting 500 file ports through the REST API, the heap the
 * service needs to run them, and how fast a stop or a start takes effect. No baseline; the figures are held to
 * issue 6's absolute targets.
 *
 * <ol>
 * <li>Each port gets a single-partition source topic of its own and a directory of its own, all created
 * beforehand; ports are static one-way {@code file} ports with the default file name ({@code %MessageID%}).</li>
 * <li><b>Create and start</b>: every port is created ({@code POST /api/send-ports}, unenlisted), then every port is
 * started ({@code POST .../start}, which enlists it first), by {@code clients} concurrent REST clients (8). The
 * figure is the wall-clock time from the first create until the last start has answered. Then the harness waits
 * until every port's consumer group holds its partition (reported for information).</li>
 * <li><b>Heap</b>: a full GC in the service process ({@code jcmd <pid> GC.run}), then the heap in use from
 * {@code jcmd <pid> GC.heap_info}.</li>
 * <li><b>List</b>: {@code GET /api/send-ports} with every port started, {@value #LIST_WARMUP} answers not counted,
 * then {@value #LISTS} timed one after the other (the status comes from memory, no broker call per port): once right
 * after the starts, and once the ports are idle, that is when every port's retry worker has left its group for
 * want of work ({@code sendports.delivery.retry-idle}); the service's CPU over 10 s of that idle state is reported
 * too. The idle lists are timed twice: by this JVM's HTTP client, and by curl in a process of its own. The target
 * applies to curl's idle list (to this JVM's when there is no curl): this JVM also runs the broker, which the
 * 500 idle consumers keep busy, so its own client waits out the broker's pauses as well as the service's answer
 * (p99 59 ms against curl's 23 ms in the same run, docs/PERFORMANCE.md).</li>
 * <li><b>Stop and start</b>, one sampled port at a time while all others run: the time a {@code POST .../stop} takes
 * to answer (the API answers once the route has stopped); then a record is published to the stopped port's
 * topic, and the time from sending {@code POST .../start} until that record's file is in the port's directory.</li>
 * </ol>
 * Sizes: 500 ports with a sample of 50 at full size, 10 ports with a sample of 5 at smoke size;
 * {@code -Dbench.control-plane.ports}, {@code .sample} and {@code .clients} change them ({@code bench.records}
 * does not apply). Targets: {@code -Dbench.target.control-plane.create-and-start} (seconds, 60),
 * {@code .heap} (MiB, 1024), {@code .start-stop} (p99 in milliseconds, 1000), {@code .list} (p99 in milliseconds, 50).
 */
final class ControlPlaneScenario implements MeasuredScenario {
    private static final int RECORD_SIZE = 200;
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(60);
    private static final int LIST_WARMUP = 20;
    private static final int LISTS = 200;
    private static final Figure.Target LIST_TARGET = Figure.Target.atMost("bench.target.control-plane.list", 50);

    @Override
    public String id() {
        return "control-plane";
    }

    @Override
    public String title() {
        return "control plane: create and start file ports";
    }

    @Override
    public Measurement measure(MeasuredRun run) throws Exception {
        boolean smoke = run.scale() == Scale.SMOKE;
        int count = Integer.getInteger("bench.control-plane.ports", smoke ? 10 : 500);
        int sample = Math.min(count, Integer.getInteger("bench.control-plane.sample", smoke ? 5 : 50));
        int clients = Integer.getInteger("bench.control-plane.clients", 8);
        SendportsService service = run.sendports();
        List<Port> ports = FilePorts.prepare(run, count);
        Benchmark.say("  %d topics and directories created; creating and starting %d ports with %d clients", count, count, clients);

        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            long begin = System.nanoTime();
            FilePorts.forEach(pool, ports, port -> service.createPort(port.definition()));
            long created = System.nanoTime();
            FilePorts.forEach(pool, ports, port -> service.action(port.name(), "start"));
            long started = System.nanoTime();
            Benchmark.say("  %d ports created in %.1f s and started in %.1f s", count, (created - begin) / 1e9,
                    (started - created) / 1e9);
            run.cluster().awaitAssigned(ports.stream().map(Port::consumerGroup).toList(), 1, Duration.ofMinutes(5));
            long assigned = System.nanoTime();
            long heap = Jcmd.heapUsedAfterFullGc(service.process().pid());
            Benchmark.say("  every consumer holds its partition %.1f s after the last start; heap after a full GC %d MiB",
                    (assigned - started) / 1e9, heap >> 20);

            Distribution busyList = list(service);
            Benchmark.say("  GET /api/send-ports with %d ports, right after the starts: p50 %.1f ms, p99 %.1f ms", count,
                    busyList.millis(0.5), busyList.millis(0.99));
            long settling = System.nanoTime();
            run.cluster().awaitNoMembers(ports.stream().map(port -> "sendports.retry." + port.name()).toList(),
                    Duration.ofMinutes(3));
            long settled = System.nanoTime();
            double idleCpu = cpuShare(service.process().pid(), Duration.ofSeconds(10));
            Distribution list = list(service);
            Benchmark.say("  retry workers idle %.1f s later; the service then used %.0f %% of a core; GET /api/send-ports: "
                    + "p50 %.1f ms, p99 %.1f ms", (settled - settling) / 1e9, idleCpu, list.millis(0.5), list.millis(0.99));
            Distribution outside = outsideList(service);
            if (outside != null) {
                Benchmark.say("  the same timed by curl: p50 %.1f ms, p99 %.1f ms", outside.millis(0.5), outside.millis(0.99));
            }

            StopStart stopStart = stopAndStart(service, run.cluster().bootstrapServers(), sampled(ports, sample));
            if (run.sendportsSharedWithLater()) {
                FilePorts.forEach(pool, ports, port -> service.action(port.name(), "unenlist"));
            }

            List<Figure> figures = new ArrayList<>(List.of(
                    new Figure("create and start, all ports", "s", (started - begin) / 1e9, null,
                            Figure.Target.atMost("bench.target.control-plane.create-and-start", 60)),
                    Figure.of("of which create", "s", (created - begin) / 1e9, null),
                    Figure.of("of which start", "s", (started - created) / 1e9, null),
                    Figure.of("every consumer holds its partition, after the last start", "s", (assigned - started) / 1e9, null),
                    new Figure("heap after full GC, all ports started", "MiB", heap / (double) (1 << 20), null,
                            Figure.Target.atMost("bench.target.control-plane.heap", 1024)),
                    Figure.of("list all ports right after the starts, p50", "ms", busyList.millis(0.5), null),
                    Figure.of("list all ports right after the starts, p99", "ms", busyList.millis(0.99), null),
                    Figure.of("retry workers idle (left their groups), after the list", "s", (settled - settling) / 1e9, null),
                    Figure.of("service CPU, all ports started and idle", "% of a core", idleCpu, null),
                    Figure.of("list all ports, idle, timed in the bench JVM (with the broker), p50", "ms",
                            list.millis(0.5), null),
                    new Figure("list all ports, idle, timed in the bench JVM (with the broker), p99", "ms",
                            list.millis(0.99), null, outside != null ? null : LIST_TARGET),
                    Figure.of("stop answered, p50", "ms", stopStart.stop().millis(0.5), null),
                    new Figure("stop answered, p99", "ms", stopStart.stop().millis(0.99), null,
                            Figure.Target.atMost("bench.target.control-plane.start-stop", 1000)),
                    Figure.of("stop answered, max", "ms", stopStart.stop().maxMillis(), null),
                    Figure.of("start → waiting message delivered, p50", "ms", stopStart.start().millis(0.5), null),
                    new Figure("start → waiting message delivered, p99", "ms", stopStart.start().millis(0.99), null,
                            Figure.Target.atMost("bench.target.control-plane.start-stop", 1000)),
                    Figure.of("start → waiting message delivered, max", "ms", stopStart.start().maxMillis(), null)));
            if (outside != null) {
                figures.add(Figure.of("list all ports (GET /api/send-ports), idle, timed by curl, p50", "ms",
                        outside.millis(0.5), null));
                figures.add(new Figure("list all ports (GET /api/send-ports), idle, timed by curl, p99", "ms",
                        outside.millis(0.99), null, LIST_TARGET));
            }
            String setup = String.format(Locale.ROOT, "%d static one-way file ports, each with a single-partition topic and a "
                    + "directory of its own; creates, then starts, by %d concurrent REST clients; heap from jcmd GC.heap_info "
                    + "after jcmd GC.run; stop and start timed on %d of the ports, one at a time, while all the others run",
                    count, clients, sample);
            return new Measurement(this, setup, figures,
                    List.of(new Measurement.Arrivals("sendports", sample, stopStart.delivered(), 0)));
        } finally {
            pool.shutdownNow();
        }
    }

    /** The share of one core the process used over {@code window}, in percent; NaN where there is no {@code /proc}. */
    private static double cpuShare(long pid, Duration window) throws Exception {
        if (!ProcessCpu.available(pid)) {
            return Double.NaN;
        }
        double before = ProcessCpu.seconds(pid);
        long begin = System.nanoTime();
        Thread.sleep(window.toMillis());
        return 100.0 * (ProcessCpu.seconds(pid) - before) / ((System.nanoTime() - begin) / 1e9);
    }

    /** Times {@value #LISTS} lists of every port, one after the other, after {@value #LIST_WARMUP} not counted. */
    private static Distribution list(SendportsService service) throws Exception {
        for (int i = 0; i < LIST_WARMUP; i++) {
            service.listPorts();
        }
        long[] lists = new long[LISTS];
        for (int i = 0; i < LISTS; i++) {
            long begin = System.nanoTime();
            service.listPorts();
            lists[i] = System.nanoTime() - begin;
        }
        return new Distribution(lists);
    }

    /**
     * The same lists timed by curl, a client in its own process: one curl run, one connection, every answer timed
     * by curl itself ({@code time_total}). The lists above are timed in this JVM, which also runs the broker
     * that 500 idle consumers keep busy, so its pauses count in them; these do not. Null without curl.
     */
    private static Distribution outsideList(SendportsService service) throws Exception {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "--fail", "-w", "%{time_total}\\n",
                "-u", io.sendports.testsupport.TestUsers.ADMIN + ":" + io.sendports.testsupport.TestUsers.ADMIN_PASSWORD));
        for (int i = 0; i < LIST_WARMUP + LISTS; i++) {
            command.addAll(List.of("-o", "/dev/null", service.url("/api/send-ports")));
        }
        Process curl;
        try {
            curl = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (java.io.IOException noCurl) {
            Benchmark.say("  (no curl here: the lists are not timed from outside this JVM)");
            return null;
        }
        List<String> lines = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        if (curl.waitFor() != 0 || lines.size() != LIST_WARMUP + LISTS) {
            throw new IllegalStateException("curl failed: " + String.join("\n", lines));
        }
        long[] lists = lines.stream().skip(LIST_WARMUP).mapToLong(line -> Math.round(Double.parseDouble(line) * 1e9))
                .toArray();
        return new Distribution(lists);
    }

    /** Every {@code count / sample}-th port, so that the sample spans ports created early and late. */
    private static List<Port> sampled(List<Port> ports, int sample) {
        List<Port> chosen = new ArrayList<>();
        for (int i = 0; i < sample; i++) {
            chosen.add(ports.get((int) ((long) i * ports.size() / sample)));
        }
        return chosen;
    }

    private record StopStart(Distribution stop, Distribution start, long delivered) {
    }

    /**
     * Stops each sampled port, publishes a record to its topic while it is stopped, starts it, and waits for that
     * record's file. Record {@code n} of the sample has sequence number {@code n}, which its file must hold.
     */
    private static StopStart stopAndStart(SendportsService service, String bootstrapServers, List<Port> sample)
            throws Exception {
        long[] stops = new long[sample.size()];
        long[] starts = new long[sample.size()];
        long delivered = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrapServers,
                "acks", "all", "linger.ms", "0"), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int n = 0; n < sample.size(); n++) {
                Port port = sample.get(n);
                long stopping = System.nanoTime();
                service.action(port.name(), "stop");
                stops[n] = System.nanoTime() - stopping;
                byte[] value = Records.value(n, RECORD_SIZE);
                producer.send(new ProducerRecord<>(port.topic(), Records.key(n), value)).get(30, TimeUnit.SECONDS);
                long starting = System.nanoTime();
                service.action(port.name(), "start");
                File file = awaitFile(port.directory(), service);
                starts[n] = System.nanoTime() - starting;
                if (!Arrays.equals(Files.readAllBytes(file.toPath()), value)) {
                    throw new IllegalStateException(file + " does not hold the record published to " + port.topic());
                }
                delivered++;
            }
        }
        return new StopStart(new Distribution(stops), new Distribution(starts), delivered);
    }

    /**
     * The first file with its final name (Sendports writes under a dot-name, then renames) in {@code dir}. Polled
     * every millisecond rather than awaited: the time it takes is the figure being measured.
     */
    private static File awaitFile(Path dir, SendportsService service) throws InterruptedException {
        long deadline = System.nanoTime() + DELIVERY_TIMEOUT.toNanos();
        while (true) {
            File[] files = dir.toFile().listFiles(file -> !file.getName().startsWith("."));
            if (files != null && files.length > 0) {
                return files[0];
            }
            service.process().checkAlive();
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("nothing delivered to " + dir + " within " + DELIVERY_TIMEOUT.toSeconds()
                        + " s of the start");
            }
            Thread.sleep(1);
        }
    }
}
