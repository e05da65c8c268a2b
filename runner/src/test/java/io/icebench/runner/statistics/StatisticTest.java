package io.icebench.runner.statistics;

import java.util.Optional;
import io.icebench.runner.UsageException;
import io.icebench.spi.report.Interval;
import io.icebench.spi.report.Summary;
import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class StatisticTest {

    private static final double[] ONE_TO_HUNDRED = IntStream.rangeClosed(1, 100).asDoubleStream().toArray();

    @Test
    void percentilesAreParsedFromTheirNames() {
        assertThat(Statistic.parse("p99").quantile()).isEqualTo(0.99);
        assertThat(Statistic.parse("p99.9").quantile()).isEqualTo(0.999, within(1e-12));
        assertThat(Statistic.parse("P50")).isEqualTo(Statistic.MEDIAN);
    }

    @Test
    void anUnknownStatisticIsRejectedWithTheAcceptedForms() {
        assertThatThrownBy(() -> Statistic.parse("average"))
                .isInstanceOf(UsageException.class)
                .hasMessage("unknown statistic 'average'; use median, mean, min, max or a percentile such as p90,"
                        + " p99, p99.9");
        assertThatThrownBy(() -> Statistic.parse("p100")).isInstanceOf(UsageException.class);
    }

    @Test
    void statisticsOfOneToAHundredAreTheTextbookValues() {
        assertThat(Statistic.MEDIAN.evaluate(ONE_TO_HUNDRED)).isEqualTo(50.5);
        assertThat(Statistic.MEAN.evaluate(ONE_TO_HUNDRED)).isEqualTo(50.5);
        assertThat(Statistic.MIN.evaluate(ONE_TO_HUNDRED)).isEqualTo(1);
        assertThat(Statistic.MAX.evaluate(ONE_TO_HUNDRED)).isEqualTo(100);
        assertThat(Statistic.parse("p90").evaluate(ONE_TO_HUNDRED)).isEqualTo(90.1, within(1e-9));
    }

    @Test
    void aSummaryCarriesSpreadAndPercentiles() {
        Summary summary = Summaries.of(ONE_TO_HUNDRED);

        assertThat(summary.count()).isEqualTo(100);
        assertThat(summary.median()).isEqualTo(50.5);
        assertThat(summary.medianAbsoluteDeviation()).isEqualTo(25.0);
        assertThat(summary.standardDeviation()).isEqualTo(29.011, within(1e-3));
        assertThat(summary.percentiles()).containsKeys("p90", "p99", "p99.9");
        assertThat(summary.percentiles().get("p99")).isEqualTo(99.01, within(1e-9));
    }

    @Test
    void aSingleSampleHasNoSpread() {
        Summary summary = Summaries.of(new double[] {7});

        assertThat(summary.standardDeviation()).isZero();
        assertThat(summary.median()).isEqualTo(7);
    }

    @Test
    void theInterquartileRangeOfOneToAHundredIs49Point5ByLinearInterpolation() {
        // HF7: Q1 = x(25.75) = 25.75, Q3 = x(75.25) = 75.25
        assertThat(Summaries.of(ONE_TO_HUNDRED).interquartileRange()).isEqualTo(49.5, within(1e-12));
    }

    @Test
    void theNinetyFivePercentIntervalOfTheMedianOfOneToAHundredIsTheFortiethToTheSixtyFirstValue() {
        // P(B <= 39) = 0.0176 <= 0.025 < P(B <= 40) = 0.0284 for B ~ Binomial(100, 1/2): l = 40, u = 100 - 40 + 1
        Interval interval = Summaries.of(ONE_TO_HUNDRED).medianInterval().orElseThrow();

        assertThat(interval).isEqualTo(new Interval(40, 61, 0.95, false));
    }

    @Test
    void theIntervalUsesTheSortedOrderNotTheOrderTaken() {
        double[] shuffled = {9, 3, 7, 1, 5, 10, 2, 8, 4, 6};

        // n = 10: P(B <= 1) = 11/1024 <= 0.025 < P(B <= 2) = 56/1024, so l = 2 and u = 9
        assertThat(Summaries.medianInterval(shuffled, 0.95)).isEqualTo(new Interval(2, 9, 0.95, false));
    }

    @Test
    void aHigherLevelWidensTheInterval() {
        // P(B <= 36) = 0.0033 <= 0.005 < P(B <= 37) = 0.0060: l = 37, u = 64
        assertThat(Summaries.medianInterval(ONE_TO_HUNDRED, 0.99)).isEqualTo(new Interval(37, 64, 0.99, false));
    }

    @Test
    void fiveSamplesAreTooFewForNinetyFivePercentSoTheIntervalIsTheRangeAndSaysSo() {
        // 2 * 0.5^5 = 0.0625 > 0.05: no pair of ranks reaches 95 %
        assertThat(Summaries.medianInterval(new double[] {12, 10, 50, 11, 13}, 0.95))
                .isEqualTo(new Interval(10, 50, 0.95, true));
    }

    @Test
    void sixSamplesJustReachNinetyFivePercentWithTheRange() {
        // 2 * 0.5^6 = 0.03125 <= 0.05: [x(1), x(6)] covers 96.9 %
        assertThat(Summaries.medianInterval(new double[] {1, 2, 3, 4, 5, 6}, 0.95))
                .isEqualTo(new Interval(1, 6, 0.95, false));
    }

    @Test
    void aSampleBeyondTukeysFencesIsCountedAsAnOutlierAndKept() {
        double[] samples = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 100};

        // Q1 = 3.5, Q3 = 8.5, IQR = 5: fences [-4, 16]
        Summary summary = Summaries.of(samples);

        assertThat(summary.outliers()).isEqualTo(1);
        assertThat(summary.interquartileRange()).isEqualTo(5.0);
        assertThat(summary.count()).isEqualTo(11);
        assertThat(summary.max()).isEqualTo(100);
        assertThat(Summaries.of(ONE_TO_HUNDRED).outliers()).isZero();
    }

    @Test
    void theOldSummaryConstructorLeavesTheNewStatisticsUncomputed() {
        Summary summary = new Summary(1, 1, 1, 1, 1, 0, 0, java.util.Map.of(), Double.NaN, Optional.empty(), -1);

        assertThat(summary.interquartileRange()).isNaN();
        assertThat(summary.medianInterval()).isEmpty();
        assertThat(summary.outliers()).isEqualTo(-1);
    }

    @Test
    void theNinetyFivePercentIntervalOfTheNinetiethPercentileOfOneToAHundredIsThe84thToThe96thValue() {
        double[] samples = IntStream.rangeClosed(1, 100).asDoubleStream().toArray();

        assertThat(Statistic.parse("p90").interval(samples, 0.95)).hasValue(new Interval(84, 96, 0.95, false));
        assertThat(Statistic.parse("p10").interval(samples, 0.95)).hasValue(new Interval(5, 17, 0.95, false));
    }

    @Test
    void aHundredSamplesCannotBoundTheNinetyNinthPercentileFromAboveSoTheMaximumStandsInAndSaysSo() {
        double[] samples = IntStream.rangeClosed(1, 100).asDoubleStream().toArray();

        assertThat(Statistic.parse("p99").interval(samples, 0.95)).hasValue(new Interval(97, 100, 0.95, true));
    }

    @Test
    void aThousandSamplesBoundTheNinetyNinthPercentileBetweenThe983rdAndThe997thValue() {
        double[] samples = IntStream.rangeClosed(1, 1000).asDoubleStream().toArray();

        assertThat(Statistic.parse("p99").interval(samples, 0.95)).hasValue(new Interval(983, 997, 0.95, false));
    }

    @Test
    void theMeansIntervalOfOneToTenIsStudentsTWithNineDegreesOfFreedom() {
        double[] samples = IntStream.rangeClosed(1, 10).asDoubleStream().toArray();

        Interval interval = Statistic.MEAN.interval(samples, 0.95).orElseThrow();

        // 5.5 ± t(9, 0.975) · s / √10 = 5.5 ± 2.262157 · 3.027650 / 3.162278 (scipy.stats.t.ppf)
        assertThat(interval.low()).isCloseTo(3.334149, within(1e-6));
        assertThat(interval.high()).isCloseTo(7.665851, within(1e-6));
        assertThat(interval.tooFewSamples()).isFalse();
    }

    @Test
    void theMinimumAndMaximumHaveNoIntervalAndAreComparedAsPoints() {
        double[] samples = {1, 2, 3};

        assertThat(Statistic.MIN.interval(samples, 0.95)).isEmpty();
        assertThat(Statistic.MAX.interval(samples, 0.95)).isEmpty();
    }
}
