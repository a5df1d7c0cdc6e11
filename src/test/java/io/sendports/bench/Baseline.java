package io.sendports.bench;

/**
 * One baseline of a throughput scenario: what Sendports is compared with, on the same records in the same round.
 * A scenario has one or more; its first is the one {@code -Dbench.target.<scenario>} applies to.
 *
 * @param id            short and stable, used in results, targets ({@code -Dbench.target.<scenario>.<id>}), logs
 * @param description   what it is, for the report
 * @param defaultTarget the ratio Sendports / this baseline should reach when no system property sets one; null for none
 * @param starter       sets up the baseline's destination and starts it on a round's records
 */
public record Baseline(String id, String description, Double defaultTarget, Starter starter) {

    /** Sets up a baseline's own destination and starts the baseline, reading the source topic from its beginning. */
    @FunctionalInterface
    public interface Starter {
        Scenario.BaselineSide start(ScenarioRun run) throws Exception;
    }

    /** A baseline reported for information, without a target unless a system property sets one. */
    public static Baseline of(String id, String description, Starter starter) {
        return new Baseline(id, description, null, starter);
    }
}
