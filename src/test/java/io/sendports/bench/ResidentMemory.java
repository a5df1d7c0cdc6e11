package io.sendports.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process's resident set size as Linux reports it in {@code /proc/<pid>/status}: {@code VmRSS}, the memory it
 * holds now, and {@code VmHWM}, the most it has held since it started. These, not the heap, are what a container's
 * memory request and limit are held to: they count the heap pages touched, metaspace, code cache, thread stacks and
 * direct buffers.
 *
 * @param rssBytes  {@code VmRSS}
 * @param peakBytes {@code VmHWM}
 */
record ResidentMemory(long rssBytes, long peakBytes) {

    /** Reads both figures of process {@code pid}; throws where there is no {@code /proc} (not Linux). */
    static ResidentMemory of(long pid) throws IOException {
        String status = Files.readString(Path.of("/proc", Long.toString(pid), "status"));
        return new ResidentMemory(kibibytes(status, "VmRSS:") << 10, kibibytes(status, "VmHWM:") << 10);
    }

    /** The value of a {@code Name:   1234 kB} line. */
    private static long kibibytes(String status, String field) {
        for (String line : status.split("\n")) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
            }
        }
        throw new IllegalStateException("no " + field + " line in /proc/<pid>/status:\n" + status);
    }

    double rssMiB() {
        return rssBytes / (double) (1 << 20);
    }

    double peakMiB() {
        return peakBytes / (double) (1 << 20);
    }
}
