package io.sendports.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Many static one-way {@code file} ports, each with a single-partition source topic and a directory of its own, with
 * the default file name ({@code %MessageID%}), and the concurrent REST calls that create, start and unenlist them:
 * the ports of the control-plane figures (500 at full size).
 */
final class FilePorts {

    private FilePorts() {
    }

    /** A port of these: its name, its topic and its directory. */
    record Port(String name, String topic, Path directory) {
        String definition() {
            return "{\"name\":\"" + name + "\",\"kind\":\"static\",\"pattern\":\"one-way\","
                    + "\"subscription\":{\"topics\":[\"" + topic + "\"]},"
                    + "\"transport\":{\"type\":\"file\",\"address\":\"" + ScenarioRun.fileAddress(directory) + "\"}}";
        }

        String consumerGroup() {
            return SendportsService.consumerGroup(name);
        }
    }

    /** What is done to one port; may call the service. */
    interface PortCall {
        void call(Port port) throws Exception;
    }

    /** {@code count} ports of the run, their topics created (one request) and their directories made. */
    static List<Port> prepare(MeasuredRun run, int count) throws Exception {
        List<Port> ports = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = run.name(String.format(Locale.ROOT, "port-%04d", i));
            ports.add(new Port(name, run.name(String.format(Locale.ROOT, "in-%04d", i)),
                    Files.createDirectories(run.workDir().resolve("out").resolve(name))));
        }
        run.cluster().createTopics(ports.stream().map(Port::topic).toList(), 1);
        return ports;
    }

    /** Does {@code call} to every port on the pool's threads and waits for all; the first failure is thrown. */
    static void forEach(ExecutorService pool, List<Port> ports, PortCall call) throws Exception {
        List<Future<Void>> futures = new ArrayList<>();
        for (Port port : ports) {
            futures.add(pool.submit(() -> {
                call.call(port);
                return null;
            }));
        }
        for (Future<Void> future : futures) {
            future.get(10, TimeUnit.MINUTES);
        }
    }
}
