package io.icebench.runner.launch;

import io.icebench.runner.baseline.RunSamples;
import io.icebench.runner.config.RunConfig;
import io.icebench.runner.measure.Execution;
import io.icebench.runner.measure.Slowdown;
import io.icebench.runner.progress.Progresses;
import io.icebench.spi.Measurement;
import io.icebench.spi.Measurements;
import io.icebench.spi.Metric;
import io.icebench.spi.Unit;
import io.icebench.spi.report.RunStatus;
import org.jboss.logging.Logger;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Starting the packaged runner again, in a JVM of its own: for a confirmation re-run that must not share this JVM's
 * JIT decisions, memory layout or libtorch kernel choices (a false alarm caused by them would be confirmed by a
 * re-run in the same JVM), and for {@code runner calibrate --fork}.
 */
public final class SelfLaunch {

    private static final Logger LOG = Logger.getLogger(SelfLaunch.class);

    private SelfLaunch() {
    }

    /**
     * How to start this application again: {@code java}, the JVM options this one got (without calibration's
     * slowdown), and {@code -jar} with the Quarkus launcher jar.
     *
     * @return empty when this process is not the packaged runner (in tests, or on a class path of many jars)
     */
    public static Optional<List<String>> thisApplication() {
        String classPath = System.getProperty("java.class.path", "");
        if (!classPath.endsWith("quarkus-run.jar") || classPath.contains(File.pathSeparator)) {
            return Optional.empty();
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!argument.startsWith("-D" + Launcher.SLOWDOWN_PROPERTY + "=")) {
                command.add(argument);
            }
        }
        command.add("-jar");
        command.add(classPath);
        return Optional.of(command);
    }

    /** {@code application} with {@code -D} options added before {@code -jar}. */
    public static List<String> withProperties(List<String> application, List<String> properties) {
        List<String> command = new ArrayList<>(application.subList(0, application.size() - 2));
        command.addAll(properties);
        command.addAll(application.subList(application.size() - 2, application.size()));
        return command;
    }

    /**
     * Measures {@code run}'s plugin once in a fresh JVM: an explore run of that plugin alone (no thresholds judged
     * there, no re-runs), whose raw samples come back through its {@code results.json}; the caller judges them.
     * Built-in plugins only: a drop-in jar's folder is not part of the configuration.
     */
    static Execution measure(List<String> application, PlannedRun run, RunConfig config, Slowdown slowdown) {
        String id = run.plugin().id();
        long started = System.nanoTime();
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory("icebench-confirm-");
            List<String> properties = new ArrayList<>();
            // One JVM per child: a child that forked again would multiply the forks.
            properties.add("-Dicebench.plugins." + id + ".forks=1");
            if (slowdown.fraction() > 0) {
                properties.add("-D" + Launcher.SLOWDOWN_PROPERTY + "=" + slowdown.fraction());
            }
            List<String> command = withProperties(application, properties);
            command.add("--mode=explore");
            command.add("--plugin=" + id);
            command.add("--results-dir=" + scratch.resolve("results"));
            config.source().ifPresent(file -> command.add("--config=" + file.toAbsolutePath()));
            config.dataset().ifPresent(dir -> command.add("--dataset=" + dir.toAbsolutePath()));
            Path log = scratch.resolve("run.log");
            int exit = run(command, log);
            Duration duration = Duration.ofNanos(System.nanoTime() - started);
            Path results = scratch.resolve("results/latest/results.json");
            if (exit != 0 || !Files.isRegularFile(results)) {
                return Execution.failed(RunStatus.ERROR, "the run of '" + id + "' in a fresh JVM failed (exit " + exit
                        + "): " + lastLine(log), null, duration);
            }
            Map<String, RunSamples.MetricSamples> metrics = RunSamples.read(results).plugins().getOrDefault(id,
                    Map.of());
            Measurements.Builder measurements = Measurements.builder();
            for (Map.Entry<String, RunSamples.MetricSamples> metric : metrics.entrySet()) {
                Metric declared = run.plugin().metrics().stream().filter(m -> m.name().equals(metric.getKey()))
                        .findFirst()
                        .orElse(new Metric(metric.getKey(), Unit.of(metric.getValue().unit()),
                                metric.getValue().direction(), ""));
                measurements.add(Measurement.of(declared, metric.getValue().samples()));
            }
            return Execution.completed(measurements.build(), duration);
        } catch (IOException e) {
            return Execution.failed(RunStatus.ERROR, "the confirmation run of '" + id + "' in a fresh JVM could not"
                    + " start: " + e.getMessage(), null, Duration.ofNanos(System.nanoTime() - started));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Execution.failed(RunStatus.ERROR, "interrupted while confirming '" + id + "' in a fresh JVM",
                    null, Duration.ofNanos(System.nanoTime() - started));
        } finally {
            delete(scratch);
        }
    }

    /**
     * Runs {@code command} to its end with stdout and stderr in {@code log} and progress display off (the child's
     * bar would only clutter the log).
     *
     * @return its exit code
     */
    public static int run(List<String> command, Path log) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put(Progresses.ENVIRONMENT, "off");
        Process process = builder.start();
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** The last line of a run's log, which is where the runner puts the reason it failed. */
    public static String lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1).trim();
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Deletes a scratch folder and everything in it; a folder that cannot be deleted is left, with a debug line. */
    public static void delete(Path folder) {
        if (folder == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            LOG.debugf("could not delete %s: %s", folder, e);
        }
    }
}
