package io.sendports.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.sendports.testsupport.Browser;

/**
 * The benchmark harness at smoke size: every scenario runs with a few hundred records (the latency scenario a
 * fifth of a second of its load, the control plane ten ports, scale-out one round) against the packaged service and
 * its baseline. It
 * checks only that every figure was produced and every record arrived, never a speed or a target. Results go to
 * {@code target/bench/smoke/}.
 */
class BenchSmokeIT {

    @Test
    void everyScenarioProducesItsFigures() throws Exception {
        Path out = Path.of("target", "bench", "smoke");
        Benchmark.Selection scenarios = withoutSkippedConsole(Benchmark.Selection.all());
        // One Sendports process for all scenarios: a start-up per scenario would cost the smoke run half a minute.
        Report report = new Benchmark(Scale.SMOKE, out, scenarios, true).run();

        assertEquals(scenarios.throughput().size(), report.results().size());
        for (ScenarioResult result : report.results()) {
            String id = result.scenario().id();
            long records = result.scenario().records(Scale.SMOKE);
            assertEquals(records, result.records(), id);
            List<String> baselines = result.scenario().baselines().stream().map(Baseline::id).toList();
            assertFalse(result.rounds().isEmpty(), id + ": a round");
            for (ScenarioResult.Round round : result.rounds()) {
                assertEquals(Set.copyOf(baselines), round.baselines().keySet(), id + " round " + round.number() + ": every baseline ran");
                List<ContenderResult> contenders = new ArrayList<>(round.baselines().values());
                contenders.add(round.sendports());
                for (ContenderResult contender : contenders) {
                    assertEquals(records, contender.distinct(), id + " " + contender.contender() + ": every record arrived");
                    assertTrue(contender.messagesPerSecond() > 0 && Double.isFinite(contender.messagesPerSecond()),
                            id + " " + contender.contender() + ": a rate");
                }
            }
            for (ScenarioResult.Comparison comparison : result.comparisons()) {
                String against = id + " against " + comparison.baseline().id();
                assertTrue(comparison.ratio() > 0 && Double.isFinite(comparison.ratio()), against + ": a ratio");
                assertEquals(result.rounds().size(), comparison.roundRatios().size(), against + ": a ratio per round");
            }
        }

        assertEquals(scenarios.measured().size(), report.measurements().size());
        for (Measurement measurement : report.measurements()) {
            String id = measurement.scenario().id();
            assertFalse(measurement.figures().isEmpty(), id + ": figures");
            for (Figure figure : measurement.figures()) {
                assertTrue(figure.sendports() >= 0 && Double.isFinite(figure.sendports()), id + " " + figure.name());
                assertTrue(!figure.unit().equals("msg/s") || figure.sendports() > 0, id + " " + figure.name() + ": a rate");
                assertTrue(figure.rounds().stream().allMatch(round -> round >= 0 && Double.isFinite(round)),
                        id + " " + figure.name() + " (rounds)");
                assertTrue(figure.baseline() == null || figure.baseline() >= 0 && Double.isFinite(figure.baseline()),
                        id + " " + figure.name() + " (baseline)");
            }
            assertFalse(measurement.arrivals().isEmpty(), id + ": arrivals");
            for (Measurement.Arrivals arrivals : measurement.arrivals()) {
                assertTrue(arrivals.expected() > 0, id + " " + arrivals.contender() + ": messages sent");
                assertEquals(arrivals.expected(), arrivals.distinct(), id + " " + arrivals.contender() + ": every message arrived");
            }
        }
        // scale-out measured each transport with three instances too, in the one round of a smoke run
        for (String rate : List.of("file append, 3 instances", "http one-way, 3 instances")) {
            assertTrue(report.measurements().stream().filter(measurement -> measurement.scenario().id().equals("scale-out"))
                    .flatMap(measurement -> measurement.figures().stream())
                    .anyMatch(figure -> figure.name().equals(rate) && figure.rounds().size() == 1), "scale-out: " + rate);
        }
        assertTrue(Files.readString(out.resolve("results.json")).contains("\"scenarios\""));
        String markdown = Files.readString(out.resolve("results.md"));
        assertTrue(markdown.contains("| scenario | baseline | records |"));
        assertTrue(scenarios.measured().isEmpty() || markdown.contains("| scenario | figure |"));
        // every baseline has its line in results.md and its figures, round by round, in results.json
        String json = Files.readString(out.resolve("results.json"));
        assertTrue(json.contains("\"baselines\"") && json.contains("\"rounds\""));
        for (Scenario scenario : scenarios.throughput()) {
            for (Baseline baseline : scenario.baselines()) {
                assertTrue(markdown.contains("(`" + baseline.id() + "`)"), scenario.id() + ": a line for " + baseline.id());
            }
        }
    }

    /**
     * The scenarios without the console's where its browser is missing and not required: its skip would abort this
     * whole test, so that nothing would be checked, not even the scenarios that ran before it.
     */
    private static Benchmark.Selection withoutSkippedConsole(Benchmark.Selection all) {
        if (!Browser.skipsHere()) {
            return all;
        }
        System.out.println("BenchSmokeIT: no browser here, the console scenario is left out");
        return new Benchmark.Selection(all.throughput(),
                all.measured().stream().filter(scenario -> !(scenario instanceof ConsoleScenario)).toList());
    }
}
