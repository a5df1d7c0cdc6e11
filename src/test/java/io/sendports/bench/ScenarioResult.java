package io.sendports.bench;

import java.util.List;

/**
 * One scenario's figures: Sendports and its baseline on the same records in the same run. With several rounds
 * ({@code -Dbench.rounds}) these are the figures of the round with the median ratio, and {@code roundRatios}
 * holds every round's ratio in the order they ran.
 */
public record ScenarioResult(Scenario scenario, long records, ContenderResult sendports, ContenderResult baseline,
        List<Double> roundRatios) {

    public ScenarioResult {
        roundRatios = List.copyOf(roundRatios);
    }

    /** Sendports msg/s divided by the baseline's. */
    public double ratio() {
        return ratio(sendports, baseline);
    }

    static double ratio(ContenderResult sendports, ContenderResult baseline) {
        return sendports.messagesPerSecond() / baseline.messagesPerSecond();
    }

    /** Whether the ratio reaches the scenario's target; null when it has none. */
    public Boolean met() {
        Double target = scenario.target();
        return target == null ? null : ratio() >= target;
    }
}
