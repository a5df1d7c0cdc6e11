package io.sendports.bench;

import java.util.List;
import java.util.Locale;

/**
 * One named figure of a {@link MeasuredScenario}: Sendports' value, the baseline's under the same load when the
 * scenario has a baseline, and the target Sendports' value is held to, if any. A figure measured in several rounds
 * is their median, and keeps every round's value in the order they ran.
 *
 * @param baseline null when there is no baseline for this figure
 * @param target   null when the figure is reported for information only
 * @param rounds   each round's value when {@code sendports} is their median; empty for a figure measured once
 */
public record Figure(String name, String unit, double sendports, Double baseline, Target target, List<Double> rounds) {

    public Figure {
        rounds = List.copyOf(rounds);
    }

    public Figure(String name, String unit, double sendports, Double baseline, Target target) {
        this(name, unit, sendports, baseline, target, List.of());
    }

    /** A figure for information, without a target. */
    public static Figure of(String name, String unit, double sendports, Double baseline) {
        return new Figure(name, unit, sendports, baseline, null);
    }

    /** The median of several rounds, for information, with every round kept. */
    public static Figure median(String name, String unit, List<Double> rounds) {
        return new Figure(name, unit, median(rounds), null, null, rounds);
    }

    /** The middle value; the mean of the two middle ones for an even count. */
    static double median(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no rounds");
        }
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    /** Whether Sendports' value meets the target; null when there is none. */
    public Boolean met() {
        return target == null ? null : target.met(sendports);
    }

    /** A value with its unit, as the Markdown table shows it. */
    public String format(double value) {
        return number(value) + (unit.isEmpty() ? "" : " " + unit);
    }

    /** A value without its unit, to three significant digits or as a whole number. */
    public String number(double value) {
        String pattern = Math.abs(value) >= 100 ? "%,.0f" : Math.abs(value) >= 10 ? "%.1f" : "%.2f";
        return String.format(Locale.ROOT, pattern, value);
    }

    /**
     * A limit a figure must not cross: at most ({@code ≤}) or at least ({@code ≥}) {@code limit}, in the figure's
     * unit.
     */
    public record Target(double limit, boolean atMost) {

        /**
         * The limit from the system property {@code property} when it is set, else {@code issueDefault} (issue 6's
         * figure, built in because the {@code bench} profile does not set these).
         */
        public static Target atMost(String property, double issueDefault) {
            return new Target(limit(property, issueDefault), true);
        }

        /** At least ({@code ≥}) {@code limit}, or what {@code property} says. */
        public static Target atLeast(String property, double issueDefault) {
            return new Target(limit(property, issueDefault), false);
        }

        private static double limit(String property, double issueDefault) {
            String value = System.getProperty(property);
            return value == null || value.isBlank() ? issueDefault : Double.parseDouble(value);
        }

        public boolean met(double value) {
            return atMost ? value <= limit : value >= limit;
        }

        public String describe(Figure figure) {
            return (atMost ? "≤ " : "≥ ") + figure.format(limit);
        }
    }
}
