package io.icebench.runner.statistics;

import io.icebench.spi.Direction;
import io.icebench.spi.report.Comparison;
import io.icebench.spi.report.Numbers;
import org.apache.commons.statistics.descriptive.Median;
import org.apache.commons.statistics.inference.AlternativeHypothesis;

import java.util.Arrays;
import java.util.Optional;

/**
 * The warm-up check every metric gets: are the samples, in the order taken, drifting? The first third of the samples
 * is compared with the last third by a two-sided Mann-Whitney U test; a p-value below alpha together with a change of
 * the medians of more than {@value #MIN_CHANGE_PERCENT}% is reported. Worse at the start means warm-up was not over
 * when measuring began (JIT, caches, allocators): the plugin's warm-up parameter should grow. Worse at the end means
 * the run degrades as it goes (thermal throttling, a filling heap, a leak). Either way the median and its interval
 * describe a moving target, which the reports then say. Nothing is dropped or changed.
 */
public final class Trend {

    /** Changes smaller than this are not worth a warning, however significant. */
    public static final double MIN_CHANGE_PERCENT = 5;

    /** Fewer samples than this are not checked: thirds of fewer than 3 samples say nothing. */
    public static final int MIN_SAMPLES = 9;

    private Trend() {
    }

    /**
     * A one-line warning when {@code samples} drift, else empty.
     *
     * @param samples in the order they were taken
     */
    public static Optional<String> check(String metric, double[] samples, Direction direction, double alpha) {
        int n = samples.length;
        if (n < MIN_SAMPLES) {
            return Optional.empty();
        }
        int third = n / 3;
        double[] first = Arrays.copyOfRange(samples, 0, third);
        double[] last = Arrays.copyOfRange(samples, n - third, n);
        double p = RelativeComparison.pValue(first, last, AlternativeHypothesis.TWO_SIDED);
        double before = Median.withDefaults().evaluate(first);
        double after = Median.withDefaults().evaluate(last);
        if (!(p < alpha) || after == 0) {
            return Optional.empty();
        }
        double change = (before / after - 1) * 100;
        if (Math.abs(change) <= MIN_CHANGE_PERCENT) {
            return Optional.empty();
        }
        boolean worseFirst = direction == Direction.LOWER_IS_BETTER ? change > 0 : change < 0;
        String what = "the first third of " + metric + "'s " + n + " samples differs from the last third by "
                + Comparison.percent(change) + " (medians " + Numbers.format(before) + " and " + Numbers.format(after)
                + ", two-sided Mann-Whitney p = " + Numbers.format(p) + "): ";
        return Optional.of(what + (worseFirst
                ? "still warming up when measuring began; raise the plugin's warm-up iterations"
                : "the run got worse as it went (throttling, a filling heap, another process?)"));
    }
}
