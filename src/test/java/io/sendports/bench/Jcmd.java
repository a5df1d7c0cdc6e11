package io.sendports.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Diagnostic commands sent to a contender's JVM with the JDK's {@code jcmd}, from the same {@code java.home}. */
final class Jcmd {
    /** {@code used 123456K} on a heap line of {@code GC.heap_info} (ZGC prints {@code used 120M}). */
    private static final Pattern USED = Pattern.compile("used (\\d+)([KMG])");

    private Jcmd() {
    }

    /**
     * Runs a full garbage collection in the process ({@code GC.run}), then returns the heap it uses, in bytes: the
     * sum of the "used" figures of the heap lines of {@code GC.heap_info} (one line for G1, the default collector
     * here; one per generation for the serial and parallel collectors). Metaspace is not heap and is not counted.
     */
    static long heapUsedAfterFullGc(long pid) throws IOException, InterruptedException {
        run(pid, "GC.run");
        String info = run(pid, "GC.heap_info");
        long used = 0;
        boolean found = false;
        for (String line : info.split("\n")) {
            // Heap lines are indented by one space; their details, and the class space, by two.
            if (!line.startsWith(" ") || line.startsWith("  ") || line.contains("Metaspace")) {
                continue;
            }
            Matcher matcher = USED.matcher(line);
            if (matcher.find()) {
                used += Long.parseLong(matcher.group(1)) * switch (matcher.group(2)) {
                    case "K" -> 1L << 10;
                    case "M" -> 1L << 20;
                    default -> 1L << 30;
                };
                found = true;
            }
        }
        if (!found) {
            throw new IllegalStateException("no heap figure in GC.heap_info of process " + pid + ":\n" + info);
        }
        return used;
    }

    private static String run(long pid, String command) throws IOException, InterruptedException {
        List<String> arguments = new ArrayList<>();
        arguments.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        arguments.add(String.valueOf(pid));
        arguments.add(command);
        Process process = new ProcessBuilder(arguments).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("jcmd " + pid + " " + command + " failed:\n"
                    + new String(output, StandardCharsets.UTF_8));
        }
        return new String(output, StandardCharsets.UTF_8);
    }
}
