package io.icebench.runner.statistics;

import io.icebench.spi.report.Interval;
import io.icebench.spi.report.Summary;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.apache.commons.statistics.descriptive.DoubleStatistics;
import org.apache.commons.statistics.descriptive.Median;
import org.apache.commons.statistics.descriptive.Quantile;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Computes a metric's {@link Summary} from its raw samples with Apache Commons Statistics. */
public final class Summaries {

    /**
     * Percentiles by linear interpolation between closest ranks (Hyndman-Fan type 7): numpy's and R's default, so
     * figures match what the original Python project's users computed.
     */
    static final Quantile QUANTILE = Quantile.withDefaults().with(Quantile.EstimationMethod.HF7);

    /** The confidence level of the median's interval when the configuration does not set one. */
    public static final double DEFAULT_CONFIDENCE_LEVEL = 0.95;

    /** Percentiles every summary carries, by name. */
    private static final Map<String, Double> PERCENTILES = percentiles();

    private Summaries() {
    }

    /** Summarises samples with the median's interval at {@value #DEFAULT_CONFIDENCE_LEVEL}. */
    public static Summary of(double[] samples) {
        return of(samples, DEFAULT_CONFIDENCE_LEVEL);
    }

    /**
     * Summarises samples.
     *
     * @param level confidence level of the median's interval, in (0, 1)
     * @throws IllegalArgumentException when there are no samples: a metric without samples was not measured
     */
    public static Summary of(double[] samples, double level) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("no samples to summarise");
        }
        DoubleStatistics stats = DoubleStatistics.of(
                java.util.EnumSet.of(org.apache.commons.statistics.descriptive.Statistic.MIN,
                        org.apache.commons.statistics.descriptive.Statistic.MAX,
                        org.apache.commons.statistics.descriptive.Statistic.MEAN,
                        org.apache.commons.statistics.descriptive.Statistic.STANDARD_DEVIATION),
                samples);
        double median = Median.withDefaults().evaluate(samples);
        double[] deviations = new double[samples.length];
        for (int i = 0; i < samples.length; i++) {
            deviations[i] = Math.abs(samples[i] - median);
        }
        double mad = Median.withDefaults().evaluate(deviations);

        double[] probabilities = PERCENTILES.values().stream().mapToDouble(Double::doubleValue).toArray();
        double[] values = Summaries.QUANTILE.evaluate(samples, probabilities);
        Map<String, Double> percentiles = new LinkedHashMap<>();
        int i = 0;
        for (String name : PERCENTILES.keySet()) {
            percentiles.put(name, values[i++]);
        }
        double sd = samples.length > 1
                ? stats.getAsDouble(org.apache.commons.statistics.descriptive.Statistic.STANDARD_DEVIATION)
                : 0.0;
        return new Summary(samples.length,
                stats.getAsDouble(org.apache.commons.statistics.descriptive.Statistic.MIN),
                stats.getAsDouble(org.apache.commons.statistics.descriptive.Statistic.MAX),
                stats.getAsDouble(org.apache.commons.statistics.descriptive.Statistic.MEAN),
                median, sd, mad, percentiles, interquartileRange(samples), Optional.of(medianInterval(samples, level)),
                outliers(samples));
    }

    /** Q3 − Q1, both by linear interpolation (HF7). */
    public static double interquartileRange(double[] samples) {
        double[] quartiles = QUANTILE.evaluate(samples, 0.25, 0.75);
        return quartiles[1] - quartiles[0];
    }

    /** Samples outside Tukey's fences [Q1 − 1.5·IQR, Q3 + 1.5·IQR]; they are counted, never removed. */
    public static int outliers(double[] samples) {
        double[] quartiles = QUANTILE.evaluate(samples, 0.25, 0.75);
        double iqr = quartiles[1] - quartiles[0];
        double low = quartiles[0] - 1.5 * iqr;
        double high = quartiles[1] + 1.5 * iqr;
        int count = 0;
        for (double sample : samples) {
            if (sample < low || sample > high) {
                count++;
            }
        }
        return count;
    }

    /**
     * The distribution-free confidence interval of the median by order statistics: [x(l), x(n−l+1)] of the sorted
     * samples, with l the largest rank such that P(B ≤ l−1) ≤ (1 − level)/2 for B ~ Binomial(n, ½), so that the
     * coverage P(l ≤ B ≤ n−l) is at least {@code level}. For 1..100 at 0.95 that is [x(40), x(61)] (coverage 0.965).
     * When n is too small for any such l (2·0.5^n > 1 − level: fewer than 6 samples at 0.95), the interval is
     * [min, max], flagged {@link Interval#tooFewSamples()}.
     *
     * @throws IllegalArgumentException when there are no samples or the level is not in (0, 1)
     */
    public static Interval medianInterval(double[] samples, double level) {
        return quantileInterval(samples, 0.5, level);
    }

    /**
     * The distribution-free confidence interval of the {@code q}-quantile by order statistics, the median's
     * generalisation: with B ~ Binomial(n, q) the number of samples below the true quantile, the interval is
     * [x(l), x(u)] where l is the largest rank with P(B ≤ l−1) ≤ (1 − level)/2 and u the smallest with
     * P(B ≥ u) ≤ (1 − level)/2, so its coverage P(l ≤ B ≤ u−1) is at least {@code level}. A side that no rank can
     * bound (too few samples for that quantile, such as p99 from fewer than about 300 samples at 0.95) falls back to
     * the sample minimum or maximum, and the interval is flagged {@link Interval#tooFewSamples()}: the data cannot
     * bound that quantile at that level, and a gate should not pretend otherwise.
     *
     * @throws IllegalArgumentException when there are no samples, or {@code q} or the level is not in (0, 1)
     */
    public static Interval quantileInterval(double[] samples, double q, double level) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("no samples for a quantile interval");
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("confidence level must be in (0, 1), was " + level);
        }
        if (!(q > 0 && q < 1)) {
            throw new IllegalArgumentException("quantile must be in (0, 1), was " + q);
        }
        double[] sorted = samples.clone();
        java.util.Arrays.sort(sorted);
        int n = sorted.length;
        double tail = (1 - level) / 2;
        BinomialDistribution below = BinomialDistribution.of(n, q);
        int k = -1;  // the largest k with P(B <= k) <= tail, or -1 when even P(B <= 0) is above it
        while (k + 1 < n && below.cumulativeProbability(k + 1) <= tail) {
            k++;
        }
        int j = n + 1;  // the smallest j with P(B >= j) <= tail, or n + 1 when even P(B >= n) is above it
        while (j - 1 >= 1 && below.survivalProbability(j - 2) <= tail) {
            j--;
        }
        boolean lowerBounded = k >= 0;
        boolean upperBounded = j <= n;
        double low = lowerBounded ? sorted[k] : sorted[0];        // rank l = k + 1
        double high = upperBounded ? sorted[j - 1] : sorted[n - 1];
        return new Interval(low, high, level, !(lowerBounded && upperBounded));
    }

    /**
     * The confidence interval of the mean by Student's t: mean ± t(n−1, (1+level)/2)·s/√n. It assumes the mean is
     * close to normally distributed, which holds for the sample counts gates use unless a few huge outliers
     * dominate (then a threshold on the median is the better choice). With one sample there is no spread to
     * estimate: the interval is the sample itself, flagged {@link Interval#tooFewSamples()}.
     */
    public static Interval meanInterval(double[] samples, double level) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("no samples for a mean interval");
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("confidence level must be in (0, 1), was " + level);
        }
        DoubleStatistics stats = DoubleStatistics.of(
                java.util.EnumSet.of(org.apache.commons.statistics.descriptive.Statistic.MEAN,
                        org.apache.commons.statistics.descriptive.Statistic.STANDARD_DEVIATION),
                samples);
        double mean = stats.getAsDouble(org.apache.commons.statistics.descriptive.Statistic.MEAN);
        int n = samples.length;
        if (n < 2) {
            return new Interval(mean, mean, level, true);
        }
        double sd = stats.getAsDouble(org.apache.commons.statistics.descriptive.Statistic.STANDARD_DEVIATION);
        double t = org.apache.commons.statistics.distribution.TDistribution.of(n - 1)
                .inverseCumulativeProbability(0.5 + level / 2);
        double half = t * sd / Math.sqrt(n);
        return new Interval(mean - half, mean + half, level, false);
    }

    private static Map<String, Double> percentiles() {
        Map<String, Double> map = new LinkedHashMap<>();
        map.put("p10", 0.10);
        map.put("p90", 0.90);
        map.put("p95", 0.95);
        map.put("p99", 0.99);
        map.put("p99.9", 0.999);
        return map;
    }
}
