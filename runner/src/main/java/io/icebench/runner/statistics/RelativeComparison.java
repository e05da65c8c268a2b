package io.icebench.runner.statistics;

import io.icebench.spi.Direction;
import io.icebench.spi.report.Comparison;
import org.apache.commons.statistics.descriptive.Median;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.MannWhitneyUTest;

import java.util.Arrays;

/**
 * Compares a run's samples of one metric with a baseline's: the one place where REGRESSED, IMPROVED and UNCHANGED
 * are decided, shared by relative thresholds and {@code runner compare}.
 *
 * <p>Two pieces of evidence are both needed, as in asv: a one-sided Mann-Whitney U test (Apache Commons Statistics;
 * exact p-value for small samples without ties, normal approximation with continuity correction otherwise) at
 * {@code alpha}, and an estimated change beyond {@code max_regression}. The change is the Hodges-Lehmann estimate of
 * the ratio new/old: the median of all m·n pairwise ratios (when every baseline sample is positive; otherwise the
 * median of the pairwise differences divided by the baseline's median). Its confidence interval is the
 * distribution-free one that goes with the Mann-Whitney test: the ordered pairwise ratios of rank C and m·n − C + 1,
 * with C = ⌊m·n/2 − z·√(m·n·(m+n+1)/12)⌋ (normal approximation of U's distribution, z the two-sided quantile of
 * {@code level}); when C &lt; 1 the interval is the whole range of the ratios.
 */
public final class RelativeComparison {

    private RelativeComparison() {
    }

    /**
     * Compares {@code now} with {@code before}.
     *
     * @param maxRegressionPercent how much worse (in percent of the baseline) is tolerated; also how much better
     *                             counts as IMPROVED
     * @param alpha                significance level of the one-sided test
     * @param level                confidence level of the change's interval
     * @throws IllegalArgumentException when either sample is empty
     */
    public static Comparison compare(double[] before, double[] now, Direction direction, double maxRegressionPercent,
                                     double alpha, double level, String baselineRunId) {
        if (before.length == 0 || now.length == 0) {
            throw new IllegalArgumentException("a comparison needs samples on both sides");
        }
        double[] change = hodgesLehmannChange(before, now, level);
        boolean lowerIsBetter = direction == Direction.LOWER_IS_BETTER;
        // The samples of "now" being stochastically greater than "before" is worse for lower-is-better metrics.
        double pUp = pValue(now, before, AlternativeHypothesis.GREATER_THAN);
        double pDown = pValue(now, before, AlternativeHypothesis.LESS_THAN);
        double pWorse = lowerIsBetter ? pUp : pDown;
        double pBetter = lowerIsBetter ? pDown : pUp;
        double worsePercent = lowerIsBetter ? change[0] : -change[0];
        Comparison.Verdict verdict;
        if (pWorse < alpha && worsePercent > maxRegressionPercent) {
            verdict = Comparison.Verdict.REGRESSED;
        } else if (pBetter < alpha && -worsePercent > maxRegressionPercent) {
            verdict = Comparison.Verdict.IMPROVED;
        } else {
            verdict = Comparison.Verdict.UNCHANGED;
        }
        double p = worsePercent >= 0 ? pWorse : pBetter;
        return new Comparison(Comparison.Method.STORED_BASELINE, verdict, maxRegressionPercent, baselineRunId, Median.withDefaults().evaluate(before),
                Median.withDefaults().evaluate(now), change[0], change[1], change[2], level, p, alpha, 0);
    }

    /** The one-sided Mann-Whitney U p-value of {@code x} against {@code y} (GREATER_THAN: x tends to be larger). */
    public static double pValue(double[] x, double[] y, AlternativeHypothesis alternative) {
        return MannWhitneyUTest.withDefaults().with(alternative).test(x, y).getPValue();
    }

    /**
     * The Hodges-Lehmann estimate of the change new/old − 1 and its interval, in percent: {@code {estimate, low,
     * high}}.
     */
    public static double[] hodgesLehmannChange(double[] before, double[] now, double level) {
        int m = before.length;
        int n = now.length;
        boolean ratios = Arrays.stream(before).allMatch(v -> v > 0);
        double scale = ratios ? 1 : Math.abs(Median.withDefaults().evaluate(before));
        double[] pairs = new double[m * n];
        int k = 0;
        for (double b : before) {
            for (double a : now) {
                pairs[k++] = ratios ? a / b - 1 : (a - b) / (scale == 0 ? 1 : scale);
            }
        }
        Arrays.sort(pairs);
        int size = pairs.length;
        double estimate = size % 2 == 1 ? pairs[size / 2] : (pairs[size / 2 - 1] + pairs[size / 2]) / 2;
        long mn = (long) m * n;
        double z = NormalDistribution.of(0, 1).inverseCumulativeProbability(0.5 + level / 2);
        long c = (long) Math.floor(mn / 2.0 - z * Math.sqrt(mn * (m + n + 1) / 12.0));
        double low;
        double high;
        if (c < 1) {
            low = pairs[0];
            high = pairs[pairs.length - 1];
        } else {
            low = pairs[(int) c - 1];
            high = pairs[(int) (mn - c)];
        }
        return new double[] {estimate * 100, low * 100, high * 100};
    }
}
