package io.sendports.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.sendports.bench.destination.Destination;

/**
 * Runs one throughput scenario for {@link Benchmark}: the broker warmed once ({@link BrokerWarmUp}), then
 * {@linkplain #rounds(Scale) rounds} of Sendports and every baseline on the same records. Each round:
 * <ol>
 * <li>a new source topic, and a new Sendports process with a control topic of its own (or the shared one), which
 * lives for the whole round;</li>
 * <li>a new port, created {@code stopped} (enlisted: its new consumer group starts at the empty topic's end), with
 * its destination;</li>
 * <li>the records published once;</li>
 * <li>the contenders one after the other, each with the machine to itself: Sendports by starting its port (and
 * unenlisting it once every record arrived), each baseline in a JVM of its own that reads the topic from its
 * beginning, with a new consumer group, application id or none (the receiver's ceiling reads no topic).</li>
 * </ol>
 * Odd rounds run Sendports first and the baselines in their order, even rounds the reverse, so that over two rounds
 * no contender always comes first (a warmer broker, the page cache, the disk's writeback all favour a position).
 */
final class ScenarioRounds {
    /** Sendports' name in a round's order and in its results. */
    static final String SENDPORTS = "sendports";

    private final BenchCluster cluster;
    private final Path work;
    private final Scale scale;
    private final SendportsService shared;

    /** @param shared the Sendports process every scenario uses, or null for a new one per round */
    ScenarioRounds(BenchCluster cluster, Path work, Scale scale, SendportsService shared) {
        this.cluster = cluster;
        this.work = work;
        this.scale = scale;
        this.shared = shared;
    }

    /** {@code -Dbench.rounds}; else 3 at full size, 1 at smoke size. */
    static int rounds(Scale scale) {
        return Math.max(1, Integer.getInteger("bench.rounds", scale == Scale.SMOKE ? 1 : 3));
    }

    /**
     * The share of each contender's records whose arrival is its warm-up, not timed ({@link Observer}):
     * {@code -Dbench.warm-up}, else a fifth at full size and none at smoke size.
     */
    static double warmUpShare(Scale scale) {
        double share = Double.parseDouble(System.getProperty("bench.warm-up", scale == Scale.SMOKE ? "0" : "0.2"));
        if (!(share >= 0 && share < 1)) {
            throw new IllegalArgumentException("bench.warm-up must be at least 0 and below 1: " + share);
        }
        return share;
    }

    /** The order of round {@code number}: Sendports and the baselines, reversed in even rounds. */
    static List<String> order(Scenario scenario, int number) {
        List<String> order = new ArrayList<>();
        order.add(SENDPORTS);
        scenario.baselines().forEach(baseline -> order.add(baseline.id()));
        if (number % 2 == 0) {
            Collections.reverse(order);
        }
        return order;
    }

    ScenarioResult run(Scenario scenario) throws Exception {
        long records = scenario.records(scale);
        int rounds = rounds(scale);
        Benchmark.say("Scenario %s: %d records of %d B, %d round(s)", scenario.id(), records, scenario.recordSize(), rounds);
        BrokerWarmUp.run(cluster, "bench-" + scenario.id() + "-warm-up-" + shortId(), records, scenario.recordSize());
        List<ScenarioResult.Round> done = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            done.add(round(scenario, round, records));
        }
        ScenarioResult result = new ScenarioResult(scenario, records, done);
        if (rounds > 1) {
            for (ScenarioResult.Comparison comparison : result.comparisons()) {
                Benchmark.say("  Sendports / %s by round: %s; the median round is reported", comparison.baseline().id(),
                        comparison.roundRatios().stream().map(ratio -> String.format(Locale.ROOT, "%.2f", ratio)).toList());
            }
        }
        return result;
    }

    private ScenarioResult.Round round(Scenario scenario, int number, long records) throws Exception {
        Path dir = Files.createDirectories(work.resolve(scenario.id()).resolve("round-" + number));
        String runId = scenario.id() + "-" + shortId();
        ScenarioRun run = new ScenarioRun(cluster, dir, runId, "bench-" + runId + "-in", Benchmark.PARTITIONS, records,
                scenario.recordSize());
        List<String> order = order(scenario, number);
        Benchmark.say("Scenario %s, round %d: %s", scenario.id(), number, String.join(", ", order));
        cluster.createTopic(run.sourceTopic(), run.partitions());
        ScenarioResult.Round round;
        if (shared != null) {
            round = contenders(scenario, run, shared, number, order);
        } else {
            try (SendportsService service = SendportsService.start(cluster.bootstrapServers(), run.name("control"), dir, scale)) {
                round = contenders(scenario, run, service, number, order);
            }
        }
        if (!Boolean.getBoolean("bench.keep")) {
            Benchmark.deleteRecursively(dir);
        }
        return round;
    }

    private ScenarioResult.Round contenders(Scenario scenario, ScenarioRun run, SendportsService service, int number,
            List<String> order) throws Exception {
        String port = run.name("port");
        Scenario.SendportsSide side = scenario.sendports(run);
        try (Destination destination = side.destination()) {
            service.createPort("{\"name\":\"" + port + "\",\"kind\":\"static\",\"pattern\":\"" + side.pattern() + "\","
                    + "\"subscription\":{\"topics\":[\"" + run.sourceTopic() + "\"]},"
                    + "\"transport\":" + side.transportJson()
                    + (side.responseTopic() == null ? "" : ",\"responseTopic\":\"" + side.responseTopic() + "\"")
                    + ",\"state\":\"stopped\"}");
            Benchmark.say("  port %s enlisted", port);
            cluster.preload(run.sourceTopic(), run.records(), run.recordSize(), scenario.fileNameHeader());
            Benchmark.say("  %d records published", run.records());
            ContenderResult sendports = null;
            Map<String, ContenderResult> baselines = new LinkedHashMap<>();
            for (String contender : order) {
                Benchmark.settleDisks();
                ContenderResult result;
                if (contender.equals(SENDPORTS)) {
                    result = sendports = sendports(service, port, destination, run.records(), warmUp(run));
                } else {
                    result = baseline(baseline(scenario, contender), run, warmUp(run));
                    baselines.put(contender, result);
                }
                Benchmark.say("  %s: %.0f msg/s (%.0f msg/s over the whole run, warm-up included)", contender,
                        result.messagesPerSecond(), result.wholeRunPerSecond());
            }
            return new ScenarioResult.Round(number, order, sendports, baselines);
        }
    }

    private long warmUp(ScenarioRun run) {
        return (long) (run.records() * warmUpShare(scale));
    }

    private static ContenderResult sendports(SendportsService service, String port, Destination destination, long records,
            long warmUp) throws Exception {
        service.action(port, "start");
        Benchmark.say("  port %s started", port);
        ContenderResult result = Observer.observe(SENDPORTS, service.process(), destination, records, warmUp);
        // A service that runs the next scenarios too must not keep this port's consumer polling.
        service.action(port, "unenlist");
        return result;
    }

    private static ContenderResult baseline(Baseline baseline, ScenarioRun run, long warmUp) throws Exception {
        Scenario.BaselineSide side = baseline.starter().start(run);
        try (JavaProcess process = side.process(); Destination destination = side.destination()) {
            return Observer.observe(baseline.id(), process, destination, run.records(), warmUp);
        }
    }

    private static Baseline baseline(Scenario scenario, String id) {
        return scenario.baselines().stream().filter(baseline -> baseline.id().equals(id)).findFirst().orElseThrow();
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
