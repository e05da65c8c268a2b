package io.icebench.runner.statistics;

import io.icebench.spi.Direction;
import io.icebench.spi.report.Comparison;
import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The relative comparison on fixed samples, against values computed by hand. */
class RelativeComparisonTest {

    private static final double[] BEFORE = {100, 101, 102, 103, 104, 105, 106, 107};

    private static double[] scaled(double factor) {
        double[] now = new double[BEFORE.length];
        for (int i = 0; i < now.length; i++) {
            now[i] = BEFORE[i] * factor;
        }
        return now;
    }

    @Test
    void theExactOneSidedMannWhitneyPValueOfTwoSeparatedSamplesIsOneOverTheNumberOfArrangements() {
        // Every x above every y: U = 25, and of the C(10, 5) = 252 equally likely rank arrangements only this one is
        // as extreme, so p = 1/252.
        double p = RelativeComparison.pValue(new double[] {6, 7, 8, 9, 10}, new double[] {1, 2, 3, 4, 5},
                AlternativeHypothesis.GREATER_THAN);
        assertThat(p).isCloseTo(1.0 / 252, within(1e-12));
        // Three against three: C(6, 3) = 20 arrangements.
        assertThat(RelativeComparison.pValue(new double[] {110, 111, 112}, new double[] {100, 101, 102},
                AlternativeHypothesis.GREATER_THAN)).isCloseTo(1.0 / 20, within(1e-12));
        // The other direction: every arrangement is at least as extreme.
        assertThat(RelativeComparison.pValue(new double[] {6, 7, 8, 9, 10}, new double[] {1, 2, 3, 4, 5},
                AlternativeHypothesis.LESS_THAN)).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void theHodgesLehmannChangeIsTheMedianOfThePairwiseRatios() {
        // Pairwise ratios of {110, 120} / {100, 200}: 1.1, 1.2, 0.55, 0.6 -> median (0.6 + 1.1) / 2 = 0.85.
        double[] change = RelativeComparison.hodgesLehmannChange(new double[] {100, 200}, new double[] {110, 120},
                0.95);
        assertThat(change[0]).isCloseTo(-15.0, within(1e-9));
        // m·n = 4 is too few for a 95% interval: the whole range of the ratios.
        assertThat(change[1]).isCloseTo(-45.0, within(1e-9));
        assertThat(change[2]).isCloseTo(20.0, within(1e-9));
        // Equal ratios everywhere: the estimate and both ends are that ratio.
        double[] ten = RelativeComparison.hodgesLehmannChange(BEFORE, scaled(1.1), 0.95);
        assertThat(ten[0]).isCloseTo(10.0, within(1e-9));
        assertThat(ten[1]).isLessThanOrEqualTo(10.0 + 1e-9);
        assertThat(ten[2]).isGreaterThanOrEqualTo(10.0 - 1e-9);
    }

    @Test
    void aSignificantSlowdownBeyondTheThresholdRegressesALowerIsBetterMetric() {
        Comparison c = RelativeComparison.compare(BEFORE, scaled(1.2), Direction.LOWER_IS_BETTER, 10, 0.01, 0.95,
                "run-a");

        assertThat(c.verdict()).isEqualTo(Comparison.Verdict.REGRESSED);
        assertThat(c.outcome()).isEqualTo(io.icebench.spi.report.Outcome.FAIL);
        // All 8 new samples above all 8 old: p = 1/C(16, 8) = 1/12870.
        assertThat(c.pValue()).isCloseTo(1.0 / 12870, within(1e-12));
        assertThat(c.oldMedian()).isEqualTo(103.5);
        assertThat(c.newMedian()).isCloseTo(124.2, within(1e-9));
        assertThat(c.changeLow()).isLessThan(c.changePercent());
        assertThat(c.changeHigh()).isGreaterThan(c.changePercent());
        assertThat(c.changePercent()).isBetween(19.0, 21.0);
        assertThat(c.baselineRunId()).isEqualTo("run-a");
    }

    @Test
    void theSameRiseImprovesAHigherIsBetterMetric() {
        Comparison c = RelativeComparison.compare(BEFORE, scaled(1.2), Direction.HIGHER_IS_BETTER, 10, 0.01, 0.95,
                "run-a");

        assertThat(c.verdict()).isEqualTo(Comparison.Verdict.IMPROVED);
        assertThat(c.outcome()).isEqualTo(io.icebench.spi.report.Outcome.PASS);
        assertThat(c.pValue()).isCloseTo(1.0 / 12870, within(1e-12));
    }

    @Test
    void aSignificantChangeWithinTheThresholdIsUnchanged() {
        Comparison c = RelativeComparison.compare(BEFORE, scaled(1.2), Direction.LOWER_IS_BETTER, 30, 0.01, 0.95,
                "run-a");

        assertThat(c.verdict()).isEqualTo(Comparison.Verdict.UNCHANGED);
        assertThat(c.outcome()).isEqualTo(io.icebench.spi.report.Outcome.PASS);
    }

    @Test
    void aLargeChangeWithoutSignificanceIsUnchanged() {
        // Three against three cannot reach p < 0.01 (the smallest p is 1/20), however large the change.
        Comparison c = RelativeComparison.compare(new double[] {100, 101, 102}, new double[] {200, 201, 202},
                Direction.LOWER_IS_BETTER, 10, 0.01, 0.95, "run-a");

        assertThat(c.verdict()).isEqualTo(Comparison.Verdict.UNCHANGED);
        assertThat(c.pValue()).isCloseTo(0.05, within(1e-12));
        assertThat(c.changePercent()).isGreaterThan(90);
    }
}
