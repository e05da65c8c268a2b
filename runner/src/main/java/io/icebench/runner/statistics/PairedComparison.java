package io.icebench.runner.statistics;

import io.icebench.spi.Direction;
import io.icebench.spi.report.Comparison;
import org.apache.commons.statistics.descriptive.Mean;
import org.apache.commons.statistics.descriptive.Median;
import org.apache.commons.statistics.descriptive.StandardDeviation;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * Judges a paired A/B comparison ({@code --against}): the one place where a paired threshold's REGRESSED, IMPROVED,
 * UNCHANGED and INCONCLUSIVE are decided.
 *
 * <p><b>The fork is the unit.</b> Each block ran one fork of the base (A) and one of the candidate (B) in random
 * order, each fork giving one statistic (the median of its samples). A block gives one log ratio
 * {@code d = ln(B/A)}; blocks are independent, the iterations inside one JVM are not (JIT decisions, memory layout and
 * libtorch's kernel choice are per process), which is why a Mann-Whitney test over iterations was overconfident.
 * The change is the geometric mean of the ratios, {@code exp(mean d) − 1}, and its interval Student's t interval of
 * the mean log ratio at {@code 1 − alpha} (two-sided), back-transformed. The pairing cancels what A and B share: a
 * machine that is slower for a minute is slower for both forks of the block.
 *
 * <p><b>The decision</b>, with {@code δ} the threshold ({@code paired_max_regression}) and "worse" taken in the
 * metric's direction:
 * <ul>
 *   <li>REGRESSED: the whole interval is worse than {@code +δ};</li>
 *   <li>IMPROVED: the whole interval is better than {@code −δ} (better by more than the threshold);</li>
 *   <li>UNCHANGED: the whole interval lies on the good side of {@code +δ}, but not wholly beyond {@code −δ};</li>
 *   <li>INCONCLUSIVE: the interval straddles {@code +δ}: more blocks are needed, or, once the budget is spent, the
 *       threshold's {@code inconclusive} policy decides.</li>
 * </ul>
 * A sequential run looks after every block from the first {@link #MIN_BLOCKS}; the margin {@code δ} between "no
 * change" and REGRESSED is what keeps repeated looks from adding false alarms (docs/CALIBRATION.md measures it).
 */
public final class PairedComparison {

    /** Fewer blocks than this give no verdict: t with 2 degrees of freedom is too wide to decide anything. */
    public static final int MIN_BLOCKS = 3;

    private PairedComparison() {
    }

    /**
     * Compares the candidate's per-fork statistics with the base's, block by block.
     *
     * @param a                    the base's statistic per block (each block's A fork), all positive
     * @param b                    the candidate's statistic per block, paired with {@code a} by index, all positive
     * @param direction            which way is better for the metric
     * @param maxRegressionPercent {@code δ}: how much worse is tolerated, in percent; also how much better counts as
     *                             IMPROVED
     * @param alpha                1 − the interval's confidence level (two-sided)
     * @param against              what A is, for the report: {@code HEAD~1 = 68af75b}
     * @throws IllegalArgumentException when the arrays differ in length or a statistic is not positive and finite
     */
    public static Comparison compare(double[] a, double[] b, Direction direction, double maxRegressionPercent,
                                     double alpha, String against) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("a paired comparison needs one A and one B per block; got " + a.length
                    + " and " + b.length);
        }
        int n = a.length;
        double[] logRatios = new double[n];
        for (int i = 0; i < n; i++) {
            if (!(a[i] > 0) || !(b[i] > 0) || !Double.isFinite(a[i]) || !Double.isFinite(b[i])) {
                throw new IllegalArgumentException("block " + (i + 1) + " has a statistic that is not a positive"
                        + " number (A " + a[i] + ", B " + b[i] + "); a ratio needs positive values");
            }
            logRatios[i] = Math.log(b[i] / a[i]);
        }
        double level = 1 - alpha;
        if (n < MIN_BLOCKS) {
            return new Comparison(Comparison.Method.PAIRED, Comparison.Verdict.INCONCLUSIVE, maxRegressionPercent,
                    against, median(a), median(b), n == 0 ? Double.NaN : percent(Mean.of(logRatios).getAsDouble()),
                    Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, level, Double.NaN, alpha, n);
        }
        double mean = Mean.of(logRatios).getAsDouble();
        double sd = StandardDeviation.of(logRatios).getAsDouble();
        double standardError = sd / Math.sqrt(n);
        TDistribution t = TDistribution.of(n - 1);
        double halfWidth = t.inverseSurvivalProbability(alpha / 2) * standardError;
        double change = percent(mean);
        double low = percent(mean - halfWidth);
        double high = percent(mean + halfWidth);
        boolean lowerIsBetter = direction == Direction.LOWER_IS_BETTER;
        // "Worse" in percent: for lower-is-better metrics an increase, for higher-is-better ones a decrease.
        double worseLow = lowerIsBetter ? low : -high;
        double worseHigh = lowerIsBetter ? high : -low;
        Comparison.Verdict verdict;
        if (worseLow > maxRegressionPercent) {
            verdict = Comparison.Verdict.REGRESSED;
        } else if (worseHigh < -maxRegressionPercent) {
            verdict = Comparison.Verdict.IMPROVED;
        } else if (worseHigh < maxRegressionPercent) {
            verdict = Comparison.Verdict.UNCHANGED;
        } else {
            verdict = Comparison.Verdict.INCONCLUSIVE;
        }
        // One-sided p of "no change" against the direction the estimate points to (worse or better).
        double p = standardError == 0 ? (mean == 0 ? 1 : 0) : t.survivalProbability(Math.abs(mean / standardError));
        return new Comparison(Comparison.Method.PAIRED, verdict, maxRegressionPercent, against, median(a),
                median(b), change, low, high, level, p, alpha, n);
    }

    /** Whether a verdict ends a sequential run: anything but INCONCLUSIVE. */
    public static boolean decided(Comparison comparison) {
        return comparison.verdict() != Comparison.Verdict.INCONCLUSIVE;
    }

    private static double percent(double logRatio) {
        return (Math.exp(logRatio) - 1) * 100;
    }

    private static double median(double[] values) {
        return values.length == 0 ? Double.NaN : Median.withDefaults().evaluate(values);
    }
}
