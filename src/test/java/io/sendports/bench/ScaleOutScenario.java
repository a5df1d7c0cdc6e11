package io.sendports.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.ToDoubleFunction;

import io.sendports.bench.destination.AppendedFile;
import io.sendports.bench.destination.Destination;
import io.sendports.bench.destination.HttpSink;
import io.sendports.bench.destination.Several;

/**
 * Throughput with 1, 2 and 3 instances of the service on one broker, and the memory of one instance with 0 and with
 * 500 started ports (issue 16). No baseline and no target: the figures say how delivery scales on this machine and
 * what to put in the manifests' memory requests and limits.
 *
 * <p><b>Throughput.</b> Up to three instances of the packaged service share one control topic, so each runs every
 * port. For each number N of instances, each transport gets a source topic of its own with {@value #PARTITIONS}
 * partitions and a new port, started, whose new consumer group starts at offset 0. The records are published
 * beforehand in one Kafka transaction left open, and the instances read committed records only: they see none until
 * the group is stable with all {@code 4 N} consumers ({@value #CONSUMERS_PER_INSTANCE} per instance) holding the
 * {@value #PARTITIONS} partitions; then the transaction is committed and every record becomes visible at once. So the
 * figure is N instances delivering a backlog with the work spread evenly from the first record, timed from the first
 * to the last arrival, not the rebalances while they join (a cooperative rebalance took seconds with a 3 s heartbeat).
 * The transports, with the throughput scenarios' record sizes:
 * <ul>
 * <li><b>file append</b>: record {@code seq} goes to partition {@code seq % 6} and names the file
 * {@code p-<partition>.txt} ({@link Records#FILE_NAME_HEADER}; the port's {@code fileName} is
 * {@code %SourceFileName%}), so each file is appended to by one instance only and the figure is the instances'
 * own, not their turns at one file's lock (appends of several processes to one file take turns: each holds a lock
 * of the file, {@code FileWriter});</li>
 * <li><b>http one-way</b> to one loopback receiver with a handler thread for each request any instance has in
 * flight (32 each).</li>
 * </ul>
 * Each N runs in {@code bench.scale-out.rounds} rounds (3; 1 at smoke size), ascending in odd rounds and descending in
 * even ones; instances are started as N grows and ended (the last started first) as it falls. Whenever an instance
 * was started, an uncounted warm-up pass of a fifth of the records runs first, so that no figure has a cold JVM in it
 * (before the first round it warms the broker too; none at smoke size). Each figure is the median of its rounds,
 * every round kept. Beside each rate, the processor time used from the commit until the last record had arrived:
 * by the instances together, by this JVM (the broker, the HTTP receiver, the observer; the records were published
 * before) and by the whole machine, every process included, in percent of one core; and the rate per core the
 * instances used (msg/s ÷ their CPU), the figure to carry over to machines where each instance has cores of its own.
 * The most any of these instances held resident while delivering ({@code VmHWM}) is reported too.
 *
 * <p><b>Memory.</b> A new instance with a control topic of its own: its resident set ({@code VmRSS}) and heap in use
 * after a full GC idle, with no port, then with {@code bench.scale-out.ports} (500; 10 at smoke size) static file
 * ports, each with a topic of its own, created and started by 8 REST clients and idle (every consumer holds its
 * partition, every retry worker has left its group for want of work), and the most it held on the way
 * ({@code VmHWM}). Resident figures are read before the full GC that the heap figure needs.
 */
final class ScaleOutScenario implements MeasuredScenario {
    private static final int PARTITIONS = 6;
    private static final int MOST_INSTANCES = 3;
    /** Set on every instance, so that a stable group has a known number of members. */
    private static final int CONSUMERS_PER_INSTANCE = 4;
    private static final Duration STABLE_TIMEOUT = Duration.ofMinutes(2);
    private static final double MIB = 1 << 20;
    private static final String CPU = "% of a core";

    @Override
    public String id() {
        return "scale-out";
    }

    @Override
    public String title() {
        return "scale-out: 1 to 3 instances, memory per instance";
    }

