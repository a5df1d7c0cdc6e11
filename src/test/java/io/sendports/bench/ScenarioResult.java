package io.sendports.bench;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * One scenario's figures: Sendports and each of its baselines on the same records, round by round
 * ({@code -Dbench.rounds}). Against each baseline the figures reported are those of the round with the median
 * ratio Sendports / that baseline (the lower of the two middle ones for an even count); every round is kept.
 */
public record ScenarioResult(Scenario scenario, long records, List<Round> rounds) {

    public ScenarioResult {
        rounds = List.copyOf(rounds);
        if (rounds.isEmpty()) {
            throw new IllegalArgumentException("a scenario result needs a round");
        }
    }

    /**
     * One round: the order the contenders ran in (Sendports as {@code sendports}, baselines by id) and what each
     * did, on the round's own source topic.
     */
    public record Round(int number, List<String> order, ContenderResult sendports, Map<String, ContenderResult> baselines) {

        public Round {
            order = List.copyOf(order);
            baselines = Map.copyOf(baselines);
        }

        public ContenderResult baseline(Baseline baseline) {
            return baselines.get(baseline.id());
        }

        public double ratio(Baseline baseline) {
            return ScenarioResult.ratio(sendports, baseline(baseline));
        }
    }

    /**
     * Sendports against one baseline: the median round's figures of both, the ratio of every round in the order
     * they ran, and the target (null when there is none).
     */
    public record Comparison(Baseline baseline, ContenderResult sendports, ContenderResult result, List<Double> roundRatios,
            Double target) {

        public Comparison {
            roundRatios = List.copyOf(roundRatios);
        }

        /** Sendports msg/s divided by the baseline's, in the median round. */
        public double ratio() {
            return ScenarioResult.ratio(sendports, result);
        }

        /** Whether the ratio reaches the target; null when there is none. */
        public Boolean met() {
            return target == null ? null : ratio() >= target;
        }
    }

    /** Sendports against each baseline, in the scenario's order of baselines. */
    public List<Comparison> comparisons() {
        return scenario.baselines().stream().map(this::comparison).toList();
    }

    public Comparison comparison(Baseline baseline) {
        Round median = rounds.stream().sorted(Comparator.comparingDouble(round -> round.ratio(baseline)))
                .toList().get((rounds.size() - 1) / 2);
        return new Comparison(baseline, median.sendports(), median.baseline(baseline),
                rounds.stream().map(round -> round.ratio(baseline)).toList(), scenario.target(baseline));
    }

    /** Against the first baseline, the one the scenario's target is about. */
    public Comparison first() {
        return comparison(scenario.baselines().get(0));
    }

    static double ratio(ContenderResult sendports, ContenderResult baseline) {
        return sendports.messagesPerSecond() / baseline.messagesPerSecond();
    }
}
