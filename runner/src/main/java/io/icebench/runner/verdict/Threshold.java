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
 * @param inconclusive what an INCONCLUSIVE verdict does once re-runs could not settle it: {@code warn} (the
 *                  default) passes with a warning, {@code fail} counts as FAIL, {@code report} passes with a warning
 *                  and makes the runner exit 4
 * @param maxRegressionPercent for a relative threshold ({@code max_regression}) the tolerated change for the worse,
 *                  in percent of the baseline; NaN for an absolute threshold (then {@code bound} and {@code limit}
 *                  apply; for a relative one they are {@code max} and the percentage, for display)
 */
public record Threshold(String metric, Statistic statistic, Bound bound, double limit, String rationale,
                        InconclusivePolicy inconclusive, double maxRegressionPercent) {

    /** A threshold with the default {@code inconclusive: warn} policy. */
    public Threshold(String metric, Statistic statistic, Bound bound, double limit, String rationale) {
        this(metric, statistic, bound, limit, rationale, false);
    }

    /** An absolute threshold whose INCONCLUSIVE verdicts fail ({@code true}) or warn. */
    public Threshold(String metric, Statistic statistic, Bound bound, double limit, String rationale,
                     boolean inconclusiveFails) {
        this(metric, statistic, bound, limit, rationale,
                inconclusiveFails ? InconclusivePolicy.FAIL : InconclusivePolicy.WARN);
    }

    /** An absolute threshold. */
    public Threshold(String metric, Statistic statistic, Bound bound, double limit, String rationale,
                     InconclusivePolicy inconclusive) {
        this(metric, statistic, bound, limit, rationale, inconclusive, Double.NaN);
    }

    /** Whether an INCONCLUSIVE verdict counts as FAIL ({@code inconclusive: fail}). */
    public boolean inconclusiveFails() {
        return inconclusive == InconclusivePolicy.FAIL;
    }

    /** A relative threshold: this run's samples against the baseline's, at most {@code percent} worse. */
    public static Threshold relative(String metric, double percent, String rationale) {
        if (!(percent >= 0) || Double.isInfinite(percent)) {
            throw new IllegalArgumentException("max_regression must be a finite percentage >= 0, was " + percent);
        }
        return new Threshold(metric, Statistic.MEDIAN, Bound.MAX, percent, rationale, InconclusivePolicy.WARN, percent);
    }

    /** Whether this threshold compares with a baseline instead of a fixed limit. */
    public boolean relative() {
        return !Double.isNaN(maxRegressionPercent);
    }

    public Threshold {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(statistic, "statistic");
        Objects.requireNonNull(bound, "bound");
        Objects.requireNonNull(rationale, "rationale");
        Objects.requireNonNull(inconclusive, "inconclusive");
        if (!Double.isFinite(limit)) {
            throw new IllegalArgumentException("threshold limit must be finite, was " + limit);
        }
    }
}