    /** A transport under test, with its record size and its record count at full size. */
    private enum Transport {
        FILE_APPEND("file append", 200, 1_000_000),
        HTTP("http one-way", 1024, 200_000);

        final String title;
        final int recordSize;
        final long fullRecords;

        Transport(String title, int recordSize, long fullRecords) {
            this.title = title;
            this.recordSize = recordSize;
            this.fullRecords = fullRecords;
        }
    }

    /** The transport JSON of a port and the destination it delivers to. */
    private record Target(String transportJson, Destination destination) {
    }

    @Override
    public Measurement measure(MeasuredRun run) throws Exception {
        boolean smoke = run.scale() == Scale.SMOKE;
        int rounds = Math.max(1, Integer.getInteger("bench.scale-out.rounds", smoke ? 1 : 3));
        // a fifth of the records to warm up after an instance started; none at smoke size, whose figures mean nothing
        int warmUpShare = smoke ? 0 : 5;
        Map<Transport, Long> records = new LinkedHashMap<>();
        for (Transport transport : Transport.values()) {
            records.put(transport, run.scale().records(transport.fullRecords));
        }
        Instances instances = new Instances(run);
        Map<String, List<Pass>> passes = new LinkedHashMap<>();
        List<Measurement.Arrivals> arrivals = new ArrayList<>();
        try {
            for (int round = 1; round <= rounds; round++) {
                for (int n : round % 2 == 1 ? List.of(1, 2, 3) : List.of(3, 2, 1)) {
                    boolean started = instances.resize(n);
                    List<Transport> order = round % 2 == 1 ? List.of(Transport.FILE_APPEND, Transport.HTTP)
                            : List.of(Transport.HTTP, Transport.FILE_APPEND);
                    for (Transport transport : order) {
                        long count = records.get(transport);
                        if (started && warmUpShare > 0) {
                            pass(run, instances, transport, Math.max(1, count / warmUpShare), "warm-up");
                        }
                        Pass pass = pass(run, instances, transport, count, "round " + round);
                        String key = key(transport, n);
                        passes.computeIfAbsent(key, k -> new ArrayList<>()).add(pass);
                        arrivals.add(new Measurement.Arrivals(key + ", round " + round, count, pass.result().distinct(),
                                pass.result().duplicates()));
                    }
                }
            }
        } finally {
            instances.close();
        }
        List<Figure> figures = new ArrayList<>();
        for (Transport transport : Transport.values()) {
            double one = Figure.median(rounds(passes.get(key(transport, 1)), Pass::rate));
            for (int n = 1; n <= MOST_INSTANCES; n++) {
                String key = key(transport, n);
                List<Pass> its = passes.get(key);
                figures.add(Figure.median(key, "msg/s", rounds(its, Pass::rate)));
                if (n > 1) {
                    figures.add(Figure.of(key + " ÷ 1 instance (medians)", "×",
                            Figure.median(rounds(its, Pass::rate)) / one, null));
                }
                figures.add(Figure.median(key + ", per core the instances used", "msg/s",
                        rounds(its, pass -> pass.rate() / (pass.cpu().instances() / 100))));
                figures.add(Figure.median(key + ", CPU of the instances", CPU, rounds(its, pass -> pass.cpu().instances())));
                figures.add(Figure.median(key + ", CPU of the bench JVM (broker, receiver)", CPU,
                        rounds(its, pass -> pass.cpu().bench())));
                figures.add(Figure.median(key + ", CPU of the whole machine", CPU, rounds(its, pass -> pass.cpu().machine())));
            }
        }
        figures.add(Figure.of("most resident of a delivering instance (VmHWM, the largest of all)", "MiB",
                instances.peakBytes() / MIB, null));
        int ports = Integer.getInteger("bench.scale-out.ports", smoke ? 10 : 500);
        Memory memory = memory(run, ports);
        figures.add(Figure.of("one instance, idle with no port: resident (VmRSS)", "MiB", memory.idle().rssMiB(), null));
        figures.add(Figure.of("one instance, idle with no port: heap after full GC", "MiB", memory.idleHeap() / MIB, null));
        figures.add(Figure.of("one instance, " + ports + " ports started and idle: resident (VmRSS)", "MiB",
                memory.loaded().rssMiB(), null));
        figures.add(Figure.of("one instance, " + ports + " ports started and idle: heap after full GC", "MiB",
                memory.loadedHeap() / MIB, null));
        figures.add(Figure.of("one instance, most resident since it started, " + ports + " ports (VmHWM)", "MiB",
                memory.loaded().peakMiB(), null));
        arrivals.add(new Measurement.Arrivals("ports holding their partition", ports, memory.assigned(), 0));

        String setup = String.format(Locale.ROOT, "%d round(s) of 1, 2 and 3 instances of the service on one control "
                + "topic, ascending then descending; per instance count and transport a new %d-partition topic, a new "
                + "port at offset 0 and the records in one open transaction, committed once the port's group is stable "
                + "(%d consumers per instance, read_committed); file append %,d × %d B to one file per partition, "
                + "http one-way %,d × %d B to one receiver; %s. CPU in %% of one core (the machine has %d). Memory: a new "
                + "instance with no port, then with %d started idle file ports (JVM %s)", rounds, PARTITIONS,
                CONSUMERS_PER_INSTANCE, records.get(Transport.FILE_APPEND), Transport.FILE_APPEND.recordSize,
                records.get(Transport.HTTP), Transport.HTTP.recordSize,
                warmUpShare > 0 ? "an uncounted pass of 1/" + warmUpShare + " of the records after every instance start"
                        : "no warm-up passes",
                Runtime.getRuntime().availableProcessors(), ports, String.join(" ", JavaProcess.JVM_OPTIONS));
        return new Measurement(this, setup, figures, arrivals);
    }

