package io.icebench.runner.calibrate;

import io.icebench.runner.baseline.RunSamples;
import io.icebench.runner.config.RunConfig;
import io.icebench.runner.launch.Mode;
import io.icebench.runner.launch.PlannedRun;
import io.icebench.runner.launch.Measuring;
import io.icebench.runner.launch.PluginRun;
import io.icebench.runner.verdict.Gate;
import io.icebench.runner.measure.Slowdown;
import io.icebench.runner.statistics.Statistic;
import io.icebench.spi.report.Comparison;
import io.icebench.spi.MetricReport;
import io.icebench.spi.report.Outcome;
import io.icebench.spi.PluginReport;
import io.icebench.spi.report.ThresholdVerdict;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Measures a gate's own error rates, as {@code runner calibrate} reports them.
 *
 * <p>The plugin first runs {@code warmupRuns} times without being judged: the first run in a JVM also warms the
 * JVM and the engine (JIT, libtorch's kernel choice, page cache) beyond what the plugin's own warm-up covers, and a
 * baseline taken from it would make every later trial look faster. Then it runs once to make the baseline, exactly as
 * {@code runner baseline save} would keep one run. Then
 * trials follow, each a complete regression-mode judgement of one run against that baseline with every configured
 * threshold, including the re-runs a real gate makes (pooling for INCONCLUSIVE, confirmation for failures):
 * <ul>
 *   <li><b>A/A trials</b> run the unchanged code: every failure is a false alarm;</li>
 *   <li><b>slowed trials</b> ({@code --inject-slowdown P%}) run the same code with the runner spinning for P% of
 *       every timed unit of work the plugin reports through {@code PluginContext.afterTimedWork}: every pass is a
 *       missed regression.</li>
 * </ul>
 * The two kinds alternate (A/A, slowed, A/A, ...), as Google Benchmark interleaves repetitions, so a drift of the
 * machine's speed during the calibration hits both alike. All trials share one JVM: warm-up between separate CI
 * processes (JIT, page cache) is not part of the figure, which the plugins' own warm-up iterations are there to cover.
 */
public final class Calibration {

    private Calibration() {
    }

    /**
     * One trial.
     *
     * @param index        1-based, per kind
     * @param slowed       whether the slowdown was injected
     * @param firstAlarm   whether the first run alone would have failed the gate (before confirmation re-runs)
     * @param alarm        whether the gate failed after its re-runs: a false alarm (A/A) or a detection (slowed)
     * @param attempts     how many times the plugin ran in this trial
     * @param wall         the trial's wall time, re-runs included
     * @param medians      each metric's median, by metric name
     * @param verdicts     the final verdicts, in threshold order
     * @param error        whether the plugin failed or a threshold could not be judged: neither alarm nor pass
     */
    public record Trial(int index, boolean slowed, boolean firstAlarm, boolean alarm, int attempts, Duration wall,
                        Map<String, Double> medians, List<Verdict> verdicts, boolean error) {
    }

    /**
     * One threshold's final verdict in a trial, as much of it as the calibration report shows.
     *
     * @param comparison    for a judged relative threshold: REGRESSED, IMPROVED or UNCHANGED; else empty
     * @param changePercent the Hodges-Lehmann change, NaN without a comparison
     * @param pValue        the one-sided Mann-Whitney p-value, NaN without a comparison
     */
    public record Verdict(String metric, String statistic, Outcome outcome, Optional<Comparison.Verdict> comparison,
                          double changePercent, double pValue, String message, int blocks, double changeLow,
                          double changeHigh) {

        static Verdict of(ThresholdVerdict verdict) {
            Optional<Comparison> judged = Calibration.comparison(verdict);
            return new Verdict(verdict.metric(), verdict.statistic(), verdict.outcome(),
                    judged.map(Comparison::verdict), judged.map(Comparison::changePercent).orElse(Double.NaN),
                    judged.map(Comparison::pValue).orElse(Double.NaN), verdict.message(),
                    judged.map(Comparison::blocks).orElse(0), judged.map(Comparison::changeLow).orElse(Double.NaN),
                    judged.map(Comparison::changeHigh).orElse(Double.NaN));
        }

        /** Whether this is a paired verdict ({@code --against}): blocks were measured. */
        public boolean paired() {
            return blocks > 0;
        }

        /**
         * Short: {@code median(latency) FAIL}, {@code latency +12.1% REGRESSED p=0.0003}, or for a paired verdict
         * {@code latency +5.1% [+2.9%, +7.4%] k=12 REGRESSED}.
         */
        public String brief() {
            if (paired() && comparison.isPresent()) {
                return metric + " " + Comparison.percent(changePercent) + " [" + Comparison.percent(changeLow) + ", "
                        + Comparison.percent(changeHigh) + "] k=" + blocks + " " + comparison.get();
            }
            return comparison.map(c -> metric + " " + Comparison.percent(changePercent) + " " + c + " p="
                            + io.icebench.spi.report.Numbers.format(pValue))
                    .orElse(statistic + "(" + metric + ") " + outcome);
        }
    }

    /**
     * A calibration's outcome.
     *
     * @param pluginId     the gate calibrated
     * @param warmupRuns   unjudged runs before the baseline
     * @param runs         trials per kind
     * @param slowdown     the injected slowdown; {@link Slowdown#NONE} when only A/A trials ran
     * @param baselineWall the baseline run's wall time
     * @param baseline     the baseline run's metric medians
     * @param trials       every trial, in the order run
     * @param thresholds   the thresholds judged, as text ({@code median(latency) max_regression 5%})
     * @param errors       trials whose plugin failed, with the reason
     * @param forked       whether every run was a process of its own ({@link ForkedCalibration}) or all shared
     *                     this JVM
     */
    public record Result(String pluginId, int warmupRuns, int runs, Slowdown slowdown, Duration baselineWall,
                         Map<String, Double> baseline, List<Trial> trials, List<String> thresholds,
                         List<String> errors, boolean forked) {

        public List<Trial> aa() {
            return trials.stream().filter(t -> !t.slowed()).toList();
        }

        public List<Trial> slowed() {
            return trials.stream().filter(Trial::slowed).toList();
        }

        public long falseAlarms() {
            return aa().stream().filter(Trial::alarm).count();
        }

        public long falseAlarmsBeforeConfirmation() {
            return aa().stream().filter(Trial::firstAlarm).count();
        }

        public long detections() {
            return slowed().stream().filter(Trial::alarm).count();
        }

        public long detectionsBeforeConfirmation() {
            return slowed().stream().filter(Trial::firstAlarm).count();
        }

        /** The median wall time of one trial of the kind, re-runs included. */
        public Duration medianWall(boolean slowedTrials) {
            double[] millis = (slowedTrials ? slowed() : aa()).stream()
                    .mapToDouble(t -> t.wall().toMillis()).toArray();
            return millis.length == 0 ? Duration.ZERO
                    : Duration.ofMillis(Math.round(Statistic.MEDIAN.evaluate(millis)));
        }

        /**
         * Per metric, the slowdown the injection really caused: the median over slowed trials of the metric's
         * median, against the same over A/A trials, as a change in percent (positive = the metric got larger).
         */
        public Map<String, Double> achievedChange() {
            Map<String, Double> change = new LinkedHashMap<>();
            for (String metric : baseline.keySet()) {
                double[] a = aa().stream().filter(t -> t.medians().containsKey(metric))
                        .mapToDouble(t -> t.medians().get(metric)).toArray();
                double[] b = slowed().stream().filter(t -> t.medians().containsKey(metric))
                        .mapToDouble(t -> t.medians().get(metric)).toArray();
                if (a.length > 0 && b.length > 0) {
                    change.put(metric, (Statistic.MEDIAN.evaluate(b) / Statistic.MEDIAN.evaluate(a) - 1) * 100);
                }
            }
            return change;
        }
    }

    /**
     * Calibrates {@code run}.
     *
     * @param runs     trials per kind, at least 1
     * @param slowdown injected into the slowed trials; {@link Slowdown#NONE} runs A/A trials only
     * @param scratch  a folder for the plugin's own files during the calibration
     * @param onTrial  told of each trial as it ends (progress, console lines)
     * @throws CalibrationException when the baseline run fails: there is nothing to compare with
     */
    public static Result run(PlannedRun run, RunConfig config, int runs, Slowdown slowdown, Path scratch,
                             Consumer<Trial> onTrial) {
        return run(run, config, 0, runs, slowdown, scratch, onTrial);
    }

    /**
     * Calibrates {@code run} after {@code warmupRuns} unjudged runs.
     *
     * @see #run(PlannedRun, RunConfig, int, Slowdown, Path, Consumer)
     */
    public static Result run(PlannedRun run, RunConfig config, int warmupRuns, int runs, Slowdown slowdown,
                             Path scratch, Consumer<Trial> onTrial) {
        if (runs < 1) {
            throw new IllegalArgumentException("a calibration needs at least 1 run, was " + runs);
        }
        String id = run.plugin().id();
        // In-process means in this JVM: confirmation re-runs too.
        config = config.withFreshJvmConfirmation(false);
        for (int i = 1; i <= warmupRuns; i++) {
            PluginRun.Result warm = PluginRun.execute(run, Mode.EXPLORE, here(config, scratch.resolve("warmup-" + i),
                    Slowdown.NONE), Gate.Evidence.NONE);
            if (warm.report().status().failed()) {
                throw new CalibrationException("the warm-up run of '" + id + "' failed: "
                        + warm.report().failure().orElse("?") + "; run it alone with --mode=explore --plugin=" + id
                        + " to see why");
            }
        }
        long started = System.nanoTime();
        PluginRun.Result baselineRun = PluginRun.execute(run, Mode.EXPLORE, here(config, scratch.resolve("baseline"),
                Slowdown.NONE), Gate.Evidence.NONE);
        Duration baselineWall = Duration.ofNanos(System.nanoTime() - started);
        PluginReport baselineReport = baselineRun.report();
        if (baselineReport.status().failed() || baselineReport.metrics().isEmpty()) {
            throw new CalibrationException("the baseline run of '" + id + "' failed: "
                    + baselineReport.failure().orElse("it reported no metrics")
                    + "; run it alone with --mode=explore --plugin=" + id + " to see why");
        }
        RunSamples baseline = samples(id, baselineReport);
        boolean inject = slowdown.fraction() > 0;
        List<Trial> trials = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (int i = 1; i <= runs; i++) {
            trials.add(trial(run, config, i, false, Slowdown.NONE, baseline, scratch, errors, onTrial));
            if (inject) {
                trials.add(trial(run, config, i, true, slowdown, baseline, scratch, errors, onTrial));
            }
        }
        return new Result(id, warmupRuns, runs, slowdown, baselineWall, medians(baselineReport), trials,
                thresholds(run), errors, false);
    }

    /**
     * Calibrates {@code run} in paired mode ({@code runner calibrate --against}): each trial is one whole paired run
     * of the gate against the base, exactly as {@code --mode=regression --against} judges it. A/A trials compare the
     * base with this build unchanged; slowed trials inject {@code slowdown} into this build's forks only. The kinds
     * alternate. When the base is this very build ({@code --against-app} of the same application) an A/A trial is a
     * true A/A.
     */
    public static Result paired(PlannedRun run, RunConfig config, io.icebench.runner.launch.PairedRun.Sides sides,
                                int runs, Slowdown slowdown, long seed,
                                Consumer<Trial> onTrial) {
        return paired(run, config, sides, runs, slowdown, seed, onTrial,
                io.icebench.runner.launch.Fork::measure);
    }

    /** As above, each fork measured by {@code forker} (tests script the forks). */
    public static Result paired(PlannedRun run, RunConfig config, io.icebench.runner.launch.PairedRun.Sides sides,
                                int runs, Slowdown slowdown, long seed,
                                Consumer<Trial> onTrial, io.icebench.runner.launch.PairedRun.Forker forker) {
        java.util.Random random = new java.util.Random(seed);
        List<Trial> trials = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (int i = 1; i <= runs; i++) {
            trials.add(pairedTrial(run, config, sides, i, Slowdown.NONE, random, errors, onTrial, forker));
            if (slowdown.fraction() > 0) {
                trials.add(pairedTrial(run, config, sides, i, slowdown, random, errors, onTrial, forker));
            }
        }
        Map<String, Double> medians = trials.stream().filter(t -> !t.slowed() && !t.error()).findFirst()
                .map(Trial::medians).orElse(Map.of());
        return new Result(run.plugin().id(), 0, runs, slowdown, Duration.ZERO, medians, trials, thresholds(run),
                errors, true);
    }

    private static Trial pairedTrial(PlannedRun run, RunConfig config, io.icebench.runner.launch.PairedRun.Sides sides,
                                     int index, Slowdown slowdown, java.util.Random random,
                                     List<String> errors, Consumer<Trial> onTrial,
                                     io.icebench.runner.launch.PairedRun.Forker forker) {
        boolean slowed = slowdown.fraction() > 0;
        long started = System.nanoTime();
        PluginRun.Result result = io.icebench.runner.launch.PairedRun.execute(run, config, sides, slowdown,
                new java.util.Random(random.nextLong()), Gate.Evidence.NONE, forker);
        Duration wall = Duration.ofNanos(System.nanoTime() - started);
        PluginReport report = result.report();
        boolean error = report.outcome() == Outcome.ERROR;
        if (error) {
            errors.add((slowed ? "slowed" : "A/A") + " trial " + index + ": "
                    + report.failure().orElse(report.verdicts().stream()
                            .filter(v -> v.effectiveOutcome() == Outcome.ERROR)
                            .map(ThresholdVerdict::message).findFirst().orElse("?")));
        }
        // The paired thresholds are what is calibrated: an absolute threshold that fails on a loaded machine says
        // something about the machine (its verdict is in the trial's verdicts and in the report, counted apart).
        boolean alarm = report.verdicts().stream().anyMatch(v -> v.comparison().filter(Comparison::paired)
                .isPresent() && v.effectiveOutcome() == Outcome.FAIL);
        Trial trial = new Trial(index, slowed, alarm, alarm, result.attempts(), wall, medians(report),
                report.verdicts().stream().map(Verdict::of).toList(), error);
        onTrial.accept(trial);
        return trial;
    }

    /** The thresholds of {@code run} as text: {@code median(latency) max_regression 5%}, {@code p99(wait) max 25}. */
    public static List<String> thresholds(PlannedRun run) {
        return run.thresholds().stream().map(io.icebench.runner.verdict.Threshold::describe).toList();
    }

    /** Every measurement in this JVM: confirmations too, since calibration measures one JVM's noise here. */
    private static Measuring.Setup here(RunConfig config, Path folder, Slowdown slowdown) {
        // Verdicts counted as the statistics make them: no busy-machine shortcut in the confirmation policy.
        return new Measuring.Setup(config, folder, slowdown, Optional.empty(), false);
    }

    private static Trial trial(PlannedRun run, RunConfig config, int index, boolean slowed, Slowdown slowdown,
                               RunSamples baseline, Path scratch, List<String> errors, Consumer<Trial> onTrial) {
        long started = System.nanoTime();
        PluginRun.Result result = PluginRun.execute(run, Mode.REGRESSION, here(config,
                scratch.resolve((slowed ? "slowed-" : "aa-") + index), slowdown), Gate.Evidence.of(Optional.of(baseline)));
        Duration wall = Duration.ofNanos(System.nanoTime() - started);
        PluginReport report = result.report();
        if (report.outcome() == Outcome.ERROR) {
            errors.add((slowed ? "slowed" : "A/A") + " trial " + index + ": "
                    + report.failure().orElse(report.verdicts().stream()
                            .filter(v -> v.effectiveOutcome() == Outcome.ERROR)
                            .map(ThresholdVerdict::message).findFirst().orElse("?")));
        }
        boolean firstAlarm = result.firstVerdicts().stream().anyMatch(v -> v.effectiveOutcome() == Outcome.FAIL);
        boolean alarm = report.outcome() == Outcome.FAIL;
        Trial trial = new Trial(index, slowed, firstAlarm, alarm, result.attempts(), wall, medians(report),
                report.verdicts().stream().map(Verdict::of).toList(), report.outcome() == Outcome.ERROR);
        onTrial.accept(trial);
        return trial;
    }

    private static RunSamples samples(String pluginId, PluginReport report) {
        Map<String, RunSamples.MetricSamples> metrics = new LinkedHashMap<>();
        for (MetricReport metric : report.metrics()) {
            metrics.put(metric.metric().name(), new RunSamples.MetricSamples(metric.samples(),
                    metric.metric().unit().symbol(), metric.metric().direction()));
        }
        return new RunSamples("calibration-baseline", Mode.REGRESSION.label(), java.time.Instant.now().toString(),
                Map.of(), Map.of(pluginId, metrics));
    }

    static Map<String, Double> medians(PluginReport report) {
        Map<String, Double> medians = new LinkedHashMap<>();
        for (MetricReport metric : report.metrics()) {
            medians.put(metric.metric().name(), metric.summary().median());
        }
        return medians;
    }

    /** The change a relative verdict measured, or empty for absolute ones and unjudged comparisons. */
    public static Optional<Comparison> comparison(ThresholdVerdict verdict) {
        return verdict.comparison().filter(c -> c.verdict() != Comparison.Verdict.NOT_JUDGED);
    }
}
