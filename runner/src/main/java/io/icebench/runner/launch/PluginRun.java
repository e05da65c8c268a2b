package io.icebench.runner.launch;

import io.icebench.runner.baseline.RunSamples;
import io.icebench.runner.config.RunConfig;
import io.icebench.runner.measure.Execution;
import io.icebench.runner.measure.PluginExecutor;
import io.icebench.runner.measure.RunContext;
import io.icebench.runner.measure.Slowdown;
import io.icebench.runner.statistics.Summaries;
import io.icebench.runner.statistics.Trend;
import io.icebench.runner.verdict.Gate;
import io.icebench.runner.verdict.InconclusivePolicy;
import io.icebench.spi.Measurement;
import io.icebench.spi.Measurements;
import io.icebench.spi.report.MetricReport;
import io.icebench.spi.report.Outcome;
import io.icebench.spi.report.PluginReport;
import io.icebench.spi.report.RunStatus;
import io.icebench.spi.report.ThresholdVerdict;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Runs one planned plugin and judges it, with the re-runs that make a regression gate's verdict trustworthy:
 * <ol>
 *   <li><b>Inconclusive thresholds get more samples.</b> While a threshold's interval straddles its limit, the
 *       plugin is run again (at most {@code icebench.inconclusive-reruns} times) and the new samples are pooled with
 *       the earlier ones, which narrows the interval. What is still INCONCLUSIVE then follows the threshold's
 *       {@code inconclusive} policy.</li>
 *   <li><b>Failures are confirmed.</b> A failed threshold or a detected regression makes the plugin run once more
 *       ({@code icebench.confirm-failures}); the threshold fails only if the re-run, judged on its own samples, fails
 *       it too. A verdict settled by the re-run carries the re-run's figures and says so in its message.</li>
 * </ol>
 * Explore mode makes neither re-run: it never fails, so there is nothing to confirm. The re-runs go through the
 * same executor, timeout and output folder as the first run.
 */
public final class PluginRun {

    private static final Logger LOG = Logger.getLogger(PluginRun.class);

    /**
     * A judged plugin run.
     *
     * @param report          what the reports show: pooled samples, final verdicts
     * @param firstVerdicts   the verdicts of the first attempt alone, before any re-run (calibration counts the
     *                        false alarms that confirmation removed)
     * @param attempts        how many times the plugin ran
     * @param reportedInconclusive thresholds with {@code inconclusive: report} still INCONCLUSIVE: exit 4
     */
    public record Result(PluginReport report, List<ThresholdVerdict> firstVerdicts, int attempts,
                         boolean reportedInconclusive) {
    }

    /** One execution of the plugin, judged on its own (or pooled) samples. */
    private record Attempt(Execution execution, RunStatus status, Optional<String> failure,
                           Optional<Measurements> measurements, List<ThresholdVerdict> verdicts, boolean freshJvm) {

        boolean completed() {
            return measurements.isPresent() && !status.failed();
        }
    }

    private PluginRun() {
    }

    /**
     * Runs and judges {@code run}.
     *
     * @param baseline the baseline's samples for relative thresholds; empty when none was given
     * @param slowdown added to the plugin's timed work (calibration); {@link Slowdown#NONE} otherwise
     */
    public static Result execute(PlannedRun run, Mode mode, RunConfig config, Path outputFolder,
                                 Optional<RunSamples> baseline, Slowdown slowdown) {
        List<String> history = new ArrayList<>();
        Attempt first = attempt(run, config, outputFolder, baseline, slowdown);
        Attempt current = first;
        int attempts = 1;
        Duration total = first.execution().duration();
        if (mode == Mode.REGRESSION && first.completed()) {
            int reruns = 0;
            while (reruns < config.inconclusiveReruns() && inconclusive(current.verdicts()) && current.completed()) {
                reruns++;
                LOG.infof("'%s': %s inconclusive; re-run %d of at most %d to pool more samples", run.plugin().id(),
                        names(current.verdicts(), Outcome.INCONCLUSIVE), reruns, config.inconclusiveReruns());
                Attempt more = attempt(run, config, outputFolder, baseline, slowdown);
                attempts++;
                total = total.plus(more.execution().duration());
                if (!more.completed()) {
                    history.add("inconclusive re-run " + reruns + " failed (" + more.failure().orElse("?")
                            + "); judged on the samples before it");
                    break;
                }
                current = pooled(run, config, baseline, current, more);
            }
            if (reruns > 0) {
                history.add(reruns + " re-run(s) for inconclusive thresholds, samples pooled");
            }
            if (config.confirmFailures() && current.completed() && failing(current.verdicts())) {
                LOG.infof("'%s': %s failed; re-running once to confirm before the gate fails", run.plugin().id(),
                        names(current.verdicts(), Outcome.FAIL));
                Attempt again = confirmation(run, config, outputFolder, baseline, slowdown);
                attempts++;
                total = total.plus(again.execution().duration());
                current = confirmed(current, again, history);
            }
        }
        // Gate.judge returns one verdict per threshold, in the thresholds' order.
        List<ThresholdVerdict> verdicts = current.verdicts();
        boolean reported = IntStream.range(0, verdicts.size()).anyMatch(i -> verdicts.get(i).outcome()
                == Outcome.INCONCLUSIVE && run.thresholds().get(i).inconclusive() == InconclusivePolicy.REPORT);
        return new Result(report(run, config, current, total, attempts, history), first.verdicts(), attempts,
                reported);
    }

