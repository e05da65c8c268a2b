package io.icebench.spi.report;

import java.util.Objects;

/**
 * A relative threshold's comparison of this run's samples with a baseline's samples of the same plugin and metric.
 *
 * @param verdict              REGRESSED, IMPROVED, UNCHANGED, or NOT_JUDGED (no baseline, or the baseline lacks the
 *                             metric); NOT_JUDGED leaves every number NaN
 * @param maxRegressionPercent the configured {@code max_regression}, in percent
 * @param baselineRunId        the run the baseline's samples came from; null when not judged
 * @param oldMedian            the baseline's median
 * @param newMedian            this run's median
 * @param changePercent        the estimated change (Hodges-Lehmann estimate of the ratio new/old, minus 1), in percent;
 *                             positive means the value went up, whatever the metric's direction
 * @param changeLow            lower end of the change's confidence interval, in percent
 * @param changeHigh           upper end of the change's confidence interval, in percent
 * @param level                the interval's confidence level
 * @param pValue               one-sided Mann-Whitney U p-value in the direction of the estimated change (towards worse
 *                             for REGRESSED and UNCHANGED-but-worse, towards better otherwise)
 * @param alpha                the significance level the p-value was compared with
 */
public record Comparison(Verdict verdict, double maxRegressionPercent, String baselineRunId, double oldMedian,
                         double newMedian, double changePercent, double changeLow, double changeHigh, double level,
                         double pValue, double alpha) {

    /** What a relative threshold concluded. */
    public enum Verdict {
        /** Significantly worse (p below alpha) and the estimated change is beyond {@code max_regression}: a FAIL. */
        REGRESSED,
        /** Significantly better and the estimated change is beyond {@code max_regression}: passes, reported. */
        IMPROVED,
        /** Neither: passes. */
        UNCHANGED,
        /** Nothing to compare with: no baseline, or the baseline has no samples of this metric. */
        NOT_JUDGED
    }

    public Comparison {
        Objects.requireNonNull(verdict, "verdict");
    }

    /** A relative threshold that could not be judged. */
    public static Comparison notJudged(double maxRegressionPercent) {
        return new Comparison(Verdict.NOT_JUDGED, maxRegressionPercent, null, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    public boolean judged() {
        return verdict != Verdict.NOT_JUDGED;
    }

    /** The outcome the run counts: REGRESSED is FAIL, IMPROVED and UNCHANGED are PASS, NOT_JUDGED is NONE. */
    public Outcome outcome() {
        return switch (verdict) {
            case REGRESSED -> Outcome.FAIL;
            case IMPROVED, UNCHANGED -> Outcome.PASS;
            case NOT_JUDGED -> Outcome.NONE;
        };
    }

    /** {@code +12.3%}, signed. */
    public static String percent(double value) {
        if (!Double.isFinite(value)) {
            return "-";
        }
        return (value > 0 ? "+" : "") + Numbers.format(value) + "%";
    }

    /** {@code +12.3% [+8.1%, +15%]}, or {@code -} when not judged. */
    public String changeText() {
        return judged() ? percent(changePercent) + " [" + percent(changeLow) + ", " + percent(changeHigh) + "]" : "-";
    }

    /** {@code 0.0012}, or {@code -}. */
    public String pValueText() {
        if (!Double.isFinite(pValue)) {
            return "-";
        }
        return pValue < 1e-4 ? String.format(java.util.Locale.ROOT, "%.1e", pValue) : Numbers.format(pValue);
    }
}
