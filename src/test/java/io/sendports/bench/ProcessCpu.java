package io.sendports.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The processor time a process has used, from {@code /proc/<pid>/stat}: user and system time together, in clock
 * ticks of 1/100 s; and the whole machine's, from {@code /proc/stat}. Two readings and the wall-clock time between
 * them give the share of one core used.
 */
final class ProcessCpu {
    private static final double TICKS_PER_SECOND = 100.0;

    private ProcessCpu() {
    }

    /** Whether the figures can be read here (Linux). */
    static boolean available(long pid) {
        return Files.isReadable(stat(pid));
    }

    /** Processor seconds used so far by process {@code pid}. */
    static double seconds(long pid) throws IOException {
        String text = Files.readString(stat(pid));
        String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
        // Fields 14 and 15 of stat (utime, stime), counted from the state, which is field 3.
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
    }

    /**
     * Processor seconds the whole machine has been busy so far, every process and the kernel, summed over its cores:
     * the first line of {@code /proc/stat} without its idle and I/O-wait times.
     */
    static double machineSeconds() throws IOException {
        String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long busy = 0;
        // cpu user nice system idle iowait irq softirq steal (guest time is already in user)
        for (int i = 1; i <= 8 && i < fields.length; i++) {
            busy += i == 4 || i == 5 ? 0 : Long.parseLong(fields[i]);
        }
        return busy / TICKS_PER_SECOND;
    }

    private static Path stat(long pid) {
        return Path.of("/proc", Long.toString(pid), "stat");
    }
}
