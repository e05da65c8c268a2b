package io.icebench.runner.statistics;

import io.icebench.spi.Direction;
import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class TrendTest {

    @Test
    void latenciesThatFallFromTwentyToTenAsTheRunGoesAreStillWarmingUp() {
        // about 20 for 6 samples, then about 10 for 12; p from scipy.stats.mannwhitneyu (exact, two-sided)
        double[] samples = IntStream.range(0, 18).mapToDouble(i -> i < 6 ? 20 + i * 0.01 : 10 + i * 0.01).toArray();

        assertThat(Trend.check("latency", samples, Direction.LOWER_IS_BETTER, 0.01)).hasValueSatisfying(warning ->
                assertThat(warning).startsWith("the first third of latency's 18 samples differs from the last third"
                        + " by +97.39% (medians 20.02 and 10.14, two-sided Mann-Whitney p = 0.002165): ")
                        .endsWith("still warming up when measuring began; raise the plugin's warm-up iterations"));
    }

    @Test
    void throughputThatFallsAsTheRunGoesIsADegradingRunNotAWarmUp() {
        double[] samples = IntStream.range(0, 18).mapToDouble(i -> 1000 - i * 20).toArray();

        assertThat(Trend.check("events_per_second", samples, Direction.HIGHER_IS_BETTER, 0.01)).hasValueSatisfying(
                warning -> assertThat(warning).endsWith("the run got worse as it went (throttling, a filling heap,"
                        + " another process?)"));
    }

    @Test
    void samplesWithoutADirectionAreNotFlagged() {
        double[] samples = {5, 9, 6, 8, 7, 5, 9, 6, 8, 7, 5, 9};

        assertThat(Trend.check("latency", samples, Direction.LOWER_IS_BETTER, 0.01)).isEmpty();
    }

    @Test
    void aSignificantButTinyDriftIsNotWorthAWarning() {
        double[] samples = IntStream.range(0, 30).mapToDouble(i -> 100 - i * 0.01).toArray();

        assertThat(Trend.check("latency", samples, Direction.LOWER_IS_BETTER, 0.01)).isEmpty();
    }

    @Test
    void fewerThanNineSamplesAreNotChecked() {
        assertThat(Trend.check("latency", new double[] {9, 9, 9, 1, 1, 1, 1, 1}, Direction.LOWER_IS_BETTER, 0.5))
                .isEmpty();
    }
}
