package io.sendports.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.sendports.bench.destination.AppendedFile;
import io.sendports.bench.destination.Destination;
import io.sendports.bench.destination.Several;

/**
 * A send port group against the ports it stands for (issue 12): the same records delivered to four file-append
 * destinations, once by four ports that subscribe to the topic themselves, once by a group on the topic whose four
 * members subscribe to a topic nobody publishes to. The figure is the group's deliveries per second, summed over its
 * members, divided by the four ports'; the group machinery (a consumer group per member, the one-copy check) should
 * cost at most a fifth ({@code ≥ 0.8}, {@code -Dbench.target.group-fanout}).
 *
 * <p>Each round has a topic of its own (four partitions) and both contenders enlisted before the records are
 * published, so each reads every record; they run one after the other on the one Sendports process, each timed from
 * its first arrival to its last. Two rounds at full size, the second in the other order, so that neither contender
 * always runs on the warmer JVM or the fuller disk; the ratio is that of the summed rates. One round at smoke size.
 * Sizes: {@code 1,000,000 × 200 B} per destination ({@code bench.records} changes it).
 */
final class GroupFanoutScenario implements MeasuredScenario {
    private static final int MEMBERS = 4;
    private static final int RECORD_SIZE = 200;
    private static final int PARTITIONS = 4;
    private static final Figure.Target TARGET = Figure.Target.atLeast("bench.target.group-fanout", 0.8);

    @Override
    public String id() {
        return "group-fanout";
    }

    @Override
    public String title() {
        return "send port group of 4 file-append members vs 4 ports";
    }

    @Override
    public Measurement measure(MeasuredRun run) throws Exception {
        long records = run.scale().records(1_000_000);
        int rounds = run.scale() == Scale.SMOKE ? 1 : 2;
        SendportsService service = run.sendports();
        double portsRate = 0;
        double groupRate = 0;
        long expected = 0;
        long portsDistinct = 0;
        long groupDistinct = 0;
        for (int round = 1; round <= rounds; round++) {
            String topic = run.name("fanout-in-" + round);
            run.cluster().createTopic(topic, PARTITIONS);
            Contender ports = ports(run, service, topic, round);
            Contender group = group(run, service, topic, round);
            run.cluster().preload(topic, records, RECORD_SIZE, false);
            Benchmark.say("  round %d: %d records published to %s", round, records, topic);
            List<Contender> order = round % 2 == 1 ? List.of(ports, group) : List.of(group, ports);
            for (Contender contender : order) {
                Benchmark.settleDisks();
                ContenderResult result = contender.run(service, records * MEMBERS);
                Benchmark.say("  round %d, %s: %,.0f deliveries/s over the %d destinations", round, contender.name(),
                        result.messagesPerSecond(), MEMBERS);
                if (contender == ports) {
                    portsRate += result.messagesPerSecond();
                    portsDistinct += result.distinct();
                } else {
                    groupRate += result.messagesPerSecond();
                    groupDistinct += result.distinct();
                }
            }
            expected += records * MEMBERS;
        }
        double ratio = groupRate / portsRate;
        Benchmark.say("  group / ports: %.2f", ratio);
        List<Figure> figures = List.of(
                new Figure("group / ports, deliveries per second", "", ratio, null, TARGET),
                Figure.of("group, deliveries per second (summed over members)", "msg/s", groupRate / rounds,
                        portsRate / rounds));
        String setup = String.format(Locale.ROOT, "%d round(s); each: %,d records × %d B on a %d-partition topic, "
                + "to %d file-append destinations; the baseline is 4 ports on the topic", rounds, records, RECORD_SIZE,
                PARTITIONS, MEMBERS);
        return new Measurement(this, setup, figures, List.of(new Measurement.Arrivals("ports", expected, portsDistinct, 0),
                new Measurement.Arrivals("group", expected, groupDistinct, 0)));
    }

    /** Four ports on the topic, enlisted (stopped). */
    private static Contender ports(MeasuredRun run, SendportsService service, String topic, int round) throws Exception {
        List<String> names = new ArrayList<>();
        List<Destination> files = new ArrayList<>();
        for (int i = 1; i <= MEMBERS; i++) {
            String name = run.name("fanout-port-" + round + "-" + i);
            service.createPort(port(name, topic, out(run, name, files), "stopped"));
            names.add(name);
        }
        return new Contender("ports", names, null, new Several(files));
    }

    /** Four members whose own subscriptions take nothing, in a group on the topic; all enlisted (stopped). */
    private static Contender group(MeasuredRun run, SendportsService service, String topic, int round) throws Exception {
        List<String> names = new ArrayList<>();
        List<Destination> files = new ArrayList<>();
        String idle = run.name("fanout-idle-" + round);
        for (int i = 1; i <= MEMBERS; i++) {
            String name = run.name("fanout-member-" + round + "-" + i);
            service.createPort(port(name, idle, out(run, name, files), "stopped"));
            names.add(name);
        }
        String group = run.name("fanout-group-" + round);
        service.createGroup("{\"name\":\"" + group + "\",\"sendPorts\":[\"" + String.join("\",\"", names) + "\"],"
                + "\"subscription\":{\"topics\":[\"" + topic + "\"]},\"state\":\"stopped\"}");
        return new Contender("group", names, group, new Several(files));
    }

    private static String out(MeasuredRun run, String name, List<Destination> files) throws Exception {
        Path dir = Files.createDirectories(run.workDir().resolve(name));
        files.add(new AppendedFile(dir.resolve("out.txt"), RECORD_SIZE, RECORD_SIZE));
        return "{\"type\":\"file\",\"address\":\"" + ScenarioRun.fileAddress(dir)
                + "\",\"options\":{\"fileName\":\"out.txt\",\"mode\":\"append\"}}";
    }

    private static String port(String name, String topic, String transport, String state) {
        return "{\"name\":\"" + name + "\",\"kind\":\"static\",\"pattern\":\"one-way\",\"subscription\":{\"topics\":[\""
                + topic + "\"]},\"transport\":" + transport + ",\"state\":\"" + state + "\"}";
    }

    /** One side: its ports (the group's members), the group if any, and their files. */
    private record Contender(String name, List<String> ports, String group, Destination destination) {
        ContenderResult run(SendportsService service, long expected) throws Exception {
            try (Destination watched = destination) {
                for (String port : ports) {
                    service.action(port, "start");
                }
                if (group != null) {
                    service.groupAction(group, "start");
                }
                ContenderResult result = Observer.observe(name, service.process(), watched, expected);
                // the service runs the next contender and scenarios too: nothing of this one keeps polling
                if (group != null) {
                    service.groupAction(group, "unenlist");
                }
                for (String port : ports) {
                    service.action(port, "unenlist");
                }
                return result;
            }
        }
    }
}
