package io.sendports.bench;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A bindings import of many ports (issue 14): {@code POST /api/bindings} with 500 new static one-way file ports,
 * timed from the request until its answer, against the baseline of the same 500 ports created one
 * {@code POST /api/send-ports} after the other, on the same service in the same run. The import writes its control
 * records as one batch; the baseline makes a round trip per port. Target: the import at most 30 s
 * ({@code -Dbench.target.bindings-import}). At smoke size, 10 ports.
 */
final class BindingsImportScenario implements MeasuredScenario {

    @Override
    public String id() {
        return "bindings-import";
    }

    @Override
    public String title() {
        return "bindings import of 500 ports";
    }

    @Override
    public Measurement measure(MeasuredRun run) throws Exception {
        int count = run.scale() == Scale.SMOKE ? 10 : 500;
        SendportsService service = run.sendports();
        Path out = Files.createDirectories(run.workDir().resolve("out"));
        String topic = run.name("bindings-in");
        run.cluster().createTopic(topic, 1);
        List<String> imported = new ArrayList<>();
        List<String> created = new ArrayList<>();
        StringBuilder bindings = new StringBuilder("{\"version\":1,\"sendPorts\":[");
        for (int i = 0; i < count; i++) {
            imported.add(run.name(String.format(Locale.ROOT, "imported-%04d", i)));
            created.add(run.name(String.format(Locale.ROOT, "created-%04d", i)));
            bindings.append(i == 0 ? "" : ",").append(port(imported.get(i), topic, out));
        }
        bindings.append("]}");

        long begin = System.nanoTime();
        HttpResponse<String> answer = service.call("POST", "/api/bindings", bindings.toString(), Map.of());
        double importSeconds = (System.nanoTime() - begin) / 1e9;
        if (answer.statusCode() != 200 || count(answer.body(), "\"created\"") != count) {
            throw new IllegalStateException("the import did not create every port: HTTP " + answer.statusCode() + " "
                    + answer.body().substring(0, Math.min(500, answer.body().length())));
        }
        Benchmark.say("  %d ports imported in %.1f s", count, importSeconds);

        begin = System.nanoTime();
        for (String name : created) {
            service.createPort(port(name, topic, out));
        }
        double oneByOne = (System.nanoTime() - begin) / 1e9;
        Benchmark.say("  the same %d ports created one POST after the other in %.1f s", count, oneByOne);

        long listed = count(service.call("GET", "/api/bindings", null, Map.of()).body(), "\"name\" : \"" + run.name(""));
        if (run.sendportsSharedWithLater()) {
            for (String name : imported) {
                service.call("DELETE", "/api/send-ports/" + name, null, Map.of());
            }
            for (String name : created) {
                service.call("DELETE", "/api/send-ports/" + name, null, Map.of());
            }
        }
        List<Figure> figures = List.of(
                new Figure("import of " + count + " ports", "s", importSeconds, oneByOne,
                        Figure.Target.atMost("bench.target.bindings-import", 30)),
                Figure.of("import ÷ the same ports created one by one", "×", importSeconds / oneByOne, null));
        String setup = String.format(Locale.ROOT, "%d new static one-way file ports in one POST /api/bindings; the "
                + "baseline creates the same number with one POST /api/send-ports each, one after the other", count);
        return new Measurement(this, setup, figures,
                List.of(new Measurement.Arrivals("exported after the import", 2L * count, listed, 0)));
    }

    private static String port(String name, String topic, Path out) {
        return "{\"name\":\"" + name + "\",\"kind\":\"static\",\"pattern\":\"one-way\",\"subscription\":{\"topics\":[\""
                + topic + "\"]},\"transport\":{\"type\":\"file\",\"address\":\"" + ScenarioRun.fileAddress(out) + "\"}}";
    }

    private static long count(String text, String what) {
        long found = 0;
        for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + what.length())) {
            found++;
        }
        return found;
    }
}
