package io.sendports.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.sendports.testsupport.Browser;
import io.sendports.testsupport.TestUsers;

/**
 * The console's Send Ports view with 500 ports (issue 15), in Debian's headless Chromium: from the first byte of the
 * page to the end of its load event (every row rendered, htmx and the live-update stream started), read from the
 * browser's Navigation Timing. The baseline, in the same browser and run: the same 500 ports as JSON
 * ({@code GET /api/send-ports} by {@code fetch}, parsed). And a live update of one row: the bytes of the event that
 * carries a changed port, against the page's, and the time from the change to the row changed in the open page.
 *
 * <p>A service of its own (its own control topic) holds exactly the 500 ports, imported as one bindings file.
 * {@value #WARMUP} loads first are not timed, then {@value #LOADS}; {@value #CHANGES} changes of one port's
 * description. Targets: the view's load at most 1,000 ms at the median ({@code -Dbench.target.console.load}); a
 * live update carries one row. At smoke size, 20 ports, 2 loads and 2 changes.
 */
final class ConsoleScenario implements MeasuredScenario {
    private static final int WARMUP = 3;
    private static final int LOADS = 10;
    private static final int CHANGES = 20;
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    @Override
    public String id() {
        return "console";
    }

    @Override
    public String title() {
        return "console: the Send Ports view with 500 ports, and a live update";
    }

