package io.icebench.runner.verdict;

import io.icebench.runner.baseline.RunSamples;
import io.icebench.runner.statistics.RelativeComparison;
import io.icebench.runner.statistics.Statistic;
import io.icebench.runner.statistics.Summaries;
import io.icebench.spi.Measurement;
import io.icebench.spi.report.Comparison;
import io.icebench.spi.report.Interval;
import io.icebench.spi.report.Numbers;
import io.icebench.spi.report.Outcome;
import io.icebench.spi.report.ThresholdVerdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * Judges thresholds against a plugin's measurements: the one place where pass and fail are decided.
 *
 * <p>Thresholds on the median, a percentile or the mean are judged on the statistic's confidence interval
 * ({@link Statistic#interval}): PASS when the whole interval satisfies the bound, FAIL when none of it does,
 * INCONCLUSIVE when it straddles the limit (the threshold's {@code inconclusive} policy then decides how the run
 * counts it, after the launcher's re-runs). {@code min} and {@code max} are compared as point values.
 */
public final class Gate {

    private Gate() {
    }

    /**
     * Judges every threshold.
     *
     * @param measurements the plugin's measurements; empty when the plugin failed to run, which makes every
     *                     threshold an ERROR
     * @param failure      why the plugin failed, for the verdicts' messages; ignored when measurements are present
     */
    public static List<ThresholdVerdict> judge(List<Threshold> thresholds, Optional<List<Measurement>> measurements,
                                               String failure) {
        return judge(thresholds, measurements, failure, Summaries.DEFAULT_CONFIDENCE_LEVEL);
    }

    /**
     * Judges every threshold, medians on their confidence interval at {@code level}.
     *
     * @see #judge(List, Optional, String)
     */
    public static List<ThresholdVerdict> judge(List<Threshold> thresholds, Optional<List<Measurement>> measurements,
                                               String failure, double level) {
        return judge(thresholds, measurements, failure, level, "", Optional.empty(), DEFAULT_ALPHA);
    }

    /** The significance level of relative thresholds' Mann-Whitney U test when the configuration does not set one. */
    public static final double DEFAULT_ALPHA = 0.01;

    /**
     * Judges every threshold; relative ones ({@code max_regression}) against {@code baseline}'s samples of the same
     * plugin and metric, NOT_JUDGED when there is no baseline or it lacks the metric.
     *
     * @see #judge(List, Optional, String)
     */
    public static List<ThresholdVerdict> judge(List<Threshold> thresholds, Optional<List<Measurement>> measurements,
                                               String failure, double level, String pluginId,
                                               Optional<RunSamples> baseline, double alpha) {
        List<ThresholdVerdict> verdicts = new ArrayList<>(thresholds.size());
        for (Threshold threshold : thresholds) {
            verdicts.add(measurements
                    .map(found -> threshold.relative()
                            ? judgeRelative(threshold, found, pluginId, baseline, alpha, level)
                            : judge(threshold, found, level))
                    .orElseGet(() -> error(threshold, "?", "not judged: the plugin did not complete (" + failure + ")")));
        }
        return verdicts;
    }

    static ThresholdVerdict judge(Threshold threshold, List<Measurement> measurements, double level) {
        Optional<Measurement> match = measurements.stream()
                .filter(m -> m.metric().name().equals(threshold.metric()))
                .findFirst();
        if (match.isEmpty()) {
            String reported = measurements.stream().map(m -> m.metric().name()).collect(Collectors.joining(", "));
            return error(threshold, "?", "metric '" + threshold.metric() + "' was not reported; reported: "
                    + (reported.isEmpty() ? "(none)" : reported));
        }
        Measurement measurement = match.get();
        String unit = measurement.metric().unit().symbol();
        if (measurement.sampleCount() == 0) {
            return error(threshold, unit, "metric '" + threshold.metric() + "' has no samples");
        }
        double value = threshold.statistic().evaluate(measurement.samples());
        Optional<Interval> interval = threshold.statistic().interval(measurement.samples(), level);
        if (interval.isPresent()) {
            return judgeInterval(threshold, unit, value, interval.get());
        }
        boolean pass = threshold.bound().accepts(value, threshold.limit());
        String message = threshold.statistic() + "(" + threshold.metric() + ") = " + Numbers.format(value) + " " + unit
                + (pass ? ", within " : ", outside ") + threshold.bound().label() + " "
                + Numbers.format(threshold.limit()) + " " + unit;
        return new ThresholdVerdict(threshold.metric(), threshold.statistic().name(), threshold.bound(),
                threshold.limit(), unit, threshold.rationale(), OptionalDouble.of(value),
                pass ? Outcome.PASS : Outcome.FAIL, message, Optional.empty(), threshold.inconclusiveFails());
    }

    static ThresholdVerdict judgeRelative(Threshold threshold, List<Measurement> measurements, String pluginId,
                                          Optional<RunSamples> baseline, double alpha, double level) {
        Optional<Measurement> match = measurements.stream()
                .filter(m -> m.metric().name().equals(threshold.metric()))
                .findFirst();
        if (match.isEmpty() || match.get().sampleCount() == 0) {
            return error(threshold, "%", "metric '" + threshold.metric() + "' was not reported or has no samples");
        }
        Measurement measurement = match.get();
        double[] now = measurement.samples();
        double median = Statistic.MEDIAN.evaluate(now);
        String unit = measurement.metric().unit().symbol();
        double pct = threshold.maxRegressionPercent();
        Optional<RunSamples.MetricSamples> before = baseline.flatMap(b -> b.metric(pluginId, threshold.metric()));
        if (before.isEmpty() || before.get().samples().length == 0) {
            String why = baseline.isEmpty()
                    ? "no baseline: pass --baseline NAME|latest|FILE (save one with 'runner baseline save')"
                    : "baseline run " + baseline.get().runId() + " has no samples of " + pluginId + "/"
                            + threshold.metric();
            return relativeVerdict(threshold, unit, median, Comparison.notJudged(pct),
                    "NOT JUDGED: " + why);
        }
        Comparison comparison = RelativeComparison.compare(before.get().samples(), now,
                measurement.metric().direction(), pct, alpha, level, baseline.get().runId());
        String message = comparison.verdict() + ": median " + Numbers.format(comparison.oldMedian()) + " -> "
                + Numbers.format(comparison.newMedian()) + " " + unit + ", change " + comparison.changeText()
                + " (" + Numbers.format(level * 100) + "% CI, Hodges-Lehmann), one-sided Mann-Whitney p = "
                + comparison.pValueText() + " (alpha " + Numbers.format(alpha) + "), max regression "
                + Numbers.format(pct) + "% (" + measurement.metric().direction().label() + " is better)";
        return relativeVerdict(threshold, unit, median, comparison, message);
    }

    private static ThresholdVerdict relativeVerdict(Threshold threshold, String unit, double median,
                                                    Comparison comparison, String message) {
        return new ThresholdVerdict(threshold.metric(), threshold.statistic().name(), threshold.bound(),
                threshold.limit(), unit, threshold.rationale(), OptionalDouble.of(median), comparison.outcome(),
                message, Optional.empty(), threshold.inconclusiveFails(), Optional.of(comparison));
    }

    private static ThresholdVerdict judgeInterval(Threshold threshold, String unit, double value, Interval interval) {
        Outcome outcome = interval.inside(threshold.bound(), threshold.limit()) ? Outcome.PASS
                : interval.outside(threshold.bound(), threshold.limit()) ? Outcome.FAIL
                : Outcome.INCONCLUSIVE;
        String where = switch (outcome) {
            case PASS -> ", wholly within ";
            case FAIL -> ", wholly outside ";
            default -> ", straddling ";
        };
        String level = Numbers.format(interval.level() * 100) + "% CI " + interval.format()
                + (interval.tooFewSamples() ? " (too few samples for that level: min..max)" : "");
        String message = threshold.statistic() + "(" + threshold.metric() + ") = " + Numbers.format(value) + " "
                + unit + ", " + level + where + threshold.bound().label() + " " + Numbers.format(threshold.limit())
                + " " + unit
                + (outcome == Outcome.INCONCLUSIVE
                        ? switch (threshold.inconclusive()) {
                            case FAIL -> "; inconclusive counts as FAIL (inconclusive: fail)";
                            case REPORT -> "; passes with a warning, the run exits 4 (inconclusive: report)";
                            case WARN -> "; passes with a warning (inconclusive: warn)";
                        }
                        : "");
        return new ThresholdVerdict(threshold.metric(), threshold.statistic().name(), threshold.bound(),
                threshold.limit(), unit, threshold.rationale(), OptionalDouble.of(value), outcome, message,
                Optional.of(interval), threshold.inconclusiveFails());
    }

    private static ThresholdVerdict error(Threshold threshold, String unit, String message) {
        return new ThresholdVerdict(threshold.metric(), threshold.statistic().name(), threshold.bound(),
                threshold.limit(), unit, threshold.rationale(), OptionalDouble.empty(), Outcome.ERROR, message,
                Optional.empty(), threshold.inconclusiveFails(),
                threshold.relative() ? Optional.of(Comparison.notJudged(threshold.maxRegressionPercent()))
                        : Optional.empty());
    }
}