    private static Attempt attempt(PlannedRun run, RunConfig config, Path outputFolder,
                                   Optional<RunSamples> baseline, Slowdown slowdown) {
        if (run.forks() > 1) {
            Optional<List<String>> application = builtIn(run) ? SelfLaunch.thisApplication() : Optional.empty();
            if (application.isPresent()) {
                return judged(run, config, baseline, forked(application.get(), run, config, slowdown), true);
            }
            LOG.warnf("'%s': forks: %d needs the packaged runner (bin/runner) and a built-in plugin; measuring %d"
                    + " times in this JVM instead", run.plugin().id(), run.forks(), run.forks());
            Attempt pooled = inProcess(run, config, outputFolder, baseline, slowdown);
            for (int fork = 1; fork < run.forks() && pooled.completed(); fork++) {
                Attempt more = inProcess(run, config, outputFolder, baseline, slowdown);
                if (!more.completed()) {
                    return more;
                }
                pooled = pooled(run, config, baseline, pooled, more);
            }
            return pooled;
        }
        return inProcess(run, config, outputFolder, baseline, slowdown);
    }

    /**
     * One measurement as {@code forks} JVMs of its own, one after the other, their samples pooled metric by metric:
     * what varies from one JVM to the next (JIT outcome, memory layout, libtorch's kernels) then averages out of the
     * median instead of deciding it.
     */
    private static Execution forked(List<String> application, PlannedRun run, RunConfig config, Slowdown slowdown) {
        Measurements pooled = null;
        java.time.Duration duration = java.time.Duration.ZERO;
        for (int fork = 1; fork <= run.forks(); fork++) {
            Execution one = SelfLaunch.measure(application, run, config, slowdown);
            duration = duration.plus(one.duration());
            if (one.measurements().isEmpty()) {
                return one;
            }
            pooled = pooled == null ? one.measurements().get() : pool(pooled, one.measurements().get());
        }
        LOG.debugf("'%s': measured in %d JVMs, samples pooled", run.plugin().id(), run.forks());
        return Execution.completed(pooled, duration);
    }

    private static boolean builtIn(PlannedRun run) {
        return run.plugin().source().startsWith(io.icebench.runner.discovery.PluginDiscovery.BUILT_IN);
    }

    private static Attempt inProcess(PlannedRun run, RunConfig config, Path outputFolder,
                                     Optional<RunSamples> baseline, Slowdown slowdown) {
        var plugin = run.plugin();
        RunContext context = new RunContext(plugin.id(), run.parameters(), config.dataset(), outputFolder, slowdown);
        return judged(run, config, baseline, PluginExecutor.execute(plugin.plugin(), plugin.id(), context,
                run.timeout()), false);
    }

