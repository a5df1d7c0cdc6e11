package io.sendports.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * The benchmark itself, run only by the {@code bench} Maven profile ({@code ./mvnw -B -Pbench verify}), after
 * the service was packaged. Full sizes unless {@code -Dbench.scale=smoke}; {@code -Dbench.only=id,...} picks
 * scenarios. Results go to {@code target/bench/}.
 */
class BenchmarkRun {

    @Test
    void throughput() throws Exception {
        Benchmark benchmark = new Benchmark(Scale.fromSystemProperty(), Path.of("target", "bench"), Benchmark.selected(),
                Benchmark.sharedSendportsFromSystemProperty());
        Report report = benchmark.run();
        System.out.println(report.markdown());
        assertEquals(Benchmark.selected().size(), report.results().size() + report.measurements().size());
    }
}
