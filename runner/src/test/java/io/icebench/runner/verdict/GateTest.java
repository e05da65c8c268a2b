package io.icebench.runner.verdict;

import io.icebench.runner.statistics.Statistic;
import io.icebench.spi.Measurement;
import io.icebench.spi.Metric;
import io.icebench.spi.Unit;
import io.icebench.spi.report.Bound;
import io.icebench.spi.report.Outcome;
import io.icebench.spi.report.ThresholdVerdict;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class GateTest {

    private static final Metric LATENCY = Metric.lowerIsBetter("latency", Unit.MILLISECONDS, "");
    private static final Measurement SAMPLES = Measurement.of(LATENCY, 10, 12, 11, 50, 13);

    private static ThresholdVerdict judge(Statistic statistic, Bound bound, double limit) {
        Threshold threshold = new Threshold("latency", statistic, bound, limit, "because");
        return Gate.judge(List.of(threshold), Optional.of(List.of(SAMPLES)), "").get(0);
    }

    @Test
    void aMedianUnderItsCeilingPassesWithTheMeasuredValue() {
        ThresholdVerdict verdict = judge(Statistic.MEDIAN, Bound.MAX, 20);

        assertThat(verdict.outcome()).isEqualTo(Outcome.PASS);
        assertThat(verdict.measured()).hasValue(12.0);
        assertThat(verdict.message()).isEqualTo("median(latency) = 12 ms, within max 20 ms");
    }

    @Test
    void theMaximumOverTheSameCeilingFails() {
        ThresholdVerdict verdict = judge(Statistic.MAX, Bound.MAX, 20);

        assertThat(verdict.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(verdict.measured()).hasValue(50.0);
    }

    @Test
    void aFloorFailsWhenTheStatisticIsBelowIt() {
        assertThat(judge(Statistic.MIN, Bound.MIN, 11).outcome()).isEqualTo(Outcome.FAIL);
        assertThat(judge(Statistic.MIN, Bound.MIN, 10).outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void aMissingMetricIsAnErrorNamingWhatWasReported() {
        Threshold threshold = new Threshold("throughput", Statistic.MEDIAN, Bound.MIN, 1, "because");

        ThresholdVerdict verdict = Gate.judge(List.of(threshold), Optional.of(List.of(SAMPLES)), "").get(0);

        assertThat(verdict.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(verdict.message()).isEqualTo("metric 'throughput' was not reported; reported: latency");
    }

    @Test
    void everyThresholdOfAPluginThatDidNotCompleteIsAnError() {
        Threshold threshold = new Threshold("latency", Statistic.MEDIAN, Bound.MAX, 20, "because");

        ThresholdVerdict verdict = Gate.judge(List.of(threshold), Optional.empty(), "timed out").get(0);

        assertThat(verdict.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(verdict.measured()).isEmpty();
        assertThat(verdict.message()).contains("timed out");
    }
}