    /**
     * The confirmation re-run: in a JVM of its own when this is the packaged runner, the plugin is built in and
     * {@code icebench.confirm-in-fresh-jvm} is on, so that a false alarm caused by this JVM (its JIT decisions, its
     * memory layout, libtorch's kernel choice) is not confirmed by the same JVM; otherwise here.
     */
    private static Attempt confirmation(PlannedRun run, RunConfig config, Path outputFolder,
                                        Optional<RunSamples> baseline, Slowdown slowdown) {
        Optional<List<String>> application = config.confirmInFreshJvm() && builtIn(run)
                ? SelfLaunch.thisApplication() : Optional.empty();
        if (application.isEmpty() || run.forks() > 1) {
            return attempt(run, config, outputFolder, baseline, slowdown);
        }
        LOG.debugf("'%s': confirming in a fresh JVM", run.plugin().id());
        return judged(run, config, baseline, SelfLaunch.measure(application.get(), run, config, slowdown), true);
    }

    private static Attempt judged(PlannedRun run, RunConfig config, Optional<RunSamples> baseline,
                                  Execution execution, boolean freshJvm) {
        var plugin = run.plugin();
        RunStatus status = execution.status();
        Optional<String> failure = execution.failure();
        Optional<Measurements> measurements = execution.measurements();
        if (measurements.isPresent()) {
            for (Measurement measurement : measurements.get().measurements()) {
                if (measurement.sampleCount() == 0) {
                    status = RunStatus.ERROR;
                    failure = Optional.of("plugin '" + plugin.id() + "' reported metric '"
                            + measurement.metric().name() + "' without samples");
                }
            }
        }
        return new Attempt(execution, status, failure, measurements, judge(run, config, baseline, status, failure,
                measurements), freshJvm);
    }

    private static List<ThresholdVerdict> judge(PlannedRun run, RunConfig config, Optional<RunSamples> baseline,
                                                RunStatus status, Optional<String> failure,
                                                Optional<Measurements> measurements) {
        return Gate.judge(run.thresholds(), measurements.map(Measurements::measurements), failure.orElse(""),
                config.confidenceLevel(), run.plugin().id(), baseline, config.alpha());
    }

    /** The first attempt's samples followed by the re-run's, metric by metric; judged anew. */
    private static Attempt pooled(PlannedRun run, RunConfig config, Optional<RunSamples> baseline, Attempt before,
                                  Attempt more) {
        Measurements result = pool(before.measurements().orElseThrow(), more.measurements().orElseThrow());
        return new Attempt(more.execution(), more.status(), more.failure(), Optional.of(result),
                judge(run, config, baseline, more.status(), more.failure(), Optional.of(result)), more.freshJvm());
    }

