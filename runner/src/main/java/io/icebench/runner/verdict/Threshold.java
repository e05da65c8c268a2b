package io.icebench.runner.verdict;

import io.icebench.runner.statistics.Statistic;
import io.icebench.spi.report.Bound;
import io.icebench.spi.report.InconclusivePolicy;
import io.icebench.spi.report.Numbers;

import java.util.Objects;

/**
 * A configured limit on one metric, with the reason it was chosen. Three kinds, each judged its own way by
 * {@link Gate}:
 * <ul>
 *   <li>{@link Absolute}: a statistic against a fixed limit ({@code min}/{@code max});</li>
 *   <li>{@link Relative}: this run's samples against a stored baseline's ({@code max_regression}, with
 *       {@code --baseline});</li>
 *   <li>{@link Paired}: this build against the base revision, measured in the same job fork against fork
 *       ({@code paired_max_regression}, with {@code --against}).</li>
 * </ul>
 * Each carries its {@code inconclusive} policy into its verdict, so nothing downstream has to look it up again.
 */
public sealed interface Threshold permits Threshold.Absolute, Threshold.Relative, Threshold.Paired {

    /** The metric's name, as the plugin reports it. */
    String metric();

    /** Why this limit; never blank. */
    String rationale();

    /** What an INCONCLUSIVE verdict does to the run once re-runs or the measuring budget could not settle it. */
    InconclusivePolicy inconclusive();

    /** The threshold in a few words, for calibration reports: {@code median(sort_time) max 400}. */
    String describe();

    /**
     * A fixed limit on one statistic.
     *
     * @param statistic what is compared
     * @param bound     which side of the limit passes
     * @param limit     the limit, in the metric's unit
     */
    record Absolute(String metric, Statistic statistic, Bound bound, double limit, String rationale,
                    InconclusivePolicy inconclusive) implements Threshold {

        public Absolute {
            Objects.requireNonNull(metric, "metric");
            Objects.requireNonNull(statistic, "statistic");
            Objects.requireNonNull(bound, "bound");
            Objects.requireNonNull(rationale, "rationale");
            Objects.requireNonNull(inconclusive, "inconclusive");
            if (!Double.isFinite(limit)) {
                throw new IllegalArgumentException("threshold limit must be finite, was " + limit);
            }
        }

        @Override
        public String describe() {
            return statistic + "(" + metric + ") " + bound.label() + " " + Numbers.format(limit);
        }
    }

    /**
     * At most {@code maxRegressionPercent} worse than a stored baseline's samples (Mann-Whitney U and the
     * Hodges-Lehmann change over both runs' iterations). It never ends INCONCLUSIVE, so its policy is {@code warn}.
     */
    record Relative(String metric, double maxRegressionPercent, String rationale) implements Threshold {

        public Relative {
            Objects.requireNonNull(metric, "metric");
            Objects.requireNonNull(rationale, "rationale");
            checkPercent(maxRegressionPercent, "max_regression");
        }

        @Override
        public InconclusivePolicy inconclusive() {
            return InconclusivePolicy.WARN;
        }

        @Override
        public String describe() {
            return "median(" + metric + ") max_regression " + Numbers.format(maxRegressionPercent) + "%";
        }
    }

    /**
     * At most {@code maxRegressionPercent} worse than the base revision, judged on the blocks of one fork of each
     * side ({@link io.icebench.runner.statistics.PairedComparison}); INCONCLUSIVE when the budget runs out first.
     *
     * @param statistic what one fork contributes: its median (the default), or for instance its {@code min} time
     *                  or {@code max} throughput, the figure least touched by a neighbour that steals the CPU for a
     *                  moment
     */
    record Paired(String metric, Statistic statistic, double maxRegressionPercent, String rationale,
                  InconclusivePolicy inconclusive) implements Threshold {

        public Paired {
            Objects.requireNonNull(metric, "metric");
            Objects.requireNonNull(statistic, "statistic");
            Objects.requireNonNull(rationale, "rationale");
            Objects.requireNonNull(inconclusive, "inconclusive");
            checkPercent(maxRegressionPercent, "paired_max_regression");
        }

        /** The key of this threshold's per-fork figures: {@code sort_time/median}. */
        public String key() {
            return metric + "/" + statistic.name();
        }

        @Override
        public String describe() {
            return statistic + "(" + metric + ") paired_max_regression " + Numbers.format(maxRegressionPercent) + "%";
        }
    }

    private static void checkPercent(double percent, String key) {
        if (!(percent >= 0) || Double.isInfinite(percent)) {
            throw new IllegalArgumentException(key + " must be a finite percentage >= 0, was " + percent);
        }
    }
}
