package io.icebench.runner.verdict;

import io.icebench.runner.statistics.Statistic;
import io.icebench.spi.Measurement;
import io.icebench.spi.Metric;
import io.icebench.spi.Unit;
import io.icebench.spi.report.Bound;
import io.icebench.spi.report.InconclusivePolicy;
import io.icebench.spi.report.Interval;
import io.icebench.spi.report.Outcome;
import io.icebench.spi.report.ThresholdVerdict;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class GateTest {

    private static final Metric LATENCY = Metric.lowerIsBetter("latency", Unit.MILLISECONDS, "");
    private static final Measurement SAMPLES = Measurement.of(LATENCY, 10, 12, 11, 50, 13);

    private static ThresholdVerdict judge(Statistic statistic, Bound bound, double limit) {
        Threshold threshold = new Threshold.Absolute("latency", statistic, bound, limit, "because", InconclusivePolicy.WARN);
        return Gate.judge(List.of(threshold), Optional.of(List.of(SAMPLES)), "").get(0);
    }

    @Test
    void aMedianWhoseWholeIntervalIsUnderItsCeilingPasses() {
        ThresholdVerdict verdict = judge(Statistic.MEDIAN, Bound.MAX, 60);

        assertThat(verdict.outcome()).isEqualTo(Outcome.PASS);
        assertThat(verdict.measured()).hasValue(12.0);
        assertThat(verdict.interval()).hasValue(new Interval(10, 50, 0.95, true));
        assertThat(verdict.message()).isEqualTo("median(latency) = 12 ms, 95% CI [10, 50] (too few samples for that"
                + " level: min..max), wholly within max 60 ms");
    }

    @Test
    void aMedianUnderItsCeilingWhoseIntervalStraddlesItIsInconclusiveAndPassesWithAWarning() {
        ThresholdVerdict verdict = judge(Statistic.MEDIAN, Bound.MAX, 20);

        assertThat(verdict.outcome()).isEqualTo(Outcome.INCONCLUSIVE);
        assertThat(verdict.effectiveOutcome()).isEqualTo(Outcome.PASS);
        assertThat(verdict.warning()).isTrue();
        assertThat(verdict.measuredText()).isEqualTo("12 [10, 50]");
        assertThat(verdict.message()).endsWith("straddling max 20 ms; passes with a warning (inconclusive: warn)");
    }

    @Test
    void anInconclusiveMedianUnderTheFailPolicyCountsAsAFailure() {
        Threshold threshold = new Threshold.Absolute("latency", Statistic.MEDIAN, Bound.MAX, 20, "because", InconclusivePolicy.FAIL);

        ThresholdVerdict verdict = Gate.judge(List.of(threshold), Optional.of(List.of(SAMPLES)), "").get(0);

        assertThat(verdict.outcome()).isEqualTo(Outcome.INCONCLUSIVE);
        assertThat(verdict.effectiveOutcome()).isEqualTo(Outcome.FAIL);
        assertThat(verdict.warning()).isFalse();
        assertThat(verdict.message()).endsWith("; inconclusive counts as FAIL (inconclusive: fail)");
    }

    @Test
    void aMedianWhoseWholeIntervalIsAboveItsCeilingFails() {
        ThresholdVerdict verdict = judge(Statistic.MEDIAN, Bound.MAX, 9);

        assertThat(verdict.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(verdict.message()).contains("wholly outside max 9 ms");
    }

    @Test
    void aFloorOnTheMedianOfOneToAHundredIsJudgedOnTheFortiethAndSixtyFirstValues() {
        Measurement hundred = Measurement.of(LATENCY, java.util.stream.IntStream.rangeClosed(1, 100)
                .asDoubleStream().toArray());
        Threshold passes = new Threshold.Absolute("latency", Statistic.MEDIAN, Bound.MIN, 40, "because", InconclusivePolicy.WARN);
        Threshold straddles = new Threshold.Absolute("latency", Statistic.MEDIAN, Bound.MIN, 41, "because", InconclusivePolicy.WARN);
        Threshold fails = new Threshold.Absolute("latency", Statistic.MEDIAN, Bound.MIN, 61.5, "because", InconclusivePolicy.WARN);

        List<ThresholdVerdict> verdicts = Gate.judge(List.of(passes, straddles, fails),
                Optional.of(List.of(hundred)), "");

        assertThat(verdicts).extracting(ThresholdVerdict::outcome)
                .containsExactly(Outcome.PASS, Outcome.INCONCLUSIVE, Outcome.FAIL);
    }

    @Test
    void theMeanIsJudgedOnItsStudentTInterval() {
        ThresholdVerdict straddles = judge(Statistic.MEAN, Bound.MAX, 20);
        ThresholdVerdict within = judge(Statistic.MEAN, Bound.MAX, 50);

        // 19.2 ± t(4, 0.975) · 17.27 / √5: [-2.224, 40.624] (scipy.stats.t)
        assertThat(straddles.outcome()).isEqualTo(Outcome.INCONCLUSIVE);
        assertThat(straddles.interval().orElseThrow().low()).isCloseTo(-2.22365, within(1e-4));
        assertThat(straddles.interval().orElseThrow().high()).isCloseTo(40.62365, within(1e-4));
        assertThat(within.outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void aPercentileIsJudgedOnItsOrderStatisticInterval() {
        Measurement thousand = Measurement.of(LATENCY, java.util.stream.IntStream.rangeClosed(1, 1000)
                .asDoubleStream().toArray());
        Threshold ceiling = new Threshold.Absolute("latency", Statistic.parse("p99"), Bound.MAX, 990, "because", InconclusivePolicy.WARN);
        Threshold above = new Threshold.Absolute("latency", Statistic.parse("p99"), Bound.MAX, 997, "because", InconclusivePolicy.WARN);

        List<ThresholdVerdict> verdicts = Gate.judge(List.of(ceiling, above), Optional.of(List.of(thousand)), "");

        // p99 of 1..1000 is 990.01; its 95% interval is [983, 997] (ranks from Binomial(1000, 0.99))
        assertThat(verdicts).extracting(ThresholdVerdict::outcome)
                .containsExactly(Outcome.INCONCLUSIVE, Outcome.PASS);
        assertThat(verdicts.get(0).interval()).hasValue(new Interval(983, 997, 0.95, false));
    }

    @Test
    void theMinimumAndMaximumKeepThePointComparisonWithoutAnInterval() {
        ThresholdVerdict verdict = judge(Statistic.MIN, Bound.MIN, 5);

        assertThat(verdict.outcome()).isEqualTo(Outcome.PASS);
        assertThat(verdict.interval()).isEmpty();
        assertThat(verdict.message()).isEqualTo("min(latency) = 10 ms, within min 5 ms");
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
        Threshold threshold = new Threshold.Absolute("throughput", Statistic.MEDIAN, Bound.MIN, 1, "because", InconclusivePolicy.WARN);

        ThresholdVerdict verdict = Gate.judge(List.of(threshold), Optional.of(List.of(SAMPLES)), "").get(0);

        assertThat(verdict.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(verdict.message()).isEqualTo("metric 'throughput' was not reported; reported: latency");
    }

    @Test
    void everyThresholdOfAPluginThatDidNotCompleteIsAnError() {
        Threshold threshold = new Threshold.Absolute("latency", Statistic.MEDIAN, Bound.MAX, 20, "because", InconclusivePolicy.WARN);

        ThresholdVerdict verdict = Gate.judge(List.of(threshold), Optional.empty(), "timed out").get(0);

        assertThat(verdict.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(verdict.measured()).isEmpty();
        assertThat(verdict.message()).contains("timed out");
    }
}
