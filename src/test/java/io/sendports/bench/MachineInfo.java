package io.sendports.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The machine and JVM a benchmark ran on. */
public record MachineInfo(int cores, String cpu, long memoryMiB, String os, String jvm, String jvmOptions) {

    public static MachineInfo collect() {
        return new MachineInfo(Runtime.getRuntime().availableProcessors(), cpuModel(), totalMemoryMiB(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " (" + System.getProperty("os.arch") + ")",
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
                        + System.getProperty("java.vm.vendor") + ")",
                String.join(" ", JavaProcess.JVM_OPTIONS));
    }

    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("cores", cores);
        map.put("cpu", cpu);
        map.put("memoryMiB", memoryMiB);
        map.put("os", os);
        map.put("jvm", jvm);
        map.put("contenderJvmOptions", jvmOptions);
        return map;
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException unavailable) {
            // not Linux
        }
        return "unknown";
    }

    private static long totalMemoryMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | RuntimeException unavailable) {
            // not Linux
        }
        return -1;
    }
}