    private static String key(Transport transport, int instances) {
        return transport.title + ", " + instances + (instances == 1 ? " instance" : " instances");
    }

    /** One pass's delivery, and the processor time used meanwhile. */
    private record Pass(ContenderResult result, Cpu cpu) {
        double rate() {
            return result.messagesPerSecond();
        }
    }

    /** Processor time in percent of one core: the instances together, this JVM, every process of the machine. */
    private record Cpu(double instances, double bench, double machine) {
    }

    /** Readings of the processor time used so far, in seconds, for {@link Cpu}. */
    private record CpuReading(double instances, double bench, double machine, long nanos) {
        static CpuReading now(List<JavaProcess> instances) throws Exception {
            double seconds = 0;
            for (JavaProcess process : instances) {
                seconds += ProcessCpu.seconds(process.pid());
            }
            return new CpuReading(seconds, ProcessCpu.seconds(ProcessHandle.current().pid()), ProcessCpu.machineSeconds(),
                    System.nanoTime());
        }

        /** The shares of one core used from {@code before} until this reading. */
        Cpu since(CpuReading before) {
            double seconds = (nanos - before.nanos) / 1e9;
            return new Cpu(100 * (instances - before.instances) / seconds, 100 * (bench - before.bench) / seconds,
                    100 * (machine - before.machine) / seconds);
        }
    }

    /**
     * A destination as the observer watches it, which reads the processor time once the last record has arrived:
     * before the observer reads the destination back (the files' 200 MB, in this JVM), which is not delivery.
     */
    private static final class CpuAtLastArrival implements Destination {
        private final Destination destination;
        private final long expected;
        private final List<JavaProcess> processes;
        private CpuReading reading;

        CpuAtLastArrival(Destination destination, long expected, List<JavaProcess> processes) {
            this.destination = destination;
            this.expected = expected;
            this.processes = processes;
        }

        @Override
        public long arrived() throws Exception {
            long arrived = destination.arrived();
            if (arrived >= expected && reading == null) {
                reading = CpuReading.now(processes);
            }
            return arrived;
        }

        CpuReading reading() {
            return reading;
        }

        @Override
        public Duration pollInterval() {
            return destination.pollInterval();
        }

