package io.icebench.runner.launch;

import io.icebench.runner.config.RunConfig;
import io.icebench.runner.measure.Execution;
import io.icebench.runner.measure.Interference;
import io.icebench.runner.verdict.Reliability;
import io.icebench.runner.verdict.Gate;
import io.icebench.spi.Measurement;
import io.icebench.spi.Measurements;
import io.icebench.spi.report.Outcome;
import io.icebench.spi.PluginReport;
import io.icebench.spi.report.RunStatus;
import io.icebench.spi.report.ThresholdVerdict;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs one planned plugin and judges it, with the re-runs that make a regression gate's verdict trustworthy:
 * <ol>
 *   <li><b>Inconclusive thresholds get more samples.</b> While a threshold's interval straddles its limit, the
 *       plugin is run again (at most {@code icebench.inconclusive-reruns} times) and the new samples are pooled with
 *       the earlier ones, which narrows the interval. What is still INCONCLUSIVE then follows the threshold's
 *       {@code inconclusive} policy.</li>
 *   <li><b>Failures are confirmed.</b> A failed threshold or a detected regression makes the plugin run once more
 *       ({@code icebench.confirm-failures}); the threshold fails only if the re-run, judged on its own samples, fails
 *       it too. A verdict settled by the re-run carries the re-run's figures and says so in its message. When only
 *       wall-clock thresholds failed and the machine was busy during the first run ({@link Interference}), there is
 *       no re-run: it would measure the machine again, and those failures are UNRELIABLE.</li>
 * </ol>
 * Explore mode makes neither re-run: it never fails, so there is nothing to confirm. Measuring is
 * {@link Measuring}'s, the report {@link PluginReports}'s; this class is the policy between them.
 *
 * <p>The report always shows the samples its verdicts were judged on: the pooled samples after inconclusive
 * re-runs, the confirmation re-run's after a confirmation (the first run's figure is named in the verdict).
 */
public final class PluginRun {

    private static final Logger LOG = Logger.getLogger(PluginRun.class);

    /**
     * A judged plugin run.
     *
     * @param report        what the reports show: the samples judged, final verdicts
     * @param firstVerdicts the verdicts of the first attempt alone, before any re-run (calibration counts the
     *                      false alarms that confirmation removed)
     * @param attempts      how many times the plugin ran
     */
    public record Result(PluginReport report, List<ThresholdVerdict> firstVerdicts, int attempts) {
    }

