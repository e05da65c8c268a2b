package io.icebench.runner.verdict;

import io.icebench.runner.baseline.RunSamples;
import io.icebench.runner.statistics.PairedComparison;
import io.icebench.runner.statistics.RelativeComparison;
import io.icebench.runner.statistics.Statistic;
import io.icebench.runner.statistics.Summaries;
import io.icebench.spi.Measurement;
import io.icebench.spi.report.Bound;
import io.icebench.spi.report.Comparison;
import io.icebench.spi.report.InconclusivePolicy;
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

    /** The significance level of relative thresholds' tests when the configuration does not set one. */
    public static final double DEFAULT_ALPHA = 0.01;

    /**
     * What relative thresholds are judged against: a stored baseline's samples ({@code --baseline}) for
     * {@link Threshold.Relative}, the base revision's forks ({@code --against}) for {@link Threshold.Paired}. Either
     * may be missing; its thresholds are then NOT JUDGED, with the option that would judge them.
     */
    public record Evidence(Optional<RunSamples> baseline, Optional<PairedForks> paired) {

        /** Absolute thresholds only. */
        public static final Evidence NONE = new Evidence(Optional.empty(), Optional.empty());

        public static Evidence of(Optional<RunSamples> baseline) {
            return new Evidence(baseline, Optional.empty());
        }
    }

    /**
     * The per-fork statistics of a paired A/B run, by metric, paired by block index.
     *
     * @param against what A is, for the reports: {@code HEAD~1 = 68af75b}
     * @param a       the base's statistic per block
     * @param b       this build's statistic per block
     */
    public record PairedForks(String against, java.util.Map<String, double[]> a, java.util.Map<String, double[]> b) {

        /** How many blocks have both sides of {@code metric}. */
        public int blocks(String metric) {
            return Math.min(a.getOrDefault(metric, new double[0]).length, b.getOrDefault(metric, new double[0]).length);
        }
    }

    /**
     * Judges every threshold, with no baseline: relative and paired thresholds are NOT JUDGED.
     *
     * @param measurements the plugin's measurements; empty when the plugin failed to run, which makes every
     *                     threshold an ERROR
     * @param failure      why the plugin failed, for the verdicts' messages; ignored when measurements are present
     */
    public static List<ThresholdVerdict> judge(List<Threshold> thresholds, Optional<List<Measurement>> measurements,
                                               String failure) {
        return judge(thresholds, measurements, failure, Summaries.DEFAULT_CONFIDENCE_LEVEL, "", Evidence.NONE,
                DEFAULT_ALPHA);
    }

    /**
     * Judges every threshold, one verdict per threshold in their order, each carrying its threshold's
     * {@code inconclusive} policy.
     *
     * @param level    confidence level of absolute thresholds' intervals and of a stored comparison's change
     * @param pluginId whose samples to take from a stored baseline
     * @param alpha    significance level of a stored comparison's test; 1 − the level of a paired interval
     * @see #judge(List, Optional, String)
     */
    public static List<ThresholdVerdict> judge(List<Threshold> thresholds, Optional<List<Measurement>> measurements,
                                               String failure, double level, String pluginId, Evidence evidence,
                                               double alpha) {
        List<ThresholdVerdict> verdicts = new ArrayList<>(thresholds.size());
        for (Threshold threshold : thresholds) {
            if (measurements.isEmpty()) {
                verdicts.add(error(threshold, "?", "not judged: the plugin did not complete (" + failure + ")"));
            } else if (threshold instanceof Threshold.Absolute absolute) {
                verdicts.add(judge(absolute, measurements.get(), level));
            } else if (threshold instanceof Threshold.Relative relative) {
                verdicts.add(judgeRelative(relative, measurements.get(), pluginId, evidence.baseline(), alpha, level));
            } else {
                verdicts.add(judgePaired((Threshold.Paired) threshold, measurements.get(), evidence.paired(), alpha));
            }
        }
        return verdicts;
    }

    static ThresholdVerdict judge(Threshold.Absolute threshold, List<Measurement> measurements, double level) {
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
                pass ? Outcome.PASS : Outcome.FAIL, message, Optional.empty(), threshold.inconclusive(),
                Optional.empty());
    }

    static ThresholdVerdict judgeRelative(Threshold.Relative threshold, List<Measurement> measurements, String pluginId,
                                          Optional<RunSamples> baseline, double alpha, double level) {
        Optional<Measurement> match = withSamples(measurements, threshold.metric());
        if (match.isEmpty()) {
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
            return relativeVerdict(threshold, unit, median, Comparison.notJudged(Comparison.Method.STORED_BASELINE,
                    pct), "NOT JUDGED: " + why);
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
        return relativeVerdict(threshold, Statistic.MEDIAN, unit, median, comparison, message);
    }

    private static ThresholdVerdict relativeVerdict(Threshold threshold, Statistic statistic, String unit,
                                                    double median, Comparison comparison, String message) {
        return new ThresholdVerdict(threshold.metric(), statistic.name(), Bound.MAX,
                comparison.maxRegressionPercent(), unit, threshold.rationale(), OptionalDouble.of(median),
                comparison.outcome(), message, Optional.empty(), threshold.inconclusive(), Optional.of(comparison));
    }

    static ThresholdVerdict judgePaired(Threshold.Paired threshold, List<Measurement> measurements,
                                        Optional<PairedForks> paired, double alpha) {
        Optional<Measurement> match = withSamples(measurements, threshold.metric());
        if (match.isEmpty()) {
            return error(threshold, "%", "metric '" + threshold.metric() + "' was not reported or has no samples");
        }
        Measurement measurement = match.get();
        String unit = measurement.metric().unit().symbol();
        double pooled = threshold.statistic().evaluate(measurement.samples());
        double pct = threshold.maxRegressionPercent();
        if (paired.isEmpty() || paired.get().blocks(threshold.key()) == 0) {
            String why = paired.isEmpty()
                    ? "not measured against a base: pass --against REF (a git revision, such as HEAD~1) or"
                            + " --against-app DIR"
                    : "the base (" + paired.get().against() + ") has no samples of " + threshold.metric();
            return relativeVerdict(threshold, threshold.statistic(), unit, pooled,
                    Comparison.notJudged(Comparison.Method.PAIRED, pct), "NOT JUDGED: " + why);
        }
        int blocks = paired.get().blocks(threshold.key());
        double[] a = java.util.Arrays.copyOf(paired.get().a().get(threshold.key()), blocks);
        double[] b = java.util.Arrays.copyOf(paired.get().b().get(threshold.key()), blocks);
        Comparison comparison;
        try {
            comparison = PairedComparison.compare(a, b, measurement.metric().direction(), pct, alpha,
                    paired.get().against());
        } catch (IllegalArgumentException e) {
            return error(threshold, unit, "paired comparison of '" + threshold.metric() + "' impossible: "
                    + e.getMessage());
        }
        String message = comparison.verdict() + ": per-fork " + threshold.statistic() + ", median over forks "
                + Numbers.format(comparison.oldMedian())
                + " -> " + Numbers.format(comparison.newMedian()) + " " + unit + ", " + comparison.ratioText()
                + " blocks, change " + comparison.changeText() + " (" + Numbers.format(comparison.level() * 100)
                + "% t-interval of the mean log ratio), max regression " + Numbers.format(pct) + "% ("
                + measurement.metric().direction().label() + " is better), against " + paired.get().against()
                + (comparison.verdict() == Comparison.Verdict.INCONCLUSIVE
                        ? switch (threshold.inconclusive()) {
                            case FAIL -> "; the budget ran out first: counts as FAIL (inconclusive: fail)";
                            case REPORT -> "; the budget ran out first: passes with a warning, the run exits 4"
                                    + " (inconclusive: report)";
                            case WARN -> "; the budget ran out first: passes with a warning (inconclusive: warn)";
                        }
                        : "");
        return relativeVerdict(threshold, threshold.statistic(), unit, pooled, comparison, message);
    }

    private static ThresholdVerdict judgeInterval(Threshold.Absolute threshold, String unit, double value,
                                                  Interval interval) {
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
                Optional.of(interval), threshold.inconclusive(), Optional.empty());
    }

    /** The measurement of {@code metric}, when it was reported with samples. */
    private static Optional<Measurement> withSamples(List<Measurement> measurements, String metric) {
        return measurements.stream().filter(m -> m.metric().name().equals(metric) && m.sampleCount() > 0)
                .findFirst();
    }

    private static ThresholdVerdict error(Threshold threshold, String unit, String message) {
        if (threshold instanceof Threshold.Absolute absolute) {
            return new ThresholdVerdict(absolute.metric(), absolute.statistic().name(), absolute.bound(),
                    absolute.limit(), unit, absolute.rationale(), OptionalDouble.empty(), Outcome.ERROR, message,
                    Optional.empty(), absolute.inconclusive(), Optional.empty());
        }
        boolean paired = threshold instanceof Threshold.Paired;
        double pct = paired ? ((Threshold.Paired) threshold).maxRegressionPercent()
                : ((Threshold.Relative) threshold).maxRegressionPercent();
        return new ThresholdVerdict(threshold.metric(), paired ? ((Threshold.Paired) threshold).statistic().name()
                : Statistic.MEDIAN.name(), Bound.MAX, pct, unit,
                threshold.rationale(), OptionalDouble.empty(), Outcome.ERROR, message, Optional.empty(),
                threshold.inconclusive(), Optional.of(Comparison.notJudged(paired ? Comparison.Method.PAIRED
                        : Comparison.Method.STORED_BASELINE, pct)));
    }
}