        @Override
        public Optional<Duration> arrivalWindow(long from) throws Exception {
            return destination.arrivalWindow(from);
        }

        @Override
        public Tally tally() throws Exception {
            return destination.tally();
        }
    }

    private static List<Double> rounds(List<Pass> passes, ToDoubleFunction<Pass> figure) {
        return passes.stream().mapToDouble(figure).boxed().toList();
    }

    /**
     * One port of {@code transport} on every running instance over {@code count} new records: the records published
     * in an open transaction, the port started at offset 0, the transaction committed once the group is stable, the
     * destination watched until every record arrived; then the port is unenlisted and its group left.
     */
    private static Pass pass(MeasuredRun run, Instances instances, Transport transport, long count, String what)
            throws Exception {
        int n = instances.running().size();
        String name = run.name("scale-" + (transport == Transport.HTTP ? "http" : "file") + "-" + n + "-"
                + System.nanoTime());
        String topic = name + "-in";
        String group = SendportsService.consumerGroup(name);
        run.cluster().createTopic(topic, PARTITIONS);
        Target target = target(run, transport, name, n);
        try (Destination destination = target.destination();
                BenchCluster.Pending pending = run.cluster().preloadPending(topic, count, transport.recordSize, PARTITIONS,
                        seq -> transport == Transport.FILE_APPEND
                                ? List.of(BenchCluster.fileNameHeader("p-" + seq % PARTITIONS + ".txt"))
                                : List.of())) {
            run.cluster().startGroupAtBeginning(group, topic, PARTITIONS);
            Benchmark.settleDisks();
            instances.running().get(0).createPort("{\"name\":\"" + name + "\",\"kind\":\"static\",\"pattern\":\"one-way\","
                    + "\"subscription\":{\"topics\":[\"" + topic + "\"]},\"transport\":" + target.transportJson()
                    + ",\"state\":\"started\"}");
            Duration stable = run.cluster().awaitStable(group, n * Math.min(CONSUMERS_PER_INSTANCE, PARTITIONS), PARTITIONS,
                    STABLE_TIMEOUT);
            List<JavaProcess> processes = instances.running().stream().map(SendportsService::process).toList();
            CpuAtLastArrival watched = new CpuAtLastArrival(destination, count, processes);
            CpuReading before = CpuReading.now(processes);
            pending.commit();
            ContenderResult result = Observer.observe(key(transport, n), processes, watched, count);
            Pass pass = new Pass(result, watched.reading().since(before));
            Benchmark.say("  %s, %s: %,d records, group stable %.1f s after the start; %,.0f msg/s; CPU in %% of a core: "
                    + "instances %.0f, bench JVM %.0f, machine %.0f", key(transport, n), what, count,
                    stable.toMillis() / 1e3, pass.rate(), pass.cpu().instances(), pass.cpu().bench(), pass.cpu().machine());
            instances.running().get(0).action(name, "unenlist");
            run.cluster().awaitNoMembers(List.of(group), Duration.ofMinutes(1));
            return pass;
        } finally {
            Benchmark.deleteRecursively(run.workDir().resolve(name));
        }
    }