    /** One execution of the plugin, judged on its own (or pooled) samples. */
    record Attempt(Execution execution, RunStatus status, Optional<String> failure,
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
     * @param evidence what relative thresholds compare with; {@link Gate.Evidence#NONE} for none
     */
    public static Result execute(PlannedRun run, Mode mode, Measuring.Setup setup, Gate.Evidence evidence) {
        RunConfig config = setup.config();
        List<String> history = new ArrayList<>();
        Optional<Interference.Probe> probe = setup.watchMachine() ? Optional.of(Interference.start())
                : Optional.empty();
        Attempt first = judged(run, config, evidence, Measuring.once(run, setup),
                Measuring.inForks(run, setup, false));
        List<String> busy = probe.flatMap(Interference.Probe::stop).map(Interference.Figures::evidence)
                .orElse(List.of());
        Attempt current = first;
        int attempts = 1;
        Duration total = first.execution().duration();
        if (mode == Mode.REGRESSION && first.completed()) {
            int reruns = 0;
            while (reruns < config.inconclusiveReruns() && inconclusive(current.verdicts()) && current.completed()) {
                reruns++;
                LOG.infof("'%s': %s inconclusive; re-run %d of at most %d to pool more samples", run.plugin().id(),
                        names(current.verdicts(), Outcome.INCONCLUSIVE), reruns, config.inconclusiveReruns());
                Attempt more = judged(run, config, evidence, Measuring.once(run, setup), first.freshJvm());
                attempts++;
                total = total.plus(more.execution().duration());
                if (!more.completed()) {
                    history.add("inconclusive re-run " + reruns + " failed (" + more.failure().orElse("?")
                            + "); judged on the samples before it");
                    break;
                }
                current = pooled(run, config, evidence, current, more);
            }
            if (reruns > 0) {
                history.add(reruns + " re-run(s) for inconclusive thresholds, samples pooled");
            }
            if (config.confirmFailures() && current.completed() && failing(current.verdicts()) && !busy.isEmpty()
                    && onlyWallClockFailures(current)) {
                // Every failure is on a figure the load moves: a re-run would measure the load again, and the
                // verdict will be UNRELIABLE (Reliability) either way.
                LOG.infof("'%s': %s failed while the machine was busy (%s); no confirmation re-run", run.plugin().id(),
                        names(current.verdicts(), Outcome.FAIL), String.join("; ", busy));
                history.add("no confirmation re-run: only wall-clock thresholds failed, and the machine was busy ("
                        + String.join("; ", busy) + ")");
            } else if (config.confirmFailures() && current.completed() && failing(current.verdicts())) {
                LOG.infof("'%s': %s failed; re-running once to confirm before the gate fails", run.plugin().id(),
                        names(current.verdicts(), Outcome.FAIL));
                // In a fresh JVM unless confirm-in-fresh-jvm is off; then measured as the first attempt was.
                boolean fresh = config.confirmInFreshJvm();
                Attempt again = judged(run, config, evidence, fresh ? Measuring.fresh(run, setup)
                        : Measuring.once(run, setup), Measuring.inForks(run, setup, fresh));
                attempts++;
                total = total.plus(again.execution().duration());
                current = confirmed(current, again, history);
            }
        }
        return new Result(PluginReports.assemble(run, config, current.status(), current.failure(),
                current.measurements(), current.verdicts(), total, attempts, history), first.verdicts(), attempts);
    }

    private static Attempt judged(PlannedRun run, RunConfig config, Gate.Evidence evidence, Execution execution,
                                  boolean freshJvm) {
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
        return new Attempt(execution, status, failure, measurements, judge(run, config, evidence, failure,
                measurements), freshJvm);
    }

    static List<ThresholdVerdict> judge(PlannedRun run, RunConfig config, Gate.Evidence evidence,
                                        Optional<String> failure, Optional<Measurements> measurements) {
        return Gate.judge(run.thresholds(), measurements.map(Measurements::measurements), failure.orElse(""),
                config.confidenceLevel(), run.plugin().id(), evidence, config.alpha());
    }

    /** The first attempt's samples followed by the re-run's, metric by metric; judged anew. */
    private static Attempt pooled(PlannedRun run, RunConfig config, Gate.Evidence evidence, Attempt before,
                                  Attempt more) {
        Measurements result = Measuring.pool(before.measurements().orElseThrow(), more.measurements().orElseThrow());
        return new Attempt(more.execution(), more.status(), more.failure(), Optional.of(result),
                judge(run, config, evidence, more.failure(), Optional.of(result)), more.freshJvm());
    }

    /**
     * Final verdicts after a confirmation re-run. A threshold that failed fails only if it fails on the re-run's
     * samples too; one that passed stays passed. The verdicts and the samples shown are the re-run's, so the report
     * never shows one run's histogram beside another run's verdict; each verdict names the first run's figure.
     * When the re-run itself failed, the first run's samples and verdicts stand.
     */
    private static Attempt confirmed(Attempt before, Attempt again, List<String> history) {
        if (!again.completed()) {
            List<ThresholdVerdict> kept = new ArrayList<>();
            for (ThresholdVerdict earlier : before.verdicts()) {
                kept.add(earlier.effectiveOutcome() != Outcome.FAIL ? earlier : earlier.annotated(
                        "the confirmation re-run failed (" + again.failure().orElse("?")
                                + "), so the first run's verdict stands"));
            }
            history.add("1 confirmation re-run, which failed: the first run's verdicts stand");
            return new Attempt(before.execution(), before.status(), before.failure(), before.measurements(), kept,
                    before.freshJvm());
        }
        List<ThresholdVerdict> verdicts = new ArrayList<>();
        int confirmed = 0;
        int cleared = 0;
        for (int i = 0; i < before.verdicts().size(); i++) {
            ThresholdVerdict earlier = before.verdicts().get(i);
            ThresholdVerdict later = again.verdicts().get(i);
            boolean failedBefore = earlier.effectiveOutcome() == Outcome.FAIL;
            boolean failsNow = later.effectiveOutcome() == Outcome.FAIL;
            if (failedBefore && failsNow) {
                confirmed++;
                verdicts.add(later.annotated("confirmed by a re-run" + where(again) + " (first run: "
                        + brief(earlier) + ")"));
            } else if (failedBefore) {
                cleared++;
                verdicts.add(later.annotated("not confirmed: the first run failed (" + brief(earlier)
                        + ") but the confirmation re-run" + where(again) + " did not, so it passes"));
            } else if (failsNow) {
                verdicts.add(new ThresholdVerdict(later.metric(), later.statistic(), later.bound(), later.limit(),
                        later.unit(), later.rationale(), later.measured(), earlier.outcome(), later.message()
                        + "; counts as " + earlier.outcome() + ": the first run passed (" + brief(earlier)
                        + ") and only its confirmation re-run" + where(again) + " failed it",
                        later.interval(), later.inconclusive(), later.comparison()));
            } else {
                verdicts.add(later);
            }
        }
        history.add("1 confirmation re-run" + where(again) + ": " + confirmed + " failure(s) confirmed, " + cleared
                + " not confirmed; the report shows the re-run's samples");
        return new Attempt(again.execution(), again.status(), again.failure(), again.measurements(), verdicts,
                again.freshJvm());
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

    private static boolean inconclusive(List<ThresholdVerdict> verdicts) {
        return verdicts.stream().anyMatch(v -> v.outcome() == Outcome.INCONCLUSIVE && !v.relative());
    }

    /** Whether every failed threshold is absolute and on a wall-clock metric. */
    private static boolean onlyWallClockFailures(Attempt attempt) {
        return attempt.verdicts().stream().filter(v -> v.effectiveOutcome() == Outcome.FAIL).allMatch(v ->
                Reliability.loadCanExcuse(v, attempt.measurements().orElseThrow().measurements().stream()
                        .filter(m -> m.metric().name().equals(v.metric())).findFirst()
                        .map(m -> m.metric().basis()).orElse(io.icebench.spi.Metric.Basis.WALL)));
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
