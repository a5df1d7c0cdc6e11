package io.sendports.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * A benchmark's figures, written as {@code results.json} and as Markdown tables in {@code results.md}: one row per
 * throughput scenario ({@code scenarios}), one row per figure of each measured scenario ({@code measured}).
 */
public record Report(Scale scale, List<ScenarioResult> results, List<Measurement> measurements, MachineInfo machine) {

    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Files.writeString(dir.resolve("results.json"), json.writeValueAsString(toMap()) + "\n");
        Files.writeString(dir.resolve("results.md"), markdown());
    }

    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("generated", Instant.now().toString());
        map.put("scale", scale.json());
        map.put("machine", machine.toMap());
        map.put("scenarios", results.stream().map(ThroughputReport::json).toList());
        List<Map<String, Object>> measured = new ArrayList<>();
        for (Measurement measurement : measurements) {
            Map<String, Object> scenario = new LinkedHashMap<>();
            scenario.put("id", measurement.scenario().id());
            scenario.put("title", measurement.scenario().title());
            scenario.put("setup", measurement.setup());
            List<Map<String, Object>> figures = new ArrayList<>();
            for (Figure figure : measurement.figures()) {
                figures.add(figure(figure));
            }
            scenario.put("figures", figures);
            List<Map<String, Object>> arrivals = new ArrayList<>();
            for (Measurement.Arrivals contender : measurement.arrivals()) {
                Map<String, Object> arrived = new LinkedHashMap<>();
                arrived.put("contender", contender.contender());
                arrived.put("expected", contender.expected());
                arrived.put("arrived", contender.distinct());
                arrived.put("duplicates", contender.duplicates());
                arrivals.add(arrived);
            }
            scenario.put("arrivals", arrivals);
            measured.add(scenario);
        }
        map.put("measured", measured);
        return map;
    }

    private static Map<String, Object> figure(Figure figure) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", figure.name());
        map.put("unit", figure.unit());
        map.put("sendports", round(figure.sendports(), 3));
        map.put("baseline", figure.baseline() == null ? null : round(figure.baseline(), 3));
        if (figure.target() == null) {
            map.put("target", null);
        } else {
            map.put("target", Map.of(figure.target().atMost() ? "atMost" : "atLeast", figure.target().limit()));
        }
        map.put("met", figure.met());
        if (!figure.rounds().isEmpty()) {
            map.put("rounds", figure.rounds().stream().map(value -> round(value, 3)).toList());
        }
        return map;
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Sendports benchmark (").append(scale.json()).append(" run)\n");
        if (!results.isEmpty()) {
            ThroughputReport.markdown(md, results);
        }
        if (!measurements.isEmpty()) {
            measured(md);
        }
        md.append("\nMachine: ").append(machine.cores()).append(" cores (").append(machine.cpu()).append("), ")
                .append(machine.memoryMiB()).append(" MiB; ").append(machine.os()).append("; ").append(machine.jvm())
                .append("; contender JVM options `").append(machine.jvmOptions()).append("`.\n");
        if (scale == Scale.SMOKE) {
            md.append("\nSmoke sizes: these figures only show that the harness works, not how fast anything is.\n");
        }
        return md.toString();
    }

    private void measured(StringBuilder md) {
        md.append("\n## Latency and control plane\n\n");
        md.append("| scenario | figure | Sendports | baseline | target | met? |\n");
        md.append("|---|---|---:|---:|---:|---|\n");
        for (Measurement measurement : measurements) {
            for (Figure figure : measurement.figures()) {
                Boolean met = figure.met();
                md.append("| ").append(measurement.scenario().title())
                        .append(" | ").append(figure.name())
                        .append(" | ").append(figure.format(figure.sendports()))
                        .append(figure.rounds().size() < 2 ? "" : " (median of " + figure.rounds().stream()
                                .map(figure::number).toList() + ")")
                        .append(" | ").append(figure.baseline() == null ? "–" : figure.format(figure.baseline()))
                        .append(" | ").append(figure.target() == null ? "" : figure.target().describe(figure))
                        .append(" | ").append(met == null ? "" : met ? "yes" : "no")
                        .append(" |\n");
            }
        }
        md.append('\n');
        for (Measurement measurement : measurements) {
            md.append("- **").append(measurement.scenario().id()).append("**: ").append(measurement.setup()).append('\n');
        }
        md.append("\nEvery message whose delivery was timed arrived (checked before reporting).\n");
    }

    static double round(double value, int decimals) {
        double factor = Math.pow(10, decimals);
        return Math.round(value * factor) / factor;
    }
}