    @Override
    public Measurement measure(MeasuredRun run) throws Exception {
        Browser.assumeInstalled();
        boolean smoke = run.scale() == Scale.SMOKE;
        int count = smoke ? 20 : 500;
        int loads = smoke ? 2 : LOADS;
        int changes = smoke ? 2 : CHANGES;
        Path dir = Files.createDirectories(run.workDir().resolve("console-service"));
        try (SendportsService service = SendportsService.start(run.cluster().bootstrapServers(),
                run.name("console-control"), dir, run.scale());
                Browser browser = Browser.open(service.url("").replaceFirst("/$", ""))) {
            String topic = run.name("console-in");
            run.cluster().createTopic(topic, 1);
            Path out = Files.createDirectories(run.workDir().resolve("console-out"));
            StringBuilder bindings = new StringBuilder("{\"version\":1,\"sendPorts\":[");
            for (int i = 0; i < count; i++) {
                bindings.append(i == 0 ? "" : ",").append("{\"name\":\"").append(port(i)).append("\",\"kind\":\"static\","
                        + "\"pattern\":\"one-way\",\"subscription\":{\"topics\":[\"").append(topic).append("\"],\"filter\":"
                        + "[[{\"property\":\"region\",\"operator\":\"==\",\"value\":\"eu\"}]]},\"transport\":{\"type\":"
                        + "\"file\",\"address\":\"").append(ScenarioRun.fileAddress(out)).append("\"}}");
            }
            bindings.append("]}");
            HttpResponse<String> imported = service.call("POST", "/api/bindings", bindings.toString(), Map.of());
            if (imported.statusCode() != 200) {
                throw new IllegalStateException("import: HTTP " + imported.statusCode() + " " + imported.body());
            }
            browser.login(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);

            long shown = 0;
            long[] page = new long[loads];
            long[] json = new long[loads];
            int pageBytes = 0;
            for (int i = -WARMUP; i < loads; i++) {
                browser.go("/console/ports");
                long rows = (Long) browser.script("return document.querySelectorAll('#port-rows tr').length");
                shown = rows;
                double millis = ((Number) browser.script("const n = performance.getEntriesByType('navigation')[0];"
                        + "return n.loadEventEnd - n.responseStart")).doubleValue();
                if (i == loads - 1) {
                    Benchmark.say("  one load, from the first byte: %s", browser.script("const n = performance"
                            + ".getEntriesByType('navigation')[0]; return ['responseEnd', 'domInteractive',"
                            + " 'domContentLoadedEventEnd', 'loadEventEnd'].map(k => k + ' ' + Math.round(n[k] -"
                            + " n.responseStart) + ' ms').join(', ') + '; the server answered after '"
                            + " + Math.round(n.responseStart - n.requestStart) + ' ms'"));
                }
                pageBytes = ((Number) browser.script(
                        "return performance.getEntriesByType('navigation')[0].decodedBodySize")).intValue();
                double fetched = ((Number) browser.asyncScript("const done = arguments[arguments.length - 1];"
                        + "const t = performance.now(); fetch('/api/send-ports', {headers: {Accept: 'application/json'}})"
                        + ".then(r => r.json()).then(list => done(list.length === " + count
                        + " ? performance.now() - t : -1));")).doubleValue();
                if (fetched < 0) {
                    throw new IllegalStateException("the JSON list does not hold " + count + " ports");
                }
                if (i >= 0) {
                    page[i] = (long) (millis * 1_000_000);
                    json[i] = (long) (fetched * 1_000_000);
                }
            }
            Distribution view = new Distribution(page);
            Distribution list = new Distribution(json);
            Benchmark.say("  the view with %d ports: p50 %.0f ms, max %.0f ms (the JSON list: p50 %.0f ms); %,d bytes",
                    count, view.millis(0.5), view.maxMillis(), list.millis(0.5), pageBytes);

            // live updates: the stream's events, read here, and the row changing in the open page
            LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>();
            HttpClient client = HttpClient.newHttpClient();
            HttpRequest stream = HttpRequest.newBuilder(URI.create(service.url("/console/events?view=ports")))
                    .header("Authorization", TestUsers.admin()).header("Accept", "text/event-stream").build();
            var lines = client.sendAsync(stream, HttpResponse.BodyHandlers.ofLines()).get(10, TimeUnit.SECONDS).body();
            Thread reader = new Thread(() -> {
                try {
                    lines.forEach(line -> {
                        if (line.startsWith("data:")) {
                            events.add(line);
                        }
                    });
                } catch (java.io.UncheckedIOException closed) {
                    // the service stopped at the end of the scenario
                }
            }, "console-events");
            reader.setDaemon(true);
            reader.start();
            browser.go("/console/ports");
            long[] updates = new long[changes];
            int eventBytes = 0;
            int rowsPerEvent = 0;
            for (int i = 0; i < changes; i++) {
                String name = port(i % count);
                String description = "change " + i;
                HttpResponse<String> current = service.call("GET", "/api/send-ports/" + name, null, Map.of());
                var document = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(current.body());
                document.remove(List.of("state", "revision", "groups", "lastChangedBy", "lastChangedAt", "status"));
                document.put("description", description);
                String changed = JSON.writeValueAsString(document);
                events.clear();
                long begin = System.nanoTime();
                HttpResponse<String> put = service.call("PUT", "/api/send-ports/" + name, changed, Map.of());
                if (put.statusCode() != 200) {
                    throw new IllegalStateException("PUT: HTTP " + put.statusCode() + " " + put.body());
                }
                String revision = JSON.readTree(put.body()).path("revision").asText();
                browser.waitUntil(Duration.ofSeconds(10), d -> revision.equals(browser.script(
                        "const row = document.getElementById(arguments[0]); return row && row.dataset.revision",
                        "port-" + name)));
                updates[i] = System.nanoTime() - begin;
                StringBuilder event = new StringBuilder();
                for (String line = events.poll(5, TimeUnit.SECONDS); line != null; line = events.poll(50,
                        TimeUnit.MILLISECONDS)) {
                    event.append(line.substring(5)).append('\n');
                }
                eventBytes = Math.max(eventBytes, event.length());
                rowsPerEvent = Math.max(rowsPerEvent, event.toString().split("<tr ", -1).length - 1);
            }
            Distribution live = new Distribution(updates);
            Benchmark.say("  a live update: p50 %.0f ms, max %.0f ms from the change to the row; at most %d row(s), "
                    + "%,d bytes per event", live.millis(0.5), live.maxMillis(), rowsPerEvent, eventBytes);

            List<Figure> figures = new ArrayList<>(List.of(
                    new Figure("Send Ports view, " + count + " ports, first byte to load end, p50", "ms",
                            view.millis(0.5), list.millis(0.5),
                            Figure.Target.atMost("bench.target.console.load", 1000)),
                    Figure.of("Send Ports view, " + count + " ports, max", "ms", view.maxMillis(), list.maxMillis()),
                    Figure.of("Send Ports view ÷ the JSON list in the same browser, p50", "×",
                            view.millis(0.5) / list.millis(0.5), null),
                    Figure.of("page size", "bytes", pageBytes, null),
                    new Figure("live update, rows per event (one port changed)", "rows", rowsPerEvent, null,
                            Figure.Target.atMost("bench.target.console.rows-per-event", 1)),
                    Figure.of("live update, bytes per event (baseline: the whole page)", "bytes", eventBytes,
                            (double) pageBytes),
                    new Figure("live update, change to row changed in the page, p50", "ms", live.millis(0.5), null,
                            Figure.Target.atMost("bench.target.console.live", 2000)),
                    Figure.of("live update, change to row changed in the page, max", "ms", live.maxMillis(), null)));
            String setup = String.format(Locale.ROOT, "%d static file ports imported as one bindings file into a "
                    + "service of its own; Debian's headless Chromium %s; %d loads of /console/ports timed after %d, "
                    + "the baseline being fetch + JSON.parse of GET /api/send-ports in the same page; %d changes of one "
                    + "port's description by PUT, each timed until the open page shows it", count,
                    browser.script("return navigator.userAgent.match(/Chrome\\/[0-9.]+/)[0]"), loads, WARMUP, changes);
            return new Measurement(this, setup, figures, List.of(
                    new Measurement.Arrivals("rows in the Send Ports view", count, shown, 0),
                    new Measurement.Arrivals("live updates shown in the open page", changes, updates.length, 0)));
        }
    }

    private static String port(int i) {
        return String.format(Locale.ROOT, "console-port-%04d", i);
    }
}
