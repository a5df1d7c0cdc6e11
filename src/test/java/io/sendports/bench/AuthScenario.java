package io.sendports.bench;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.sendports.bench.destination.AppendedFile;
import io.sendports.testsupport.TestUsers;

/**
 * What authentication costs (issue 13): one port's {@code GET /api/send-ports/{name}} timed against the same packaged
 * service started with {@code sendports.security.benchmark-without-authentication} (the baseline: no request is
 * authenticated or authorized, nothing else differs), and the time of a form login whose password check is not
 * remembered, that is one bcrypt verification.
 *
 * <ol>
 * <li>Both services run side by side on the benchmark's broker, each with the same unenlisted file port.</li>
 * <li>The GETs go one after the other from this JVM's HTTP client, in {@value #BLOCKS} blocks of
 * {@value #PER_BLOCK} per way of calling (without credentials to the baseline; HTTP Basic, whose check the service
 * remembers after the first; the session cookie of a form login), the three ways taking turns block by block, so
 * that a slow spell of the shared machine falls on all three. {@value #WARMUP} calls per way first are not timed.</li>
 * <li>Logins: {@code POST /console/login} once for each of {@value #LOGINS} users made for it, so that no check is
 * remembered.</li>
 * <li>Delivery: a file-append port on each service drains the same number of waiting records (1,000,000 × 200 B on
 * a 4-partition topic), the two in turn, twice in opposite orders; reported for information, as authentication is
 * not on the delivery path.</li>
 * </ol>
 * Targets: the p50 with Basic and with the session at most 1.10 times the baseline's
 * ({@code -Dbench.target.auth.get}); a login's p50 between 50 and 250 ms ({@code -Dbench.target.auth.login-min},
 * {@code .login-max}). At smoke size there are 2 blocks of 50, 50 warm-up calls and 3 logins.
 */
final class AuthScenario implements MeasuredScenario {
    private static final int BLOCKS = 20;
    private static final int PER_BLOCK = 250;
    private static final int WARMUP = 1_000;
    private static final int LOGINS = 20;
    private static final String PASSWORD = "bench-login-password";
    private static final Map<String, String> NO_CREDENTIALS = Map.of("Authorization", "");
    private static final int RECORD_SIZE = 200;
    private static final int PARTITIONS = 4;

    @Override
    public String id() {
        return "auth";
    }

    @Override
    public String title() {
        return "authentication: one port's GET against the service without authentication, and a login";
    }

