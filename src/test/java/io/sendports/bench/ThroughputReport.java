package io.sendports.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The throughput scenarios' part of {@link Report}. One row per scenario and baseline: Sendports' and the baseline's
 * rate in the round with the median ratio against that baseline, the ratio, every round's ratio, the target. Then,
 * when a scenario ran more than one round, every round's rate of every contender in the order they ran.
 */
final class ThroughputReport {
    private ThroughputReport() {
    }

    /**
     * A scenario for {@code results.json}. The top-level {@code sendports}, {@code baseline}, {@code ratio},
     * {@code roundRatios}, {@code target} and {@code met} are about the first baseline, as they were before a
     * scenario had several; {@code baselines} holds them for each, and {@code rounds} every round's figures.
     */
    static Map<String, Object> json(ScenarioResult result) {
        Map<String, Object> scenario = new LinkedHashMap<>();
        scenario.put("id", result.scenario().id());
        scenario.put("title", result.scenario().title());
        scenario.put("records", result.records());
        scenario.put("recordBytes", result.scenario().recordSize());
        scenario.put("partitions", Benchmark.PARTITIONS);
        ScenarioResult.Comparison first = result.first();
        scenario.put("sendports", contender(first.sendports()));
        scenario.put("baseline", named(first));
        scenario.put("ratio", Report.round(first.ratio(), 3));
        scenario.put("roundRatios", ratios(first));
        scenario.put("target", first.target());
        scenario.put("met", first.met());
        scenario.put("baselines", result.comparisons().stream().map(ThroughputReport::comparison).toList());
        scenario.put("rounds", result.rounds().stream().map(ThroughputReport::round).toList());
        return scenario;
    }

    private static Map<String, Object> comparison(ScenarioResult.Comparison comparison) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", comparison.baseline().id());
        map.put("name", comparison.baseline().description());
        map.put("result", contender(comparison.result()));
        map.put("sendports", contender(comparison.sendports()));
        map.put("ratio", Report.round(comparison.ratio(), 3));
        map.put("roundRatios", ratios(comparison));
        map.put("target", comparison.target());
        map.put("met", comparison.met());
        return map;
    }

    private static Map<String, Object> round(ScenarioResult.Round round) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("round", round.number());
        map.put("order", round.order());
        map.put("sendports", contender(round.sendports()));
        Map<String, Object> baselines = new LinkedHashMap<>();
        for (String id : round.order()) {
            if (round.baselines().containsKey(id)) {
                baselines.put(id, contender(round.baselines().get(id)));
            }
        }
        map.put("baselines", baselines);
        return map;
    }

    /** The first baseline's figures with its name, as {@code results.json} had them before. */
    private static Map<String, Object> named(ScenarioResult.Comparison comparison) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", comparison.baseline().id());
        map.put("name", comparison.baseline().description());
        map.putAll(contender(comparison.result()));
        return map;
    }

    private static List<Double> ratios(ScenarioResult.Comparison comparison) {
        return comparison.roundRatios().stream().map(ratio -> Report.round(ratio, 3)).toList();
    }

    private static Map<String, Object> contender(ContenderResult result) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("messagesPerSecond", Report.round(result.messagesPerSecond(), 1));
        map.put("seconds", Report.round(result.elapsed().toNanos() / 1e9, 3));
        map.put("timedRecords", result.timed());
        map.put("wholeRunPerSecond", Report.round(result.wholeRunPerSecond(), 1));
        map.put("arrived", result.distinct());
        map.put("duplicates", result.duplicates());
        map.put("timedBy", result.timedBy());
        return map;
    }

    static void markdown(StringBuilder md, List<ScenarioResult> results) {
        md.append("\n## Throughput\n\n");
        md.append("| scenario | baseline | records | Sendports msg/s | baseline msg/s | ratio | target | met? |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---|\n");
        for (ScenarioResult result : results) {
            for (ScenarioResult.Comparison comparison : result.comparisons()) {
                Double target = comparison.target();
                Boolean met = comparison.met();
                md.append("| ").append(result.scenario().title())
                        .append(" | ").append(comparison.baseline().description())
                        .append(" (`").append(comparison.baseline().id()).append("`)")
                        .append(" | ").append(String.format(Locale.ROOT, "%,d", result.records()))
                        .append(" | ").append(rate(comparison.sendports()))
                        .append(" | ").append(rate(comparison.result()))
                        .append(" | ").append(String.format(Locale.ROOT, "%.2f", comparison.ratio()))
                        .append(comparison.roundRatios().size() < 2 ? "" : " (median of " + comparison.roundRatios().stream()
                                .map(ratio -> String.format(Locale.ROOT, "%.2f", ratio)).toList() + ")")
                        .append(" | ").append(target == null ? "not set" : String.format(Locale.ROOT, "≥ %.2f", target))
                        .append(" | ").append(met == null ? "n/a" : met ? "yes" : "no")
                        .append(" |\n");
            }
        }
        md.append("\nEvery record arrived at every destination (checked by sequence number before reporting). Against each"
                + " baseline, both rates are those of the round with the median ratio. A rate leaves out the contender's"
                + " first arrivals, its warm-up (`bench.warm-up`: a fifth of the records by default), and times the rest;"
                + " the rounds' table gives the rate over the whole run beside it.\n");
        if (results.stream().anyMatch(result -> result.rounds().size() > 1)) {
            rounds(md, results);
        }
    }

    /** Every round's rates, each contender in the order it ran. */
    private static void rounds(StringBuilder md, List<ScenarioResult> results) {
        md.append("\n### Every round (msg/s after the warm-up, in the order they ran)\n\n");
        md.append("| scenario | round | contenders |\n");
        md.append("|---|---:|---|\n");
        for (ScenarioResult result : results) {
            for (ScenarioResult.Round round : result.rounds()) {
                List<String> rates = round.order().stream().map(id -> {
                    ContenderResult contender = id.equals(ScenarioRounds.SENDPORTS) ? round.sendports()
                            : round.baselines().get(id);
                    return id + " " + rate(contender) + (contender.timed() == contender.records() ? ""
                            : String.format(Locale.ROOT, " (whole run %,.0f)", contender.wholeRunPerSecond()));
                }).toList();
                md.append("| ").append(result.scenario().title()).append(" | ").append(round.number())
                        .append(" | ").append(String.join(", ", rates)).append(" |\n");
            }
        }
    }

    private static String rate(ContenderResult result) {
        return String.format(Locale.ROOT, "%,.0f", result.messagesPerSecond());
    }
}
