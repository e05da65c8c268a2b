package io.icebench.spi.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Statistics of one metric's samples, computed by the runner.
 *
 * @param count                   number of samples
 * @param min                     smallest sample
 * @param max                     largest sample
 * @param mean                    arithmetic mean
 * @param median                  median (50th percentile)
 * @param standardDeviation       sample standard deviation; 0 for a single sample
 * @param medianAbsoluteDeviation median of absolute deviations from the median (unscaled)
 * @param percentiles             percentiles by name ({@code p90}, {@code p99}, {@code p99.9}), in ascending order
 * @param interquartileRange      Q3 − Q1 (same interpolation as the percentiles); NaN when not computed
 * @param medianInterval          distribution-free confidence interval of the median (order statistics); empty when
 *                                not computed
 * @param outliers                samples outside [Q1 − 1.5·IQR, Q3 + 1.5·IQR]: counted, never dropped; -1 when not
 *                                computed
 */
public record Summary(int count, double min, double max, double mean, double median, double standardDeviation,
                      double medianAbsoluteDeviation, Map<String, Double> percentiles, double interquartileRange,
                      Optional<Interval> medianInterval, int outliers) {

    public Summary {
        Objects.requireNonNull(percentiles, "percentiles");
        Objects.requireNonNull(medianInterval, "medianInterval");
        percentiles = Collections.unmodifiableMap(new LinkedHashMap<>(percentiles));
    }
}
