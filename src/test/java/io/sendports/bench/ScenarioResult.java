package io.sendports.bench;

/** One scenario's figures: Sendports and its baseline on the same records in the same run. */
public record ScenarioResult(Scenario scenario, long records, ContenderResult sendports, ContenderResult baseline) {

    /** Sendports msg/s divided by the baseline's. */
    public double ratio() {
        return sendports.messagesPerSecond() / baseline.messagesPerSecond();
    }

    /** Whether the ratio reaches the scenario's target; null when it has none. */
    public Boolean met() {
        Double target = scenario.target();
        return target == null ? null : ratio() >= target;
    }
}
