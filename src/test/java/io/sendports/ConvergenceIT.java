package io.sendports;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.sendports.broker.KafkaBroker;
import io.sendports.testsupport.ServiceProcess;

/**
 * Three instances on one broker converge (issue 16, DESIGN.md §4): each of 100 changes made on one instance is
 * visible on the other two, timed from the moment the change is sent until each of them answers a {@code GET} with
 * the new revision. The p99 of those 200 times must be at most 2 s; the figures are printed.
 */
class ConvergenceIT {
    private static final int CHANGES = 100;
    private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void aChangeOnOneInstanceIsVisibleOnTheOtherTwoWithinTwoSecondsAtTheP99() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start(work.resolve("kafka"), KafkaBroker.freePort(), KafkaBroker.freePort());
                ServiceProcess a = new ServiceProcess(broker.bootstrapServers(), work).start();
                ServiceProcess b = new ServiceProcess(broker.bootstrapServers(), work).start();
                ServiceProcess c = new ServiceProcess(broker.bootstrapServers(), work).start()) {
            List<ServiceProcess> instances = List.of(a, b, c);
            a.expect(201, "POST", "/api/send-ports", definition(-1));
            for (ServiceProcess other : List.of(b, c)) {
                awaitRevision(other, 1, Duration.ofSeconds(30));
            }
            long[] nanos = new long[CHANGES * 2];
            for (int i = 0; i < CHANGES; i++) {
                ServiceProcess changer = instances.get(i % 3);
                long sent = System.nanoTime();
                long revision = JSON.readTree(changer.expect(200, "PUT", "/api/send-ports/converging", definition(i)))
                        .path("revision").asLong();
                int k = 0;
                for (ServiceProcess other : instances) {
                    if (other != changer) {
                        awaitRevision(other, revision, Duration.ofSeconds(10));
                        nanos[2 * i + k++] = System.nanoTime() - sent;
                    }
                }
            }
            Arrays.sort(nanos);
            double p50 = nanos[nanos.length / 2 - 1] / 1e6;
            double p99 = nanos[(int) Math.ceil(0.99 * nanos.length) - 1] / 1e6;
            double max = nanos[nanos.length - 1] / 1e6;
            System.out.printf(Locale.ROOT, "ConvergenceIT: %d changes seen on the other two instances: p50 %.1f ms, "
                    + "p99 %.1f ms, max %.1f ms%n", CHANGES, p50, p99, max);
            assertTrue(p99 <= VISIBLE_WITHIN.toMillis(), "p99 " + p99 + " ms is over " + VISIBLE_WITHIN);
        }
    }

    /** The port's definition; the description counts the changes. */
    private static String definition(int change) {
        return "{\"name\":\"converging\",\"kind\":\"static\",\"pattern\":\"one-way\",\"description\":\"change " + change
                + "\",\"subscription\":{\"topics\":[\"converging-in\"]},\"transport\":{\"type\":\"http\","
                + "\"address\":\"http://receiver.invalid:8081/in\"}}";
    }

    /** Waits until the instance's view of the port shows the revision (or a later one), asking every 5 ms. */
    private static void awaitRevision(ServiceProcess instance, long revision, Duration atMost) {
        org.awaitility.Awaitility.await("revision " + revision + " on the instance on port " + instance.port())
                .atMost(atMost).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5)).until(() -> {
                    var response = instance.call("GET", "/api/send-ports/converging", null);
                    return response.statusCode() == 200
                            && JSON.readTree(response.body()).path("revision").asLong() >= revision;
                });
    }
}
