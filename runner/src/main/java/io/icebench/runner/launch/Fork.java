package io.icebench.runner.launch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.icebench.runner.measure.Execution;
import io.icebench.runner.measure.PluginExecutor;
import io.icebench.runner.measure.Slowdown;
import io.icebench.spi.Direction;
import io.icebench.spi.Measurement;
import io.icebench.spi.Measurements;
import io.icebench.spi.Metric;
import io.icebench.spi.Unit;
import io.icebench.spi.report.MetricReport;
import io.icebench.spi.report.PluginReport;
import io.icebench.spi.report.RunStatus;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
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
 * {@code -D}{@value #OUTPUT_PROPERTY} in the runner's own format ({@code icebench-fork} v1), written to a temporary
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

    /** The schema of the fork file. */
    public static final String SCHEMA = "icebench-fork";

    /** Time a child gets beyond its plugin's timeout to start the JVM, load classes and write its samples. */
    public static final Duration STARTUP_ALLOWANCE = Duration.ofSeconds(90);

    /**
     * An application to start: {@code java}, its JVM options, {@code -jar} and the launcher jar, and the drop-in
     * plugin folder it gets.
     *
     * @param command    {@code java ... -jar quarkus-run.jar}
     * @param pluginPath {@code --plugin-path} of the child; empty for built-in plugins only
     * @param label      what the reports call it: {@code this build}, {@code HEAD~1 = 68af75b}
     */
    public record Target(List<String> command, Optional<Path> pluginPath, String label) {
        public Target {
            command = List.copyOf(command);
        }
    }

    private Fork() {
    }

    /**
     * Measures {@code run}'s plugin once in a fresh JVM of {@code target}.
     *
     * @param dataset  the dataset folder, the same for every fork (the embedded default is resolved by the caller
     *                 so that both sides of a paired run read the same files)
     * @param slowdown calibration's slowdown for this fork; {@link Slowdown#NONE} otherwise
     */
    public static Execution measure(Target target, PlannedRun run, Optional<Path> dataset, Slowdown slowdown) {
        String id = run.plugin().id();
        long started = System.nanoTime();
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory("icebench-fork-");
            Path output = scratch.resolve("fork.json");
            Path config = scratch.resolve("fork-config.yaml");
            Files.writeString(config, childConfiguration(run));
            List<String> properties = new ArrayList<>();
            properties.add("-D" + OUTPUT_PROPERTY + "=" + output);
            if (slowdown.fraction() > 0) {
                properties.add("-D" + Launcher.SLOWDOWN_PROPERTY + "=" + slowdown.fraction());
            }
            List<String> command = SelfLaunch.withProperties(target.command(), properties);
            command.add("--mode=explore");
            command.add("--plugin=" + id);
            command.add("--config=" + config);
            command.add("--results-dir=" + scratch.resolve("results"));
            dataset.ifPresent(dir -> command.add("--dataset=" + dir.toAbsolutePath()));
            target.pluginPath().ifPresent(dir -> command.add("--plugin-path=" + dir.toAbsolutePath()));
            Path log = scratch.resolve("run.log");
            Duration deadline = run.timeout().plus(STARTUP_ALLOWANCE);
            Optional<Integer> exit = SelfLaunch.run(command, log, deadline);
            Duration duration = Duration.ofNanos(System.nanoTime() - started);
            String where = "the fork of '" + id + "' (" + target.label() + ")";
            if (exit.isEmpty()) {
                return Execution.failed(RunStatus.TIMEOUT, where + " was still running "
                        + PluginExecutor.human(deadline) + " after it started (timeout " + PluginExecutor.human(
                        run.timeout()) + " plus " + STARTUP_ALLOWANCE.toSeconds() + " s to start); it was killed with"
                        + " its child processes", null, duration);
            }
            Optional<Execution> read = Files.isRegularFile(output)
                    ? Optional.of(read(output, run, duration))
                    : fromResultsJson(scratch.resolve("results/latest/results.json"), run, duration);
            if (read.isEmpty()) {
                return Execution.failed(RunStatus.ERROR, where + " failed (exit " + exit.get() + "): "
                        + SelfLaunch.lastLine(log), null, duration);
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
            SelfLaunch.delete(scratch);
        }
    }

    /**
     * The child's configuration: JSON, which YAML reads, with the plugin's resolved parameters and timeout and the
     * {@code json} writer (for children that predate the fork file); nothing else, so that any version reads it.
     */
    static String childConfiguration(PlannedRun run) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode icebench = root.putObject("icebench");
        icebench.putArray("reports").add("json");
        ObjectNode plugin = icebench.putObject("plugins").putObject(run.plugin().id());
        plugin.put("timeout", run.timeout().toMillis() + "ms");
        ObjectNode parameters = plugin.putObject("parameters");
        run.parameters().asText().forEach(parameters::put);
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }

    /** Writes a child's one plugin report to {@code file}: a temporary file in the same folder, then a rename. */
    public static void write(Path file, PluginReport report) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", SCHEMA);
        root.put("version", 1);
        root.put("plugin", report.id());
        root.put("status", report.status().name());
        report.failure().ifPresent(failure -> root.put("failure", failure));
        ArrayNode metrics = root.putArray("metrics");
        for (MetricReport metric : report.metrics()) {
            ObjectNode node = metrics.addObject();
            node.put("name", metric.metric().name());
            node.put("unit", metric.metric().unit().symbol());
            node.put("direction", metric.metric().direction().label());
            node.put("basis", metric.metric().basis().label());
            ArrayNode samples = node.putArray("samples");
            for (double sample : metric.samples()) {
                samples.add(sample);
            }
        }
        ObjectNode properties = root.putObject("properties");
        report.properties().forEach(properties::put);
        Path temporary = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(temporary, JSON.writeValueAsString(root));
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** A fork file as the execution it reports; metrics take the declaration of the plugin where it has one. */
    static Execution read(Path file, PlannedRun run, Duration duration) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            return Execution.failed(RunStatus.ERROR, "the fork of '" + run.plugin().id() + "' wrote an unreadable"
                    + " sample file: " + e.getMessage(), null, duration);
        }
        if (!SCHEMA.equals(root.path("schema").asText())) {
            return Execution.failed(RunStatus.ERROR, "the fork of '" + run.plugin().id() + "' wrote a file that is"
                    + " not an " + SCHEMA + " file", null, duration);
        }
        RunStatus status = status(root.path("status").asText());
        if (status.failed()) {
            return Execution.failed(status, root.path("failure").asText("the fork failed"), null, duration);
        }
        Measurements.Builder measurements = metrics(run, root.path("metrics"));
        root.path("properties").fields().forEachRemaining(e -> measurements.property(e.getKey(),
                e.getValue().asText()));
        return Execution.completed(measurements.build(), duration);
    }

    /** A child that predates the fork file: its {@code results.json}, if it wrote one. */
    static Optional<Execution> fromResultsJson(Path results, PlannedRun run, Duration duration)
            throws IOException {
        if (!Files.isRegularFile(results)) {
            return Optional.empty();
        }
        JsonNode root = JSON.readTree(Files.readString(results));
        for (JsonNode plugin : root.path("plugins")) {
            if (!plugin.path("id").asText().equals(run.plugin().id())) {
                continue;
            }
            RunStatus status = status(plugin.path("status").asText());
            if (status.failed()) {
                return Optional.of(Execution.failed(status, plugin.path("failure").asText("the fork of '"
                        + run.plugin().id() + "' did not complete (" + status + ")"), null, duration));
            }
            return Optional.of(Execution.completed(metrics(run, plugin.path("metrics")).build(), duration));
        }
        return Optional.empty();
    }

    /** A status as written; anything unknown is an ERROR, not an exception. */
    private static RunStatus status(String text) {
        for (RunStatus status : RunStatus.values()) {
            if (status.name().equals(text)) {
                return status;
            }
        }
        return RunStatus.ERROR;
    }

    /**
     * The {@code metrics} array of a fork file or of a results.json plugin (the same shape: name, unit, direction,
     * samples), each metric as the plugin declares it where it does.
     */
    private static Measurements.Builder metrics(PlannedRun run, JsonNode metrics) {
        Measurements.Builder measurements = Measurements.builder();
        for (JsonNode metric : metrics) {
            measurements.add(Measurement.of(declared(run, metric.path("name").asText(), metric.path("unit").asText(),
                    metric.path("direction").asText(), metric.path("basis").asText()), samples(metric.path("samples"))));
        }
        return measurements;
    }

    private static Metric declared(PlannedRun run, String name, String unit, String direction, String basis) {
        return run.plugin().metrics().stream().filter(m -> m.name().equals(name)).findFirst()
                .orElse(new Metric(name, Unit.of(unit), "higher".equals(direction) ? Direction.HIGHER_IS_BETTER
                        : Direction.LOWER_IS_BETTER, "", Metric.Basis.parse(basis)));
    }

    private static double[] samples(JsonNode values) {
        double[] samples = new double[values.size()];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = values.get(i).isNumber() ? values.get(i).asDouble() : Double.NaN;
        }
        return samples;
    }
}