    @Override
    public Measurement measure(MeasuredRun run) throws Exception {
        boolean smoke = run.scale() == Scale.SMOKE;
        int blocks = smoke ? 2 : BLOCKS;
        int perBlock = smoke ? 50 : PER_BLOCK;
        int warmup = smoke ? 50 : WARMUP;
        int logins = smoke ? 3 : LOGINS;
        SendportsService secured = run.sendports();
        Path openDir = Files.createDirectories(run.workDir().resolve("without-authentication"));
        try (SendportsService open = SendportsService.start(run.cluster().bootstrapServers(), run.name("open-control"),
                openDir, run.scale(), List.of("-Dsendports.security.benchmark-without-authentication=true",
                        "-Dquarkus.http.host=127.0.0.1"))) {
            String port = run.name("auth-port");
            String definition = "{\"name\":\"" + port + "\",\"kind\":\"static\",\"pattern\":\"one-way\","
                    + "\"subscription\":{\"topics\":[\"" + run.name("auth-in") + "\"]},\"transport\":{\"type\":\"file\","
                    + "\"address\":\"" + ScenarioRun.fileAddress(Files.createDirectories(run.workDir().resolve("out")))
                    + "\"}}";
            secured.createPort(definition);
            expect(201, open.call("POST", "/api/send-ports", definition, NO_CREDENTIALS), "create the baseline's port");
            String path = "/api/send-ports/" + port;
            Map<String, String> session = Map.of("Authorization", "", "Cookie", login(secured, TestUsers.ADMIN,
                    TestUsers.ADMIN_PASSWORD).cookie());

            List<Way> ways = List.of(new Way(open, NO_CREDENTIALS), new Way(secured, Map.of()), new Way(secured, session));
            for (Way way : ways) {
                for (int i = 0; i < warmup; i++) {
                    way.get(path);
                }
            }
            long[][] nanos = new long[ways.size()][blocks * perBlock];
            for (int block = 0; block < blocks; block++) {
                for (int w = 0; w < ways.size(); w++) {
                    for (int i = 0; i < perBlock; i++) {
                        long begin = System.nanoTime();
                        ways.get(w).get(path);
                        nanos[w][block * perBlock + i] = System.nanoTime() - begin;
                    }
                }
            }
            Distribution baseline = new Distribution(nanos[0]);
            Distribution basic = new Distribution(nanos[1]);
            Distribution cookie = new Distribution(nanos[2]);
            Benchmark.say("  GET one port, p50: without authentication %.3f ms, Basic %.3f ms, session %.3f ms",
                    baseline.millis(0.5), basic.millis(0.5), cookie.millis(0.5));

            long[] loginNanos = new long[logins];
            for (int i = 0; i < logins; i++) {
                String user = run.name(String.format(Locale.ROOT, "user-%02d", i)).toLowerCase(Locale.ROOT);
                expect(201, secured.call("POST", "/api/users", "{\"name\":\"" + user + "\",\"roles\":[\"viewer\"],"
                        + "\"password\":\"" + PASSWORD + "\"}", Map.of()), "create user " + user);
                loginNanos[i] = login(secured, user, PASSWORD).nanos();
            }
            Distribution login = new Distribution(loginNanos);
            Benchmark.say("  a login (one bcrypt check): p50 %.0f ms, max %.0f ms", login.millis(0.5), login.maxMillis());

            // delivery: the same file-append port on each service, draining the same number of waiting records, in
            // turn, twice in opposite orders (authentication is not on the delivery path: this shows it)
            long records = run.scale().records(1_000_000);
            double[] rates = new double[2];
            long[] distinct = new long[2];
            for (int round = 1; round <= 2; round++) {
                List<SendportsService> order = round == 1 ? List.of(open, secured) : List.of(secured, open);
                for (SendportsService service : order) {
                    int side = service == secured ? 1 : 0;
                    ContenderResult result = drain(run, service, round + "-" + side, records);
                    rates[side] += result.messagesPerSecond();
                    distinct[side] += result.distinct();
                }
            }
            Benchmark.say("  delivery, file append: with authentication %,.0f msg/s, without %,.0f msg/s",
                    rates[1] / 2, rates[0] / 2);

            Figure.Target get = Figure.Target.atMost("bench.target.auth.get", 1.10);
            List<Figure> figures = new ArrayList<>(List.of(
                    Figure.of("GET one port, HTTP Basic (check remembered), p50", "ms", basic.millis(0.5),
                            baseline.millis(0.5)),
                    new Figure("GET one port, HTTP Basic ÷ without authentication, p50", "×",
                            basic.millis(0.5) / baseline.millis(0.5), null, get),
                    Figure.of("GET one port, session cookie, p50", "ms", cookie.millis(0.5), baseline.millis(0.5)),
                    new Figure("GET one port, session cookie ÷ without authentication, p50", "×",
                            cookie.millis(0.5) / baseline.millis(0.5), null, get),
                    Figure.of("GET one port, HTTP Basic, p99", "ms", basic.millis(0.99), baseline.millis(0.99)),
                    Figure.of("GET one port, session cookie, p99", "ms", cookie.millis(0.99), baseline.millis(0.99)),
                    new Figure("login (form, one bcrypt check), p50, at most", "ms", login.millis(0.5), null,
                            Figure.Target.atMost("bench.target.auth.login-max", 250)),
                    new Figure("login (form, one bcrypt check), p50, at least", "ms", login.millis(0.5), null,
                            Figure.Target.atLeast("bench.target.auth.login-min", 50)),
                    Figure.of("login (form, one bcrypt check), max", "ms", login.maxMillis(), null),
                    Figure.of("delivery, file append, with ÷ without authentication", "×", rates[1] / rates[0], null),
                    Figure.of("delivery, file append, deliveries per second", "msg/s", rates[1] / 2, rates[0] / 2)));
            String setup = String.format(Locale.ROOT, "one unenlisted file port on each of two services from the same "
                    + "jar, one with authentication and one started with sendports.security.benchmark-without-"
                    + "authentication (the baseline); %d sequential GETs per way of calling, in %d blocks taking turns, "
                    + "after %d not timed; %d form logins of users made for it; delivery: %,d waiting records × %d B "
                    + "drained by a file-append port on each, in turn, twice", blocks * perBlock, blocks, warmup,
                    logins, records, RECORD_SIZE);
            return new Measurement(this, setup, figures, List.of(
                    new Measurement.Arrivals("with authentication", 2 * records, distinct[1], 0),
                    new Measurement.Arrivals("without authentication", 2 * records, distinct[0], 0)));
        }
    }

    /** A stopped file-append port with {@code records} waiting, started and timed until every record arrived. */
    private static ContenderResult drain(MeasuredRun run, SendportsService service, String suffix, long records)
            throws Exception {
        String topic = run.name("auth-delivery-" + suffix);
        run.cluster().createTopic(topic, PARTITIONS);
        String port = run.name("auth-delivery-" + suffix);
        Path out = Files.createDirectories(run.workDir().resolve(port));
        service.createPort("{\"name\":\"" + port + "\",\"kind\":\"static\",\"pattern\":\"one-way\",\"subscription\":"
                + "{\"topics\":[\"" + topic + "\"]},\"transport\":{\"type\":\"file\",\"address\":\""
                + ScenarioRun.fileAddress(out) + "\",\"options\":{\"fileName\":\"out.txt\",\"mode\":\"append\"}},"
                + "\"state\":\"stopped\"}");
        run.cluster().preload(topic, records, RECORD_SIZE, false);
        Benchmark.settleDisks();
        try (AppendedFile file = new AppendedFile(out.resolve("out.txt"), RECORD_SIZE, RECORD_SIZE)) {
            service.action(port, "start");
            ContenderResult result = Observer.observe(port, service.process(), file, records);
            service.action(port, "unenlist");
            return result;
        }
    }

    /** One way of calling a service: which one, with which credentials. */
    private record Way(SendportsService service, Map<String, String> headers) {
        void get(String path) throws Exception {
            expect(200, service.call("GET", path, null, headers), "GET " + path);
        }
    }

    private record Login(String cookie, long nanos) {
    }

    /** A form login, timed; the session cookie it set. */
    private static Login login(SendportsService service, String user, String password) throws Exception {
        String form = "j_username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&j_password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        long begin = System.nanoTime();
        HttpResponse<String> response = service.form("/console/login", form);
        long nanos = System.nanoTime() - begin;
        expect(200, response, "log in as " + user);
        String cookie = response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("sendports-session=")).findFirst()
                .orElseThrow(() -> new IllegalStateException("the login set no session cookie"));
        return new Login(cookie.substring(0, cookie.indexOf(';')), nanos);
    }

    private static void expect(int status, HttpResponse<String> response, String what) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(what + ": HTTP " + response.statusCode() + " " + response.body());
        }
    }
}
