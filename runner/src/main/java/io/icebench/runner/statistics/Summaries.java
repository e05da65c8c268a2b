package io.icebench.runner.statistics;

import io.icebench.spi.report.Summary;
import org.apache.commons.statistics.descriptive.DoubleStatistics;
import org.apache.commons.statistics.descriptive.Median;
import org.apache.commons.statistics.descriptive.Quantile;

import java.util.LinkedHashMap;
import java.util.Map;

/** Computes a metric's {@link Summary} from its raw samples with Apache Commons Statistics. */
public final class Summaries {

    /**
     * Percentiles by linear interpolation between closest ranks (Hyndman-Fan type 7): numpy's and R's default, so
     * figures match what the original Python project's users computed.
     */
    static final Quantile QUANTILE = Quantile.withDefaults().with(Quantile.EstimationMethod.HF7);

    /** Percentiles every summary carries, by name. */
    private static final Map<String, Double> PERCENTILES = percentiles();

    private Summaries() {
    }

    /**
     * Summarises samples.
     *
     * @throws IllegalArgumentException when there are no samples: a metric without samples was not measured
     */
    public static Summary of(double[] samples) {
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
                median, sd, mad, percentiles);
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
