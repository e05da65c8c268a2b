package io.icebench.plugins.io;

import org.apache.commons.statistics.descriptive.DoubleStatistics;
import org.apache.commons.statistics.descriptive.Quantile;
import org.apache.commons.statistics.descriptive.Statistic;

/**
 * The summary of a count distribution (pulses per event, DOMs per event, ...) as the metadata table shows it.
 * Quantiles use Hyndman and Fan's definition 7, the one numpy and pandas use by default, so the figures compare
 * with the original project's.
 */
record Distribution(long count, double min, double median, double mean, double p95, double p99, double p999,
                    double max) {

    private static final double[] PROBABILITIES = {0.5, 0.95, 0.99, 0.999};

    static Distribution of(int[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values to summarise");
        }
        DoubleStatistics statistics = DoubleStatistics.of(Statistic.MIN, Statistic.MAX, Statistic.MEAN);
        for (int value : values) {
            statistics.accept(value);
        }
        double[] q = Quantile.withDefaults().with(Quantile.EstimationMethod.HF7).evaluate(values, PROBABILITIES);
        return new Distribution(values.length, statistics.getAsDouble(Statistic.MIN), q[0],
                statistics.getAsDouble(Statistic.MEAN), q[1], q[2], q[3], statistics.getAsDouble(Statistic.MAX));
    }
}
