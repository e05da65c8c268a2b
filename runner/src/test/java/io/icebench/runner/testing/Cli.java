package io.icebench.runner.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The packaged runner started as a user starts it: {@code java -jar runner/target/quarkus-app/quarkus-run.jar},
 * a process of its own, in a working folder of the test's. For the reliability battery (failsafe, {@code *IT}),
 * whose cases (a plugin that calls {@code System.exit}, a signal, a full disk) cannot run inside the test's JVM.
 */
public final class Cli {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** How long any one launch may take before the test gives up on it (and kills it with its children). */
    public static final Duration LIMIT = Duration.ofMinutes(3);

    private final Path workDir;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final List<String> jvmOptions = new ArrayList<>();

    private Cli(Path workDir) {
        this.workDir = workDir;
    }

    /** A runner started in {@code workDir}, with progress off and DJL offline. */
    public static Cli in(Path workDir) {
        Cli cli = new Cli(workDir);
        cli.environment.put("ICEBENCH_PROGRESS", "off");
        return cli;
    }

    /** The packaged application's launcher jar, built by {@code mvn package}. */
    public static Path app() {
        String configured = System.getProperty("icebench-tests.app");
        Path jar = configured != null ? Path.of(configured)
                : PluginJars.repositoryRoot().resolve("runner/target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: the battery runs the packaged runner; run it with"
                    + " 'mvn verify', which packages first");
        }
        return jar;
    }

    public Cli env(String key, String value) {
        environment.put(key, value);
        return this;
    }

    /** A JVM option such as {@code -Djava.io.tmpdir=...}, before {@code -jar}. */
    public Cli jvm(String option) {
        jvmOptions.add(option);
        return this;
    }

    /** The command line that {@link #start} runs. */
    public List<String> command(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Dai.djl.offline=true");
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(app().toString());
        command.addAll(List.of(args));
        return command;
    }

    /** Starts the runner without waiting; stdout and stderr go to files in the working folder. */
    public Process start(String name, String... args) {
        try {
            Files.createDirectories(workDir);
            ProcessBuilder builder = new ProcessBuilder(command(args)).directory(workDir.toFile())
                    .redirectOutput(workDir.resolve(name + ".out").toFile())
                    .redirectError(workDir.resolve(name + ".err").toFile());
            builder.environment().putAll(environment);
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the runner to its end (at most {@link #LIMIT}) and returns what it did. */
    public Result run(String... args) {
        String name = "run" + System.nanoTime();
        Process process = start(name, args);
        try {
            if (!process.waitFor(LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError("the runner did not end within " + LIMIT + ": " + String.join(" ", args));
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        Result result = new Result(process.exitValue(), read(workDir.resolve(name + ".out")),
                read(workDir.resolve(name + ".err")), workDir);
        // Shown when a test fails: the run's own words.
        System.out.println("$ runner " + String.join(" ", args) + "\nexit " + result.exit() + "\n--- out\n"
                + result.out() + "\n--- err\n" + result.err());
        return result;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * What one launch did.
     *
     * @param exit its exit code
     * @param out  its stdout
     * @param err  its stderr
     * @param dir  its working folder
     */
    public record Result(int exit, String out, String err, Path dir) {

        /** stdout and stderr together. */
        public String output() {
            return out + err;
        }

        /** The lines of stderr at level ERROR or WARN, and any line that is not a log line. */
        public List<String> errLines() {
            return err.lines().filter(line -> !line.isBlank()).toList();
        }

        /** {@code results.json} of the run {@code results/latest} points at, below the working folder. */
        public JsonNode latestResults(String resultsDir) {
            try {
                return JSON.readTree(dir.resolve(resultsDir).resolve("latest/results.json").toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Every file and folder below {@code folder} whose name ends with {@code suffix}; none when it is missing. */
    public static List<Path> leftovers(Path folder, String suffix) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            return paths.filter(p -> p.getFileName().toString().endsWith(suffix)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