    /** {@code earlier}'s samples followed by {@code later}'s, metric by metric; tables and properties of the later. */
    static Measurements pool(Measurements earlier, Measurements later) {
        Measurements.Builder pooled = Measurements.builder();
        for (Measurement measurement : earlier.measurements()) {
            Optional<Measurement> added = later.measurements().stream()
                    .filter(m -> m.metric().name().equals(measurement.metric().name()))
                    .findFirst();
            double[] a = measurement.samples();
            double[] b = added.map(Measurement::samples).orElse(new double[0]);
            double[] both = java.util.Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, both, a.length, b.length);
            pooled.add(measurement.metric(), both);
        }
        later.tables().forEach(pooled::table);
        later.series().forEach(pooled::series);
        later.properties().forEach(pooled::property);
        return pooled.build();
    }

    /**
     * Final verdicts after a confirmation re-run: each threshold that failed is judged on the re-run's samples and
     * fails only if it fails there too; the others keep their verdict. The samples shown stay the earlier ones.
     */
    private static Attempt confirmed(Attempt before, Attempt again, List<String> history) {
        List<ThresholdVerdict> verdicts = new ArrayList<>();
        int confirmed = 0;
        int cleared = 0;
        for (int i = 0; i < before.verdicts().size(); i++) {
            ThresholdVerdict earlier = before.verdicts().get(i);
            if (earlier.effectiveOutcome() != Outcome.FAIL) {
                verdicts.add(earlier);
                continue;
            }
            if (!again.completed()) {
                verdicts.add(annotated(earlier, "the confirmation re-run failed (" + again.failure().orElse("?")
                        + "), so the first run's verdict stands"));
                confirmed++;
                continue;
            }
            ThresholdVerdict later = again.verdicts().get(i);
            if (later.effectiveOutcome() == Outcome.FAIL) {
                confirmed++;
                verdicts.add(annotated(later, "confirmed by a re-run" + where(again) + " (first run: "
                        + brief(earlier) + ")"));
            } else {
                cleared++;
                verdicts.add(annotated(later, "not confirmed: the first run failed (" + brief(earlier)
                        + ") but the confirmation re-run" + where(again) + " did not, so it passes"));
            }
        }
        history.add("1 confirmation re-run: " + confirmed + " failure(s) confirmed, " + cleared + " not confirmed");
        return new Attempt(before.execution(), before.status(), before.failure(), before.measurements(), verdicts,
                false);
    }

    private static String where(Attempt attempt) {
        return attempt.freshJvm() ? " in a fresh JVM" : "";
    }

    /** A verdict's figure in a few words: {@code 51.2 [49.8, 53.0] ms} or {@code change +12.1% (p = 0.0003)}. */
    private static String brief(ThresholdVerdict verdict) {
        return verdict.comparison()
                .filter(c -> c.verdict() != io.icebench.spi.report.Comparison.Verdict.NOT_JUDGED)
                .map(c -> "change " + c.changeText() + ", p = " + c.pValueText())
                .orElse(verdict.measuredText() + " " + verdict.unit());
    }

    private static ThresholdVerdict annotated(ThresholdVerdict verdict, String note) {
        return new ThresholdVerdict(verdict.metric(), verdict.statistic(), verdict.bound(), verdict.limit(),
                verdict.unit(), verdict.rationale(), verdict.measured(), verdict.outcome(),
                verdict.message() + "; " + note, verdict.interval(), verdict.inconclusiveFails(),
                verdict.comparison());
    }

    private static PluginReport report(PlannedRun run, RunConfig config, Attempt attempt, Duration duration,
                                       int attempts, List<String> history) {
        var plugin = run.plugin();
        attempt.failure().ifPresent(reason -> LOG.errorf("%s", reason));
        List<MetricReport> metrics = new ArrayList<>();
        Map<String, String> trends = new LinkedHashMap<>();
        Measurements measurements = attempt.measurements().orElse(null);
        if (measurements != null) {
            for (Measurement measurement : measurements.measurements()) {
                if (measurement.sampleCount() > 0) {
                    metrics.add(new MetricReport(measurement.metric(), measurement.samples(),
                            Summaries.of(measurement.samples(), config.confidenceLevel())));
                    Trend.check(measurement.metric().name(), measurement.samples(),
                            measurement.metric().direction(), config.alpha()).ifPresent(warning -> {
                                LOG.warnf("'%s': %s", plugin.id(), warning);
                                trends.put("icebench.trend." + measurement.metric().name(), warning);
                            });
                }
            }
        }
        Map<String, String> properties = new LinkedHashMap<>(measurements == null ? Map.of()
                : measurements.properties());
        properties.putAll(trends);
        if (attempts > 1) {
            properties.put("icebench.attempts", attempts + " (" + String.join("; ", history) + ")");
        }
        LOG.debugf("plugin '%s' finished in %d ms with %d metrics after %d attempt(s)", plugin.id(),
                duration.toMillis(), metrics.size(), attempts);
        return new PluginReport(plugin.id(), plugin.kind(), plugin.description(), plugin.source(), attempt.status(),
                attempt.failure(), duration, run.parameters().asText(), metrics,
                measurements == null ? List.of() : measurements.tables(),
                measurements == null ? List.of() : measurements.series(), properties, attempt.verdicts(),
                List.of());
    }

    private static boolean inconclusive(List<ThresholdVerdict> verdicts) {
        return verdicts.stream().anyMatch(v -> v.outcome() == Outcome.INCONCLUSIVE);
    }

    private static boolean failing(List<ThresholdVerdict> verdicts) {
        return verdicts.stream().anyMatch(v -> v.effectiveOutcome() == Outcome.FAIL);
    }

    private static String names(List<ThresholdVerdict> verdicts, Outcome outcome) {
        return String.join(", ", verdicts.stream()
                .filter(v -> (outcome == Outcome.FAIL ? v.effectiveOutcome() : v.outcome()) == outcome)
                .map(v -> v.statistic() + "(" + v.metric() + ")").toList());
    }
}
