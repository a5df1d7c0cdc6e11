package io.sendports.bench;

import java.util.List;

import io.sendports.bench.destination.Destination;

/**
 * A throughput scenario: a Sendports port and one or more {@linkplain Baseline baselines} that move the same
 * preloaded records from a source topic to the same kind of destination. {@link Scenarios} lists them.
 */
public abstract class Scenario {
    private final String id;
    private final String title;
    private final long fullRecords;
    private final int recordSize;

    protected Scenario(String id, String title, long fullRecords, int recordSize) {
        this.id = id;
        this.title = title;
        this.fullRecords = fullRecords;
        this.recordSize = recordSize;
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

        /** Starts a baseline's process for a destination already set up; closes the destination if that fails. */
        public static BaselineSide start(Destination destination, ProcessStart start) throws Exception {
            try {
                return new BaselineSide(start.start(), destination);
            } catch (Exception e) {
                destination.close();
                throw e;
            }
        }
    }

    /** Starts a contender's process. */
    @FunctionalInterface
    public interface ProcessStart {
        JavaProcess start() throws Exception;
    }

    /** Whether records carry {@code sendports.file-name}. */
    public boolean fileNameHeader() {
        return false;
    }

    /** Sets up Sendports' destination (a directory, a receiver, a topic) before its port is created. */
    public abstract SendportsSide sendports(ScenarioRun run) throws Exception;

    /** The baselines, the one the scenario's own target applies to first; at least one. */
    public abstract List<Baseline> baselines();

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

    /**
     * The ratio Sendports / {@code baseline} this scenario should reach: from
     * {@code -Dbench.target.<id>.<baseline id>=1.2}, for the first baseline also from {@code -Dbench.target.<id>},
     * else the baseline's {@linkplain Baseline#defaultTarget() default}; none (null) until one is agreed. The
     * {@code bench} Maven profile sets the targets of the issues; a run outside it (the smoke test) has the
     * defaults only.
     */
    public Double target(Baseline baseline) {
        String value = System.getProperty("bench.target." + id + "." + baseline.id());
        if ((value == null || value.isBlank()) && baseline.id().equals(baselines().get(0).id())) {
            value = System.getProperty("bench.target." + id);
        }
        return value == null || value.isBlank() ? baseline.defaultTarget() : Double.valueOf(value);
    }
}
