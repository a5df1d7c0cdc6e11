package io.sendports.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs the scenarios of {@link Scenarios} against the packaged service and writes {@code results.json} and
 * {@code results.md}. One broker, started here, serves the whole run. Each throughput scenario runs Sendports
 * and each of its baselines on the same records, in rounds whose order alternates ({@link ScenarioRounds}).
 * Every contender runs in its own JVM ({@link JavaProcess}); this JVM holds the broker and the observers.
 *
 * <p>Then the {@linkplain MeasuredScenario measured scenarios} (latency, control plane) run one after the other, each
 * with a Sendports process of its own (or the shared one) that it drives itself.
 */
public final class Benchmark {
    static final int PARTITIONS = 4;

    private final Scale scale;
    private final Path outputDir;
    private final Selection selection;
    private final boolean sharedSendports;

    /**
     * @param sharedSendports one Sendports process for all scenarios (each with its own new port), instead of a
     *                        new process per round of a scenario; saves a start-up per scenario, for smoke runs
     */
    public Benchmark(Scale scale, Path outputDir, Selection selection, boolean sharedSendports) {
        this.scale = scale;
        this.outputDir = outputDir.toAbsolutePath();
        this.selection = selection;
        this.sharedSendports = sharedSendports;
    }

    /** The scenarios a run runs: throughput scenarios first, then measured ones, each in the order of {@link Scenarios}. */
    public record Selection(List<Scenario> throughput, List<MeasuredScenario> measured) {

        public static Selection all() {
            return new Selection(Scenarios.all(), Scenarios.measured());
        }

        public int size() {
            return throughput.size() + measured.size();
        }

        /** Every id a run can select. */
        static List<String> ids() {
            Selection all = all();
            return Stream.concat(all.throughput.stream().map(Scenario::id), all.measured.stream().map(MeasuredScenario::id))
                    .toList();
        }
    }

    /** As set by {@code -Dbench.sendports=shared|per-scenario}; per scenario by default. */
    public static boolean sharedSendportsFromSystemProperty() {
        return System.getProperty("bench.sendports", "per-scenario").equals("shared");
    }

    /** Runs the benchmark as {@link BenchmarkRun} does, from the test class path (handy while working on it). */
    public static void main(String[] args) throws Exception {
        Report report = new Benchmark(Scale.fromSystemProperty(), Path.of("target", "bench"), selected(),
                sharedSendportsFromSystemProperty()).run();
        System.out.println(report.markdown());
    }

    /** The scenarios named in {@code -Dbench.only=id,id}, or all. */
    public static Selection selected() {
        String only = System.getProperty("bench.only", "").trim();
        if (only.isEmpty()) {
            return Selection.all();
        }
        Set<String> ids = Stream.of(only.split(",")).map(String::trim).collect(Collectors.toSet());
        Selection chosen = new Selection(
                Scenarios.all().stream().filter(s -> ids.contains(s.id())).toList(),
                Scenarios.measured().stream().filter(s -> ids.contains(s.id())).toList());
        if (chosen.size() != ids.size()) {
            throw new IllegalArgumentException("unknown scenario in bench.only=" + only + "; known: " + Selection.ids());
        }
        return chosen;
    }

    public Report run() throws Exception {
        // -Dbench.work-dir: where broker data and the destinations' files go (a tmpfs takes the disk out of it).
        Path work = Path.of(System.getProperty("bench.work-dir", outputDir.resolve("work").toString()))
                .toAbsolutePath();
        deleteRecursively(work);
        Files.createDirectories(work);
        List<ScenarioResult> results = new ArrayList<>();
        List<Measurement> measurements = new ArrayList<>();
        try (BenchCluster cluster = new BenchCluster(work.resolve("kafka"))) {
            SendportsService shared = sharedSendports
                    ? SendportsService.start(cluster.bootstrapServers(), "bench-control-" + UUID.randomUUID(), work, scale)
                    : null;
            try {
                ScenarioRounds rounds = new ScenarioRounds(cluster, work, scale, shared);
                for (Scenario scenario : selection.throughput()) {
                    results.add(rounds.run(scenario));
                }
                List<MeasuredScenario> measured = selection.measured();
                for (int i = 0; i < measured.size(); i++) {
                    measurements.add(measure(measured.get(i), cluster, work, shared, i < measured.size() - 1));
                }
            } finally {
                if (shared != null) {
                    shared.close();
                }
            }
        }
        Report report = new Report(scale, results, measurements, MachineInfo.collect());
        report.write(outputDir);
        if (!Boolean.getBoolean("bench.keep")) {
            deleteRecursively(work);
        }
        return report;
    }

    /** @param more whether other scenarios follow this one (in the shared Sendports process, when there is one) */
    private Measurement measure(MeasuredScenario scenario, BenchCluster cluster, Path work, SendportsService shared,
            boolean more) throws Exception {
        Path dir = Files.createDirectories(work.resolve(scenario.id()));
        String runId = scenario.id() + "-" + UUID.randomUUID().toString().substring(0, 8);
        say("Scenario %s", scenario.id());
        Measurement measurement;
        if (shared != null) {
            measurement = scenario.measure(new MeasuredRun(cluster, dir, runId, scale, shared, more));
        } else {
            try (SendportsService service = SendportsService.start(cluster.bootstrapServers(),
                    "bench-" + runId + "-control", dir, scale)) {
                measurement = scenario.measure(new MeasuredRun(cluster, dir, runId, scale, service, false));
            }
        }
        for (Figure figure : measurement.figures()) {
            say("  %s: Sendports %s%s", figure.name(), figure.format(figure.sendports()),
                    figure.baseline() == null ? "" : ", baseline " + figure.format(figure.baseline()));
        }
        if (!Boolean.getBoolean("bench.keep")) {
            deleteRecursively(dir);
        }
        return measurement;
    }

    /**
     * Writes every dirty page to disk before a contender starts, so that none pays for the writeback of what
     * ran before it (a file scenario writes hundreds of megabytes; the kernel flushes them later, while the
     * next contender creates its files).
     */
    static void settleDisks() throws IOException, InterruptedException {
        Process sync = new ProcessBuilder("sync").redirectErrorStream(true).start();
        if (!sync.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) {
            sync.destroyForcibly();
        }
    }

    private static final java.time.format.DateTimeFormatter TIME = java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    /** Progress on standard output, whatever logging the running JVM has set up. */
    static void say(String format, Object... args) {
        System.out.printf("[bench %s] %s%n", TIME.format(java.time.LocalTime.now()), String.format(java.util.Locale.ROOT, format, args));
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
