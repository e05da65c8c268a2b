package io.icebench.runner.verdict;

import io.icebench.runner.statistics.Statistic;
import io.icebench.spi.report.Bound;

import java.util.Objects;

/**
 * A configured limit on one statistic of one metric, with the reason it was chosen.
 *
 * @param metric    the metric's name, as the plugin reports it
 * @param statistic what is compared
 * @param bound     which side of the limit passes
 * @param limit     the limit, in the metric's unit
 * @param rationale why this limit; never blank
 * @param inconclusiveFails the {@code inconclusive} policy: true ({@code fail}) makes an INCONCLUSIVE verdict count
 *                  as FAIL; false ({@code warn}, the default) passes it with a warning
 */
public record Threshold(String metric, Statistic statistic, Bound bound, double limit, String rationale,
                        boolean inconclusiveFails) {

    /** A threshold with the default {@code inconclusive: warn} policy. */
    public Threshold(String metric, Statistic statistic, Bound bound, double limit, String rationale) {
        this(metric, statistic, bound, limit, rationale, false);
    }

    public Threshold {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(statistic, "statistic");
        Objects.requireNonNull(bound, "bound");
        Objects.requireNonNull(rationale, "rationale");
        if (!Double.isFinite(limit)) {
            throw new IllegalArgumentException("threshold limit must be finite, was " + limit);
        }
    }
}
