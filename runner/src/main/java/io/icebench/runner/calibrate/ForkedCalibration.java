package io.icebench.runner.calibrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.icebench.runner.ExitCodes;
import io.icebench.runner.launch.SelfLaunch;
import io.icebench.runner.measure.Slowdown;
import io.icebench.spi.report.Comparison;
import io.icebench.spi.report.Outcome;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Calibration as CI sees a gate: every run is a fresh JVM. The baseline is one {@code --mode=regression} run of
 * the plugin in a process of its own; each trial is another process judged against that run's
 * {@code results.json} with {@code --baseline}, exactly as a CI job with a saved baseline would run, re-runs
 * included; the slowed trials get {@code -D}{@value Slowdown#PROPERTY}. Everything that differs from one
 * JVM to the next (JIT decisions, memory layout, libtorch's kernel choice, page cache) is in the figures, which
 * {@link Calibration}'s in-process trials leave out; each trial also pays the JVM's start.
 */
public final class ForkedCalibration {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(ForkedCalibration.class);


    private static final ObjectMapper JSON = new ObjectMapper();

    private ForkedCalibration() {
    }

    /**
     * Calibrates {@code pluginId} with one process per run.
     *
     * @param application  how to start the runner ({@link SelfLaunch#thisApplication()})
     * @param runArguments the arguments every run gets besides mode, plugin, results folder and baseline:
     *                     {@code --config}, {@code --dataset}, {@code --plugin-path}
     * @param thresholds   the thresholds judged, as text, for the report
     */
    public static Calibration.Result run(List<String> application, String pluginId, List<String> runArguments,
                                         List<String> thresholds, int runs, Slowdown slowdown, Path scratch,
                                         Consumer<Calibration.Trial> onTrial) throws IOException {
        long started = System.nanoTime();
        Child baseline = start(application, pluginId, runArguments, scratch.resolve("baseline"), Optional.empty(),
                Slowdown.NONE);
        Duration baselineWall = Duration.ofNanos(System.nanoTime() - started);
        if (baseline.results().isEmpty() || baseline.plugin().map(p -> p.path("status").asText())
                .filter(s -> s.equals("COMPLETED")).isEmpty()) {
            throw new CalibrationException("the baseline run of '" + pluginId + "' failed (exit " + baseline.exit()
                    + "): " + baseline.tail() + "; its log: " + baseline.log());
        }
        Path baselineFile = baseline.results().get();
        boolean inject = slowdown.fraction() > 0;
        List<Calibration.Trial> trials = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (int i = 1; i <= runs; i++) {
            trials.add(trial(application, pluginId, runArguments, scratch, i, false, Slowdown.NONE, baselineFile,
                    errors, onTrial));
            if (inject) {
                trials.add(trial(application, pluginId, runArguments, scratch, i, true, slowdown, baselineFile,
                        errors, onTrial));
            }
        }
        return new Calibration.Result(pluginId, 0, runs, slowdown, baselineWall, medians(baseline.plugin().get()),
                trials, thresholds, errors, true);
    }

    private static Calibration.Trial trial(List<String> application, String pluginId, List<String> runArguments,
                                           Path scratch, int index, boolean slowed, Slowdown slowdown,
                                           Path baseline, List<String> errors, Consumer<Calibration.Trial> onTrial)
            throws IOException {
        long started = System.nanoTime();
        Child child = start(application, pluginId, runArguments,
                scratch.resolve((slowed ? "slowed-" : "aa-") + index), Optional.of(baseline), slowdown);
        Duration wall = Duration.ofNanos(System.nanoTime() - started);
        // UNRELIABLE (a wall-clock threshold missed on a busy machine) is a trial without an alarm, not a broken one.
        boolean error = child.exit() != ExitCodes.OK && child.exit() != ExitCodes.GATE_FAILED
                && child.exit() != ExitCodes.INCONCLUSIVE && child.exit() != ExitCodes.UNRELIABLE
                || child.plugin().isEmpty();
        if (child.exit() == ExitCodes.UNRELIABLE) {
            LOG.warnf("%s trial %d: UNRELIABLE, the machine was busy; counted as no alarm (log: %s)",
                    slowed ? "slowed" : "A/A", index, child.log());
        }
        if (error) {
            errors.add((slowed ? "slowed" : "A/A") + " trial " + index + ": exit " + child.exit() + ", "
                    + child.tail() + " (log: " + child.log() + ")");
        }
        List<Calibration.Verdict> verdicts = child.plugin().map(ForkedCalibration::verdicts).orElse(List.of());
        boolean alarm = child.exit() == ExitCodes.GATE_FAILED;
        boolean firstAlarm = alarm || verdicts.stream().anyMatch(v -> v.message().contains("not confirmed:"));
        int attempts = child.plugin().map(p -> p.path("properties").path("icebench.attempts").asText(""))
                .filter(text -> !text.isEmpty())
                .map(text -> Integer.parseInt(text.substring(0, text.indexOf(' ') < 0 ? text.length()
                        : text.indexOf(' '))))
                .orElse(1);
        Calibration.Trial trial = new Calibration.Trial(index, slowed, firstAlarm, alarm, attempts, wall,
                child.plugin().map(ForkedCalibration::medians).orElse(Map.of()), verdicts, error);
        onTrial.accept(trial);
        return trial;
    }

    /** A finished run in its own process. */
    private record Child(int exit, Optional<Path> results, Optional<JsonNode> plugin, Path log) {

        String tail() {
            return SelfLaunch.lastLine(log);
        }
    }

    private static Child start(List<String> application, String pluginId, List<String> runArguments, Path folder,
                               Optional<Path> baseline, Slowdown slowdown) throws IOException {
        Files.createDirectories(folder);
        List<String> command = SelfLaunch.withProperties(application, slowdown.fraction() > 0
                ? List.of("-D" + Slowdown.PROPERTY + "=" + slowdown.fraction()) : List.of());
        command.add("--mode=regression");
        command.add("--plugin=" + pluginId);
        command.add("--results-dir=" + folder.resolve("results"));
        baseline.ifPresent(file -> command.add("--baseline=" + file));
        command.addAll(runArguments);
        Path log = folder.resolve("run.log");
        int exit;
        try {
            // A whole regression run of one gate, confirmation included; an hour means it hangs. -1: killed.
            exit = SelfLaunch.run(command, log, Duration.ofHours(1)).orElse(-1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for a calibration run", e);
        }
        Path latest = folder.resolve("results").resolve("latest").resolve("results.json");
        if (!Files.isRegularFile(latest)) {
            return new Child(exit, Optional.empty(), Optional.empty(), log);
        }
        Path results = latest.toRealPath();
        JsonNode plugin = null;
        for (JsonNode candidate : JSON.readTree(results.toFile()).path("plugins")) {
            if (candidate.path("id").asText().equals(pluginId)) {
                plugin = candidate;
            }
        }
        return new Child(exit, Optional.of(results), Optional.ofNullable(plugin), log);
    }

    private static Map<String, Double> medians(JsonNode plugin) {
        Map<String, Double> medians = new LinkedHashMap<>();
        for (JsonNode metric : plugin.path("metrics")) {
            medians.put(metric.path("name").asText(), metric.path("summary").path("median").asDouble(Double.NaN));
        }
        return medians;
    }

    private static List<Calibration.Verdict> verdicts(JsonNode plugin) {
        List<Calibration.Verdict> verdicts = new ArrayList<>();
        for (JsonNode verdict : plugin.path("verdicts")) {
            JsonNode comparison = verdict.path("comparison");
            Optional<Comparison.Verdict> judged = comparison.isObject()
                    ? Optional.of(Comparison.Verdict.valueOf(comparison.path("verdict").asText()))
                            .filter(v -> v != Comparison.Verdict.NOT_JUDGED)
                    : Optional.empty();
            verdicts.add(new Calibration.Verdict(verdict.path("metric").asText(),
                    verdict.path("statistic").asText(), Outcome.valueOf(verdict.path("outcome").asText()), judged,
                    judged.isPresent() ? comparison.path("changePercent").asDouble(Double.NaN) : Double.NaN,
                    judged.isPresent() ? comparison.path("pValue").asDouble(Double.NaN) : Double.NaN,
                    verdict.path("message").asText(), comparison.path("blocks").asInt(0),
                    comparison.path("changeInterval").path("low").asDouble(Double.NaN),
                    comparison.path("changeInterval").path("high").asDouble(Double.NaN)));
        }
        return verdicts;
    }
}
