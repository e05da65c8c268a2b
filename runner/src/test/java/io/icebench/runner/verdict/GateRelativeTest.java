package io.icebench.runner.verdict;

import io.icebench.runner.baseline.RunSamples;
import io.icebench.spi.Direction;
import io.icebench.spi.Measurement;
import io.icebench.spi.Metric;
import io.icebench.spi.Unit;
import io.icebench.spi.report.Comparison;
import io.icebench.spi.report.Outcome;
import io.icebench.spi.report.ThresholdVerdict;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Relative thresholds through the gate, on fixed samples: regressed, improved, unchanged, not judged. */
class GateRelativeTest {

    private static final Metric LATENCY = Metric.lowerIsBetter("latency", Unit.MILLISECONDS, "");
    private static final double[] OLD = {100, 101, 102, 103, 104, 105, 106, 107};

    private static RunSamples baseline(double[] samples) {
        return new RunSamples("base-run", "regression", "2025-01-01T00:00:00Z", Map.of(),
                Map.of("p", Map.of("latency", new RunSamples.MetricSamples(samples, "ms",
                        Direction.LOWER_IS_BETTER))));
    }

    private static ThresholdVerdict judge(double[] now, Optional<RunSamples> baseline, double percent) {
        Threshold threshold = new Threshold.Relative("latency", percent, "because");
        return Gate.judge(List.of(threshold), Optional.of(List.of(Measurement.of(LATENCY, now))), "", 0.95, "p",
                Gate.Evidence.of(baseline), 0.01).get(0);
    }

    private static double[] times(double factor) {
        double[] now = OLD.clone();
        for (int i = 0; i < now.length; i++) {
            now[i] *= factor;
        }
        return now;
    }

    @Test
    void aSlowerRunBeyondTheThresholdRegressesAndFails() {
        ThresholdVerdict verdict = judge(times(1.25), Optional.of(baseline(OLD)), 10);

        assertThat(verdict.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(verdict.comparison()).hasValueSatisfying(c -> {
            assertThat(c.verdict()).isEqualTo(Comparison.Verdict.REGRESSED);
            assertThat(c.baselineRunId()).isEqualTo("base-run");
        });
        assertThat(verdict.message()).startsWith("REGRESSED: median 103.5 -> 129.4 ms, change +25%")
                .contains("one-sided Mann-Whitney p = 7.8e-05 (alpha 0.01)", "max regression 10%");
    }

    @Test
    void aFasterRunIsImprovedAndPasses() {
        ThresholdVerdict verdict = judge(times(0.8), Optional.of(baseline(OLD)), 10);

        assertThat(verdict.outcome()).isEqualTo(Outcome.PASS);
        assertThat(verdict.comparison().orElseThrow().verdict()).isEqualTo(Comparison.Verdict.IMPROVED);
    }

    @Test
    void theSameSamplesAreUnchangedAndPass() {
        ThresholdVerdict verdict = judge(OLD.clone(), Optional.of(baseline(OLD)), 10);

        assertThat(verdict.outcome()).isEqualTo(Outcome.PASS);
        assertThat(verdict.comparison().orElseThrow().verdict()).isEqualTo(Comparison.Verdict.UNCHANGED);
        assertThat(verdict.comparison().orElseThrow().changePercent()).isEqualTo(0.0);
    }

    @Test
    void withoutABaselineTheThresholdIsNotJudgedAndCountsForNothing() {
        ThresholdVerdict verdict = judge(times(2), Optional.empty(), 10);

        assertThat(verdict.outcome()).isEqualTo(Outcome.NONE);
        assertThat(verdict.effectiveOutcome()).isEqualTo(Outcome.NONE);
        assertThat(verdict.comparison().orElseThrow().verdict()).isEqualTo(Comparison.Verdict.NOT_JUDGED);
        assertThat(verdict.message()).startsWith("NOT JUDGED: no baseline");
    }

    @Test
    void aBaselineWithoutTheMetricLeavesItNotJudged() {
        RunSamples other = new RunSamples("base-run", "regression", "", Map.of(), Map.of());

        ThresholdVerdict verdict = judge(times(2), Optional.of(other), 10);

        assertThat(verdict.outcome()).isEqualTo(Outcome.NONE);
        assertThat(verdict.message()).contains("base-run has no samples of p/latency");
    }

    @Test
    void absoluteThresholdsBesideARelativeOneAreJudgedAsBefore() {
        List<ThresholdVerdict> verdicts = Gate.judge(List.of(
                        new Threshold.Absolute("latency", io.icebench.runner.statistics.Statistic.MEDIAN,
                                io.icebench.spi.report.Bound.MAX, 1, "ceiling",
                                io.icebench.spi.report.InconclusivePolicy.WARN),
                        new Threshold.Relative("latency", 10, "relative")),
                Optional.of(List.of(Measurement.of(LATENCY, OLD))), "", 0.95, "p", Gate.Evidence.of(Optional.of(baseline(OLD))), 0.01);

        assertThat(verdicts.get(0).outcome()).isEqualTo(Outcome.FAIL);
        assertThat(verdicts.get(0).comparison()).isEmpty();
        assertThat(verdicts.get(1).outcome()).isEqualTo(Outcome.PASS);
    }
}
