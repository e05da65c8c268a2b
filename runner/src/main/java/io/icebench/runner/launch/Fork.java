package io.icebench.runner.launch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.icebench.runner.discovery.PluginAllowlist;
import io.icebench.runner.measure.Execution;
import io.icebench.runner.measure.PluginExecutor;
import io.icebench.runner.measure.Slowdown;
import io.icebench.runner.progress.ForkProgress;
import io.icebench.spi.report.RunStatus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One plugin measured once in a JVM of its own: the fork protocol shared by {@code forks}, confirmation re-runs and
 * paired A/B runs ({@code --against}).
 *
 * <p>The parent starts an application (this one, or a build of the base revision) as
 * {@code --mode=explore --plugin=ID} with a configuration it writes itself, holding only that plugin's parameters
 * and timeout: a base revision whose configuration schema is older still reads it, and the user's report writers
 * play no part. The child writes the plugin's raw samples, status and properties to the file named by
 * {@code -D}{@value #OUTPUT_PROPERTY} in the runner's own format ({@link ForkFile}), written to a temporary
 * file and renamed, and skips report writers and the history. A child built before this protocol ignores the
 * property; its samples are then read from the {@code results.json} its {@code json} writer wrote, which the
 * generated configuration asks for.
 *
 * <p>The parent owns the deadline: a child still running {@link #STARTUP_ALLOWANCE} after the plugin's timeout is
 * killed with its whole process tree, and the fork is that plugin's failed result.
 */
public final class Fork {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The system property naming the file a child writes its samples to (not configuration, hence no dot). */
    public static final String OUTPUT_PROPERTY = "icebench-fork-output";

    /** Time a child gets beyond its plugin's timeout to start the JVM, load classes and write its samples. */
    public static final Duration STARTUP_ALLOWANCE = Duration.ofSeconds(90);

    /**
     * An application to start: {@code java}, its JVM options, {@code -jar} and the launcher jar, and the drop-in
     * plugin folder it gets.
     *
     * @param command    {@code java ... -jar quarkus-run.jar}
     * @param pluginPath {@code --plugin-path} of the child; empty for built-in plugins only
     * @param label      what the reports call it: {@code this build}, {@code HEAD~1 = 68af75b}
     * @param allowlist  the drop-in jars the child may load ({@code icebench.plugin-allowlist}), passed on to it
     */
    public record Target(List<String> command, Optional<Path> pluginPath, String label, PluginAllowlist allowlist) {

        /** The label of this application as a target ({@link SelfLaunch#self}). */
        public static final String THIS_BUILD = "this build";

        public Target {
            command = List.copyOf(command);
        }

        /** A target that may load every drop-in jar. */
        public Target(List<String> command, Optional<Path> pluginPath, String label) {
            this(command, pluginPath, label, PluginAllowlist.NONE);
        }
    }

    private Fork() {
    }

    /**
     * What an isolated plugin run gets from its fork beyond the samples.
     *
     * @param files          the plugin's output folder in the parent's run folder: the child writes its files there
     *                       ({@code -D}{@value #FILES_PROPERTY}); empty for forks whose files nobody reads (paired
     *                       blocks, whose child may be a base build that predates the property)
     * @param relayProgress  whether the child's progress is shown in this process's display ({@link ForkProgress})
     * @param jvmOptions     options of this run for the child's JVM: the Hadoop settings of a remote dataset
     */
    public record Output(Optional<Path> files, boolean relayProgress, List<String> jvmOptions) {

        /** Samples only: paired blocks and pooled forks. */
        public static final Output SAMPLES = new Output(Optional.empty(), false);

        /** Files and progress as given, and no JVM options of the run's own. */
        public Output(Optional<Path> files, boolean relayProgress) {
            this(files, relayProgress, List.of());
        }

        public Output {
            jvmOptions = List.copyOf(jvmOptions);
        }
    }

    /** The system property naming the folder a child writes its plugin's files to. */
    public static final String FILES_PROPERTY = "icebench-fork-files";

    /**
     * Measures {@code run}'s plugin once in a fresh JVM of {@code target}.
     *
     * @param dataset  the dataset folder, the same for every fork (the embedded default is resolved by the caller
     *                 so that both sides of a paired run read the same files)
     * @param slowdown calibration's slowdown for this fork; {@link Slowdown#NONE} otherwise
     */
    public static Execution measure(Target target, PlannedRun run, Optional<Path> dataset, Slowdown slowdown) {
        return measure(target, run, dataset.map(dir -> dir.toAbsolutePath().toString()), slowdown, Output.SAMPLES);
    }

    /**
     * Measures {@code run}'s plugin once in a fresh JVM of {@code target}, its files and progress as {@code output}
     * says. However the child ends, the result is an execution: samples, or a failure that says why, with the
     * child's output kept as {@code fork.log} in the plugin's folder when there is one.
     */
    public static Execution measure(Target target, PlannedRun run, Optional<String> dataset, Slowdown slowdown,
                                    Output output) {
        String id = run.plugin().id();
        long started = System.nanoTime();
        Path scratch = null;
        ForkProgress.Receiver progress = new ForkProgress.Receiver();
        try {
            scratch = SelfLaunch.scratch(Files.createTempDirectory("icebench-fork-"));
            Path samples = scratch.resolve("fork.json");
            Path config = scratch.resolve("fork-config.yaml");
            Files.writeString(config, childConfiguration(run, target.allowlist()));
            List<String> command = childCommand(target, run, dataset, slowdown, output, scratch, samples, config);
            Path log = scratch.resolve("run.log");
            Duration deadline = run.timeout().plus(STARTUP_ALLOWANCE);
            // At DEBUG the child logs at DEBUG too, and its log is relayed to this console (ForkLog).
            java.util.Map<String, String> environment = new java.util.HashMap<>(ForkLog.environment());
            environment.put(io.icebench.runner.progress.Progresses.ENVIRONMENT, output.relayProgress()
                    ? io.icebench.runner.progress.Progresses.RELAY : "off");
            Optional<Integer> exit = SelfLaunch.run(command, log, deadline, environment, progress::accept,
                    ForkLog.relay(id, target));
            Duration duration = Duration.ofNanos(System.nanoTime() - started);
            String where = "the fork of '" + id + "' (" + target.label() + ")";
            if (exit.isEmpty()) {
                keepLog(log, output);
                return Execution.failed(RunStatus.TIMEOUT, "plugin '" + id + "' was still running "
                        + PluginExecutor.human(deadline) + " after its JVM started (timeout " + PluginExecutor.human(
                        run.timeout()) + " plus " + STARTUP_ALLOWANCE.toSeconds() + " s to start), so its JVM was"
                        + " killed with its child processes; raise 'timeout' under icebench.plugins." + id
                        + " or make it faster", null, duration);
            }
            Optional<Execution> read = Files.isRegularFile(samples)
                    ? Optional.of(ForkFile.read(samples, run, duration))
                    : ForkFile.fromResultsJson(scratch.resolve("results/latest/results.json"), run, duration);
            if (read.isEmpty()) {
                String kept = keepLog(log, output).map(file -> "; its output is " + file + " in the run folder")
                        .orElse("");
                return ended(id, exit.get(), log, scratch, output, duration, kept);
            }
            return read.get();
        } catch (IOException e) {
            return Execution.failed(RunStatus.ERROR, "the fork of '" + id + "' (" + target.label() + ") could not"
                    + " start: " + e.getMessage(), null, Duration.ofNanos(System.nanoTime() - started));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Execution.failed(RunStatus.ERROR, "interrupted while measuring '" + id + "' in a fresh JVM",
                    null, Duration.ofNanos(System.nanoTime() - started));
        } finally {
            progress.closeAll();
            SelfLaunch.delete(scratch);
        }
    }

    /**
     * The child's command line: this application (or the base's) as {@code --mode=explore --plugin=ID} with the
     * generated configuration, writing its samples to {@code samples} and its results under {@code scratch}.
     */
    private static List<String> childCommand(Target target, PlannedRun run, Optional<String> dataset,
                                             Slowdown slowdown, Output output, Path scratch, Path samples,
                                             Path config) {
        List<String> properties = new ArrayList<>();
        properties.add("-D" + OUTPUT_PROPERTY + "=" + samples);
        // A crash report where this fork can find it, not in the working folder; and an end at the first
        // OutOfMemoryError, which leaves a JVM that can no longer be trusted to report anything.
        properties.add("-XX:ErrorFile=" + scratch.resolve("hs_err_pid%p.log"));
        properties.add("-XX:+ExitOnOutOfMemoryError");
        if (output.files().isPresent()) {
            // Created by the child when its plugin writes a file, as in this JVM: no empty folders.
            properties.add("-D" + FILES_PROPERTY + "=" + output.files().get().toAbsolutePath());
        }
        if (slowdown.fraction() > 0) {
            properties.add("-D" + Slowdown.PROPERTY + "=" + slowdown.fraction());
        }
        properties.addAll(output.jvmOptions());
        List<String> command = SelfLaunch.withProperties(target.command(), properties);
        command.add("--mode=explore");
        command.add("--plugin=" + run.plugin().id());
        command.add("--config=" + config);
        command.add("--results-dir=" + scratch.resolve("results"));
        dataset.ifPresent(where -> command.add("--dataset=" + where));
        target.pluginPath().ifPresent(dir -> command.add("--plugin-path=" + dir.toAbsolutePath()));
        return command;
    }

    /**
     * Why a child ended without reporting: a JVM crash (a crash report, or a fatal signal), running out of memory,
     * or an exit of its own, which only a plugin calling {@code System.exit} (or {@code Runtime.halt}) causes.
     */
    private static Execution ended(String id, int exit, Path log, Path scratch, Output output,
                                   Duration duration, String kept) throws IOException {
        Optional<Path> crash;
        try (var files = Files.list(scratch)) {
            crash = files.filter(p -> p.getFileName().toString().startsWith("hs_err_pid")).findFirst();
        }
        if (crash.isPresent() || exit > 128) {
            String report = "";
            if (crash.isPresent() && output.files().isPresent()) {
                Path copy = Files.createDirectories(output.files().get()).resolve("hs_err.log");
                Files.copy(crash.get(), copy, StandardCopyOption.REPLACE_EXISTING);
                report = "; the JVM's crash report is plugins/" + id + "/hs_err.log in the run folder";
            }
            String signal = exit > 128 ? " (killed by signal " + (exit - 128) + ")" : " (exit " + exit + ")";
            return Execution.failed(RunStatus.ERROR, "plugin '" + id + "' crashed its JVM" + signal + report + kept,
                    null, duration);
        }
        Optional<String> outOfMemory = Files.readAllLines(log).stream()
                .filter(line -> line.contains("java.lang.OutOfMemoryError")).findFirst();
        if (outOfMemory.isPresent()) {
            String what = outOfMemory.get().replaceFirst(".*(java\\.lang\\.OutOfMemoryError)", "$1").trim();
            return Execution.failed(RunStatus.OUT_OF_MEMORY, "plugin '" + id + "' ran out of memory (" + what
                    + "), which ended its JVM" + kept + "; give the JVM more heap (JAVA_OPTS=-Xmx...) or lower its"
                    + " parameters", null, duration);
        }
        return Execution.failed(RunStatus.ERROR, "plugin '" + id + "' ended its JVM with exit " + exit + " before"
                + " it reported a result: a plugin must return its measurements, never call System.exit or"
                + " Runtime.halt" + kept, null, duration);
    }

    /** The child's output as {@code fork.log} in the plugin's folder, when it has one; for failures only. */
    private static Optional<Path> keepLog(Path log, Output output) {
        if (output.files().isEmpty() || !Files.isRegularFile(log)) {
            return Optional.empty();
        }
        try {
            Path kept = Files.createDirectories(output.files().get()).resolve("fork.log");
            Files.copy(log, kept, StandardCopyOption.REPLACE_EXISTING);
            // Named from the run folder: the folder is renamed when the run is published.
            Path folder = kept.getParent();
            return Optional.of(folder.getParent() == null ? folder.relativize(kept)
                    : folder.getParent().getParent().relativize(kept));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The child's configuration: JSON, which YAML reads, with the plugin's resolved parameters and timeout and the
     * {@code json} writer (for children that predate the fork file); nothing else, so that any version reads it.
     */
    static String childConfiguration(PlannedRun run) throws IOException {
        return childConfiguration(run, PluginAllowlist.NONE);
    }

    /**
     * As above, with the allowlist of drop-in jars when one is set: the child loads no jar the parent would refuse.
     * A base build that predates the key refuses the configuration (exit 2), so that fork fails rather than loading
     * a jar unchecked.
     */
    static String childConfiguration(PlannedRun run, PluginAllowlist allowlist) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode icebench = root.putObject("icebench");
        icebench.putArray("reports").add("json");
        allowlist.digests().ifPresent(digests -> digests.stream().sorted()
                .forEach(icebench.putArray("plugin-allowlist")::add));
        ObjectNode plugin = icebench.putObject("plugins").putObject(run.plugin().id());
        plugin.put("timeout", run.timeout().toMillis() + "ms");
        ObjectNode parameters = plugin.putObject("parameters");
        run.parameters().asText().forEach(parameters::put);
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }
}