    private static Target target(MeasuredRun run, Transport transport, String name, int senders) throws Exception {
        if (transport == Transport.HTTP) {
            HttpSink sink = HttpSink.forSenders(senders);
            return new Target("{\"type\":\"http\",\"address\":\"" + sink.url() + "\"}", sink);
        }
        Path dir = Files.createDirectories(run.workDir().resolve(name));
        List<Destination> files = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            files.add(new AppendedFile(dir.resolve("p-" + p + ".txt"), transport.recordSize, transport.recordSize));
        }
        return new Target("{\"type\":\"file\",\"address\":\"" + ScenarioRun.fileAddress(dir)
                + "\",\"options\":{\"fileName\":\"%SourceFileName%\",\"mode\":\"append\"}}", new Several(files));
    }

    /** One instance's memory idle and with the ports started, and how many of the ports' groups held their partition. */
    private record Memory(ResidentMemory idle, long idleHeap, ResidentMemory loaded, long loadedHeap, long assigned) {
    }

    private static Memory memory(MeasuredRun run, int count) throws Exception {
        try (SendportsService service = SendportsService.start(run.cluster().bootstrapServers(), run.name("memory-control"),
                Files.createDirectories(run.workDir().resolve("memory")), run.scale())) {
            long pid = service.process().pid();
            ResidentMemory idle = ResidentMemory.of(pid);
            long idleHeap = Jcmd.heapUsedAfterFullGc(pid);
            Benchmark.say("  memory, no port: resident %.0f MiB, heap after full GC %.0f MiB", idle.rssMiB(), idleHeap / MIB);
            List<FilePorts.Port> ports = FilePorts.prepare(run, count);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                FilePorts.forEach(pool, ports, port -> service.createPort(port.definition()));
                FilePorts.forEach(pool, ports, port -> service.action(port.name(), "start"));
                run.cluster().awaitAssigned(ports.stream().map(FilePorts.Port::consumerGroup).toList(), 1,
                        Duration.ofMinutes(5));
                // idle: every retry worker has left its group for want of work (sendports.delivery.retry-idle)
                run.cluster().awaitNoMembers(ports.stream().map(port -> "sendports.retry." + port.name()).toList(),
                        Duration.ofMinutes(3));
                ResidentMemory loaded = ResidentMemory.of(pid);
                long loadedHeap = Jcmd.heapUsedAfterFullGc(pid);
                Benchmark.say("  memory, %d ports started and idle: resident %.0f MiB (most %.0f MiB), heap after full GC "
                        + "%.0f MiB", count, loaded.rssMiB(), loaded.peakMiB(), loadedHeap / MIB);
                return new Memory(idle, idleHeap, loaded, loadedHeap, ports.size());
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /**
     * The running instances, all on one control topic of the scenario's: started as the count grows, ended (the
     * last started first) as it falls.
     */
    private static final class Instances implements AutoCloseable {
        private final MeasuredRun run;
        private final String controlTopic;
        private final List<SendportsService> running = new ArrayList<>();
        private int started;
        private long peakBytes;

        Instances(MeasuredRun run) {
            this.run = run;
            this.controlTopic = run.name("scale-control");
        }

        List<SendportsService> running() {
            return running;
        }

        /** Starts or ends instances until {@code count} run; returns whether one was started. */
        boolean resize(int count) throws Exception {
            boolean grew = false;
            while (running.size() > count) {
                end(running.remove(running.size() - 1));
            }
            while (running.size() < count) {
                started++;
                Path dir = Files.createDirectories(run.workDir().resolve("instance-" + started));
                List<String> properties = new ArrayList<>(List.of(
                        // read only committed records, so that a pass's records appear at once (see the class comment)
                        "-Dkafka.isolation.level=read_committed",
                        "-Dsendports.delivery.consumers=" + CONSUMERS_PER_INSTANCE));
                if (run.scale() == Scale.SMOKE) {
                    // A member with nothing to fetch hears of a rebalance at its next heartbeat: every 3 s, which
                    // made each group take 6 s to be stable. Smoke runs only, to stay short; full runs keep it.
                    properties.add("-Dkafka.heartbeat.interval.ms=500");
                }
                running.add(SendportsService.start(run.cluster().bootstrapServers(), controlTopic, dir, run.scale(),
                        properties));
                grew = true;
            }
            return grew;
        }

        /** The most any instance held resident ({@code VmHWM}), of those ended so far. */
        long peakBytes() {
            return peakBytes;
        }

        /** Ends an instance, after noting the most it held resident. */
        private void end(SendportsService instance) throws Exception {
            try {
                peakBytes = Math.max(peakBytes, ResidentMemory.of(instance.process().pid()).peakBytes());
            } finally {
                instance.close();
            }
        }

        @Override
        public void close() throws Exception {
            try {
                for (SendportsService instance : running) {
                    end(instance);
                }
            } finally {
                running.forEach(SendportsService::close);
                running.clear();
            }
        }
    }
}
