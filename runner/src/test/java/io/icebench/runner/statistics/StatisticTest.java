package io.icebench.runner.statistics;

import io.icebench.runner.UsageException;
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
}
