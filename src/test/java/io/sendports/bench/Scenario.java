package io.sendports.bench;

import io.sendports.bench.destination.Destination;

/**
 * A throughput scenario: a Sendports port and a baseline that move the same preloaded records from a source
 * topic to the same kind of destination. {@link Scenarios} lists them.
 */
public abstract class Scenario {
    private final String id;
    private final String title;
    private final long fullRecords;
    private final int recordSize;
    private final String baseline;

    protected Scenario(String id, String title, long fullRecords, int recordSize, String baseline) {
        this.id = id;
        this.title = title;
        this.fullRecords = fullRecords;
        this.recordSize = recordSize;
        this.baseline = baseline;
    }

    /**
     * A Sendports port's transport ({@code {"type":...}}) and the destination the scenario watches: where the
     * port delivers or, for a solicit-response port, the topic it publishes the responses to.
     *
     * @param responseTopic the response topic of a solicit-response port; null for a one-way port
     */
    public record SendportsSide(String transportJson, Destination destination, String responseTopic) {

        /** A one-way port. */
        public SendportsSide(String transportJson, Destination destination) {
            this(transportJson, destination, null);
        }

        /** The port's {@code pattern}. */
        public String pattern() {
            return responseTopic == null ? "one-way" : "solicit-response";
        }
    }

    /** A running baseline process and the destination it delivers to. */
    public record BaselineSide(JavaProcess process, Destination destination) {
    }

    /** Whether records carry {@code sendports.file-name}. */
    public boolean fileNameHeader() {
        return false;
    }

    /** Sets up Sendports' destination (a directory, a receiver, a topic) before its port is created. */
    public abstract SendportsSide sendports(ScenarioRun run) throws Exception;

    /** Sets up the baseline's own destination and starts the baseline, reading the source topic from its beginning. */
    public abstract BaselineSide baseline(ScenarioRun run) throws Exception;

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public long records(Scale scale) {
        return scale.records(fullRecords);
    }

    public int recordSize() {
        return recordSize;
    }

    public String baseline() {
        return baseline;
    }

    /**
     * The ratio Sendports / baseline this scenario should reach, from {@code -Dbench.target.<id>=0.8}, else the
     * scenario's {@link #defaultTarget()}; none (null) until one is agreed.
     */
    public Double target() {
        String value = System.getProperty("bench.target." + id);
        return value == null || value.isBlank() ? defaultTarget() : Double.valueOf(value);
    }

    /**
     * The target when no system property sets one. The first scenarios have theirs in the {@code bench} Maven
     * profile only; later ones carry issue 6's target here as well, so that it shows in every run.
     */
    protected Double defaultTarget() {
        return null;
    }
}
