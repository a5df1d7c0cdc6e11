package io.sendports.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The benchmark harness at smoke size: every scenario runs with a few hundred records against the packaged
 * service and its baseline. It checks only that every figure was produced and every record arrived, never a
 * speed. Results go to {@code target/bench/smoke/}.
 */
class BenchSmokeIT {

    @Test
    void everyScenarioProducesItsFigures() throws Exception {
        Path out = Path.of("target", "bench", "smoke");
        List<Scenario> scenarios = Scenarios.all();
        // One Sendports process for all scenarios: a start-up per scenario would cost the smoke run half a minute.
        Report report = new Benchmark(Scale.SMOKE, out, scenarios, true).run();

        assertEquals(scenarios.size(), report.results().size());
        for (ScenarioResult result : report.results()) {
            String id = result.scenario().id();
            long records = result.scenario().records(Scale.SMOKE);
            assertEquals(records, result.records(), id);
            for (ContenderResult contender : List.of(result.sendports(), result.baseline())) {
                assertEquals(records, contender.distinct(), id + " " + contender.contender() + ": every record arrived");
                assertTrue(contender.messagesPerSecond() > 0 && Double.isFinite(contender.messagesPerSecond()),
                        id + " " + contender.contender() + ": a rate");
            }
            assertTrue(result.ratio() > 0 && Double.isFinite(result.ratio()), id + ": a ratio");
        }
        assertTrue(Files.readString(out.resolve("results.json")).contains("\"scenarios\""));
        assertTrue(Files.readString(out.resolve("results.md")).contains("| scenario |"));
    }
}
