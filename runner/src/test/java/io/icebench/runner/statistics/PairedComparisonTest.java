package io.icebench.runner.statistics;

import io.icebench.spi.Direction;
import io.icebench.spi.report.Comparison;
import io.icebench.spi.report.Outcome;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Every verdict path of the paired comparison on fixed per-fork statistics, the interval against a hand computation,
 * and the false-alarm rate of the sequential rule on simulated forks.
 */
class PairedComparisonTest {

    private static final double[] BASE = {100, 102, 98, 101, 99, 100, 103, 97};

    private static double[] scaled(double[] values, double... factors) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i] * factors[i % factors.length];
        }
        return out;
    }

    @Test
    void theIntervalIsStudentsTOfTheMeanLogRatioBackTransformed() {
        // log ratios ln(1.04), ln(1.06), ln(1.05), ln(1.05): mean 0.0487675, sd 0.0077764, t(0.995, 3) = 5.840909
        double[] a = {10, 10, 10, 10};
        double[] b = {10.4, 10.6, 10.5, 10.5};

        Comparison c = PairedComparison.compare(a, b, Direction.LOWER_IS_BETTER, 2, 0.01, "base");

        double mean = (Math.log(1.04) + Math.log(1.06) + 2 * Math.log(1.05)) / 4;
        assertThat(c.changePercent()).isCloseTo((Math.exp(mean) - 1) * 100, within(1e-9));
        assertThat(c.changeLow()).isCloseTo(2.63992, within(1e-4));
        assertThat(c.changeHigh()).isCloseTo(7.40948, within(1e-4));
        assertThat(c.level()).isEqualTo(0.99);
        assertThat(c.blocks()).isEqualTo(4);
        assertThat(c.method()).isEqualTo(Comparison.Method.PAIRED);
        assertThat(c.oldMedian()).isEqualTo(10);
        assertThat(c.newMedian()).isEqualTo(10.5);
        assertThat(c.ratioText()).isEqualTo("B/A 1.0500 [1.0264, 1.0741], k = 4");
    }

    @Test
    void aSlowdownWhoseWholeIntervalIsBeyondTheThresholdIsRegressedAndFails() {
        Comparison c = PairedComparison.compare(BASE, scaled(BASE, 1.05, 1.06, 1.04, 1.055), Direction.LOWER_IS_BETTER,
                2, 0.01, "HEAD~1");

        assertThat(c.verdict()).isEqualTo(Comparison.Verdict.REGRESSED);
        assertThat(c.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(c.changeLow()).isGreaterThan(2);
        assertThat(c.pValue()).isLessThan(1e-6);
        assertThat(PairedComparison.decided(c)).isTrue();
    }

    @Test
    void noChangeWhoseIntervalIsBelowTheThresholdIsUnchangedAndPasses() {
        Comparison c = PairedComparison.compare(BASE, scaled(BASE, 1.01, 0.99, 1.005, 0.995), Direction.LOWER_IS_BETTER,
                3, 0.01, "HEAD~1");

        assertThat(c.verdict()).isEqualTo(Comparison.Verdict.UNCHANGED);
        assertThat(c.outcome()).isEqualTo(Outcome.PASS);
        assertThat(c.changeHigh()).isLessThan(3);
        assertThat(c.changeLow()).isGreaterThan(-3);
    }

    @Test
    void aSpeedUpWhoseWholeIntervalIsBetterThanTheThresholdIsImproved() {
        Comparison c = PairedComparison.compare(BASE, scaled(BASE, 0.90, 0.91, 0.89, 0.905), Direction.LOWER_IS_BETTER,
                3, 0.01, "HEAD~1");

        assertThat(c.verdict()).isEqualTo(Comparison.Verdict.IMPROVED);
        assertThat(c.outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void anIntervalStraddlingTheThresholdIsInconclusive() {
        // ratios around +3% with a spread of several percent: neither side of a 3% threshold can be claimed
        Comparison c = PairedComparison.compare(BASE, scaled(BASE, 1.08, 0.99, 1.05, 1.00), Direction.LOWER_IS_BETTER,
                3, 0.01, "HEAD~1");

        assertThat(c.verdict()).isEqualTo(Comparison.Verdict.INCONCLUSIVE);
        assertThat(c.outcome()).isEqualTo(Outcome.INCONCLUSIVE);
        assertThat(c.changeLow()).isLessThan(3);
        assertThat(c.changeHigh()).isGreaterThan(3);
        assertThat(PairedComparison.decided(c)).isFalse();
    }

    @Test
    void forAHigherIsBetterMetricAFallIsTheRegression() {
        Comparison fell = PairedComparison.compare(BASE, scaled(BASE, 0.95, 0.94, 0.96, 0.945),
                Direction.HIGHER_IS_BETTER, 2, 0.01, "HEAD~1");
        Comparison rose = PairedComparison.compare(BASE, scaled(BASE, 1.05, 1.06, 1.04, 1.055),
                Direction.HIGHER_IS_BETTER, 2, 0.01, "HEAD~1");

        assertThat(fell.verdict()).isEqualTo(Comparison.Verdict.REGRESSED);
        assertThat(fell.changePercent()).isNegative();
        assertThat(rose.verdict()).isEqualTo(Comparison.Verdict.IMPROVED);
    }

    @Test
    void fewerThanThreeBlocksDecideNothing() {
        Comparison c = PairedComparison.compare(new double[] {10, 10}, new double[] {20, 20},
                Direction.LOWER_IS_BETTER, 2, 0.01, "HEAD~1");

        assertThat(c.verdict()).isEqualTo(Comparison.Verdict.INCONCLUSIVE);
        assertThat(c.blocks()).isEqualTo(2);
    }

    @Test
    void identicalForksGiveAZeroWidthIntervalAtNoChange() {
        Comparison c = PairedComparison.compare(BASE, BASE.clone(), Direction.LOWER_IS_BETTER, 2, 0.01, "HEAD~1");

        assertThat(c.verdict()).isEqualTo(Comparison.Verdict.UNCHANGED);
        assertThat(c.changeLow()).isZero();
        assertThat(c.changeHigh()).isZero();
        assertThat(c.pValue()).isEqualTo(1);
    }

    @Test
    void aStatisticThatIsNotPositiveCannotBeARatio() {
        assertThatThrownBy(() -> PairedComparison.compare(new double[] {1, 0, 1}, new double[] {1, 1, 1},
                Direction.LOWER_IS_BETTER, 2, 0.01, "HEAD~1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("block 2 has a statistic that is not a positive number (A 0.0, B 1.0); a ratio needs"
                        + " positive values");
        assertThatThrownBy(() -> PairedComparison.compare(new double[] {1, 1}, new double[] {1},
                Direction.LOWER_IS_BETTER, 2, 0.01, "HEAD~1"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * The sequential rule of {@code PairedRun}: look after every block from 6 to 30 and stop at the first decision.
     * With fork-to-fork noise of 2% per side (a block's ratio then has an sd of 2.8%, what cpu-calibration's blocks
     * showed), a 2.5% threshold and 99% intervals, unchanged code must almost never end REGRESSED however often it
     * is looked at, and a 5% slowdown must almost always be caught.
     */
    @Test
    void lookingAfterEveryBlockKeepsFalseAlarmsBelowOnePercent() {
        SplittableRandom random = new SplittableRandom(20261201);
        int trials = 4000;
        int falseAlarms = 0;
        int detections = 0;
        for (int trial = 0; trial < trials; trial++) {
            falseAlarms += sequential(random, 0, 0.02, 2.5) == Comparison.Verdict.REGRESSED ? 1 : 0;
            detections += sequential(random, 0.05, 0.02, 2.5) == Comparison.Verdict.REGRESSED ? 1 : 0;
        }
        System.out.printf("sequential rule, %d trials each: %d false alarms, %d detections of +5%%%n", trials,
                falseAlarms, detections);
        assertThat(falseAlarms).as("false alarms in %d A/A trials", trials).isLessThan(trials / 100);
        assertThat(detections).as("detections of +5%% in %d trials", trials).isGreaterThan(trials * 95 / 100);
    }

    private static Comparison.Verdict sequential(SplittableRandom random, double change, double sd, double threshold) {
        double[] a = new double[30];
        double[] b = new double[30];
        Comparison c = null;
        for (int n = 1; n <= 30; n++) {
            a[n - 1] = 100 * Math.exp(sd * gaussian(random));
            b[n - 1] = 100 * (1 + change) * Math.exp(sd * gaussian(random));
            if (n >= 6) {
                c = PairedComparison.compare(java.util.Arrays.copyOf(a, n), java.util.Arrays.copyOf(b, n),
                        Direction.LOWER_IS_BETTER, threshold, 0.01, "sim");
                if (PairedComparison.decided(c)) {
                    break;
                }
            }
        }
        return c.verdict();
    }

    private static double gaussian(SplittableRandom random) {
        double u = random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }
}
