package io.sendports.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A contender in a JVM of its own: the packaged service, Kafka Connect, or a hand-written baseline. Every
 * contender gets the same JVM (this one's {@code java}) with the same options ({@link #JVM_OPTIONS}), its
 * output goes to a log file.
 */
public final class JavaProcess implements AutoCloseable {
    /** JVM options given to every contender alike; the JVM's defaults otherwise. */
    public static final List<String> JVM_OPTIONS = List.of("-Xms256m", "-Xmx2g");

    private final String name;
    private final Process process;
    private final Path log;

    private JavaProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Runs {@code mainClass} with this JVM's class path (the test class path). */
    public static JavaProcess main(String name, Path workDir, String mainClass, List<String> args, List<String> jvmArgs)
            throws IOException {
        // The class path goes through an argument file: it may be longer than one command-line argument may be.
        Path argFile = workDir.resolve(name + ".classpath");
        String classPath = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
        Files.writeString(argFile, "-cp \"" + classPath.replace("\\", "\\\\") + "\"\n");
        List<String> command = new ArrayList<>(jvmArgs);
        // Kafka's and Connect's logging (slf4j) reaches JBoss LogManager on this class path: make it the JUL manager
        // so that it prints to the log file.
        command.add("-Djava.util.logging.manager=org.jboss.logmanager.LogManager");
        command.add("@" + argFile);
        command.add(mainClass);
        command.addAll(args);
        return start(name, workDir, command, Map.of());
    }

    /** Runs an executable jar, with {@code environment} added to this process's environment. */
    public static JavaProcess jar(String name, Path workDir, Path jar, List<String> jvmArgs, Map<String, String> environment)
            throws IOException {
        List<String> command = new ArrayList<>(jvmArgs);
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        return start(name, workDir, command, environment);
    }

    private static JavaProcess start(String name, Path workDir, List<String> arguments, Map<String, String> environment)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        String flightRecordings = System.getProperty("bench.jfr", "");
        if (!flightRecordings.isBlank()) {
            // -Dbench.jfr=<dir>: every contender runs with JDK Flight Recorder (profile settings), one file each.
            Path recordings = Files.createDirectories(Path.of(flightRecordings).toAbsolutePath());
            Path recording = recordings.resolve(workDir.getFileName() + "-" + name + "-" + System.currentTimeMillis() + ".jfr");
            // -Dbench.jfr.settings=<file.jfc>: other settings, e.g. from `jfr configure jdk.ExecutionSample#period=1ms`.
            command.add("-XX:StartFlightRecording=dumponexit=true,settings="
                    + System.getProperty("bench.jfr.settings", "profile") + ",filename=" + recording);
        }
        command.addAll(arguments);
        Path log = workDir.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        // Should this JVM end first (a build interrupted or timed out), its contenders end with it.
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        return new JavaProcess(name, process, log);
    }

    /** Throws, with the end of the log, when the process has exited. */
    public void checkAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited with status " + process.exitValue() + "; log " + log
                    + ":\n" + tail());
        }
    }

    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    public String name() {
        return name;
    }

    /** The operating system's id of the process (for {@code jcmd}). */
    public long pid() {
        return process.pid();
    }

    /**
     * Ends the process at once (SIGKILL). A contender is closed only after its figures were taken, and nothing
     * it would do in a graceful stop matters to them; every run uses new groups, so a member left behind in
     * a consumer group disturbs nothing.
     */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        try {
            if (!System.getProperty("bench.jfr", "").isBlank()) {
                // A flight recording is written when the JVM exits normally: end it with SIGTERM first.
                process.destroy();
                process.waitFor(60, TimeUnit.SECONDS);
            }
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
