package io.icebench.spi.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

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
 */
public record Summary(int count, double min, double max, double mean, double median, double standardDeviation,
                      double medianAbsoluteDeviation, Map<String, Double> percentiles) {

    public Summary {
        Objects.requireNonNull(percentiles, "percentiles");
        percentiles = Collections.unmodifiableMap(new LinkedHashMap<>(percentiles));
    }
}
