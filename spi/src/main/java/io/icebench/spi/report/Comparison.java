package io.icebench.spi.report;

import java.util.Objects;

/**
 * A relative threshold's comparison of this run with a baseline: a stored run's samples of the same plugin and
 * metric ({@link Method#STORED_BASELINE}), or the base revision measured in the same job, fork against fork
 * ({@link Method#PAIRED}, {@code --against}).
 *
 * @param method               how the baseline was measured, which decides what the numbers below mean
 * @param verdict              REGRESSED, IMPROVED, UNCHANGED, INCONCLUSIVE (paired only: the budget ran out with the
 *                             interval still straddling the threshold), or NOT_JUDGED (no baseline, or the baseline
 *                             lacks the metric); NOT_JUDGED leaves every number NaN
 * @param maxRegressionPercent the configured {@code max_regression}, in percent
 * @param baselineRunId        the run the baseline's samples came from (paired: the revision or application measured
 *                             against, such as {@code HEAD~1 = 68af75b}); null when not judged
 * @param oldMedian            the baseline's median (paired: the median of the base's per-fork statistics)
 * @param newMedian            this run's median (paired: the median of this build's per-fork statistics)
 * @param changePercent        the estimated change new/old − 1, in percent: the Hodges-Lehmann estimate of the ratio
 *                             (stored), or the geometric mean of the blocks' ratios (paired); positive means the value
 *                             went up, whatever the metric's direction
 * @param changeLow            lower end of the change's confidence interval, in percent
 * @param changeHigh           upper end of the change's confidence interval, in percent
 * @param level                the interval's confidence level
 * @param pValue               one-sided p-value in the direction of the estimated change: Mann-Whitney U (stored),
 *                             Student's t on the blocks' log ratios (paired)
 * @param alpha                the significance level the p-value was compared with
 * @param blocks               paired only: how many blocks (one fork of each side, in random order) were measured;
 *                             0 for a stored baseline
 */
public record Comparison(Method method, Verdict verdict, double maxRegressionPercent, String baselineRunId,
                         double oldMedian, double newMedian, double changePercent, double changeLow,
                         double changeHigh, double level, double pValue, double alpha, int blocks) {

    /** How the baseline's figures were obtained. */
    public enum Method {
        /** A stored run (a saved baseline, the history, a results.json): iterations against iterations. */
        STORED_BASELINE,
        /** The base revision measured in this job, in fresh JVMs alternating with this build's: fork against fork. */
        PAIRED
    }

    /** What a relative threshold concluded. */
    public enum Verdict {
        /** Significantly worse (p below alpha) and the estimated change is beyond {@code max_regression}: a FAIL. */
        REGRESSED,
        /** Significantly better and the estimated change is beyond {@code max_regression}: passes, reported. */
        IMPROVED,
        /** Neither: passes. */
        UNCHANGED,
        /**
         * Paired only: the measuring budget ran out while the change's interval still straddled the threshold. The
         * threshold's {@code inconclusive} policy decides what the run makes of it.
         */
        INCONCLUSIVE,
        /** Nothing to compare with: no baseline, or the baseline has no samples of this metric. */
        NOT_JUDGED
    }

    public Comparison {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(verdict, "verdict");
    }

    /** A relative threshold that could not be judged. */
    public static Comparison notJudged(Method method, double maxRegressionPercent) {
        return new Comparison(method, Verdict.NOT_JUDGED, maxRegressionPercent, null, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
    }

    /** Whether the baseline was measured in this job, fork against fork ({@code --against}). */
    public boolean paired() {
        return method == Method.PAIRED;
    }

    /** Paired: {@code B/A 1.052 [1.031, 1.074], k = 12}; stored: empty. */
    public String ratioText() {
        if (!paired() || !judged()) {
            return "";
        }
        return "B/A " + ratio(changePercent) + " [" + ratio(changeLow) + ", " + ratio(changeHigh) + "], k = "
                + blocks;
    }

    private static String ratio(double percent) {
        return String.format(java.util.Locale.ROOT, "%.4f", 1 + percent / 100);
    }

    public boolean judged() {
        return verdict != Verdict.NOT_JUDGED;
    }

    /**
     * The outcome the run counts: REGRESSED is FAIL, IMPROVED and UNCHANGED are PASS, INCONCLUSIVE is INCONCLUSIVE
     * (the threshold's policy then decides), NOT_JUDGED is NONE.
     */
    public Outcome outcome() {
        return switch (verdict) {
            case REGRESSED -> Outcome.FAIL;
            case IMPROVED, UNCHANGED -> Outcome.PASS;
            case INCONCLUSIVE -> Outcome.INCONCLUSIVE;
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
