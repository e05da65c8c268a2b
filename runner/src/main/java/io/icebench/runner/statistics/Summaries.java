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
        if (samples.length == 0) {
            throw new IllegalArgumentException("no samples for a median interval");
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("confidence level must be in (0, 1), was " + level);
        }
        double[] sorted = samples.clone();
        java.util.Arrays.sort(sorted);
        int n = sorted.length;
        double tail = (1 - level) / 2;
        BinomialDistribution ranks = BinomialDistribution.of(n, 0.5);
        int k = -1;  // the largest k with P(B <= k) <= tail, or -1 when even P(B <= 0) is above it
        while (k + 1 < n && ranks.cumulativeProbability(k + 1) <= tail) {
            k++;
        }
        if (k < 0) {
            return new Interval(sorted[0], sorted[n - 1], level, true);
        }
        int lower = k + 1;          // 1-based rank l
        int upper = n - lower + 1;  // 1-based rank n - l + 1
        return new Interval(sorted[lower - 1], sorted[upper - 1], level, false);
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
