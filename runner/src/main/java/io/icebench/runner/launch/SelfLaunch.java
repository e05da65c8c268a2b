package io.icebench.runner.launch;

import io.icebench.runner.progress.Progresses;
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
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Starting the packaged runner again, in a JVM of its own: for forks and confirmation re-runs that must not share
 * this JVM's JIT decisions, memory layout or libtorch kernel choices (see {@link Fork}), and for
 * {@code runner calibrate --fork}.
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
     * This application as a fork target, with {@code pluginPath} for drop-in plugins.
     *
     * @return empty when this process is not the packaged runner
     */
    public static Optional<Fork.Target> self(Optional<Path> pluginPath) {
        return thisApplication().map(command -> new Fork.Target(command, pluginPath, "this build"));
    }

    /**
     * Runs {@code command} with stdout and stderr in {@code log} and progress display off (the child's bar would
     * only clutter the log), for at most {@code deadline}; then kills it and every process it started. Interrupted,
     * it kills them too before rethrowing.
     *
     * @return its exit code; empty when it was killed at the deadline
     */
    public static Optional<Integer> run(List<String> command, Path log, Duration deadline)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put(Progresses.ENVIRONMENT, "off");
        Process process = builder.start();
        try {
            if (process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                return Optional.of(process.exitValue());
            }
            LOG.warnf("killing process %d and its children after %s: %s", process.pid(),
                    io.icebench.runner.measure.PluginExecutor.human(deadline),
                    String.join(" ", command.subList(Math.max(0, command.size() - 4), command.size())));
            kill(process);
            return Optional.empty();
        } catch (InterruptedException e) {
            kill(process);
            throw e;
        }
    }

    private static void kill(Process process) throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
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
