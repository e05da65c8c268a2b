package io.icebench.icecube.generate;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PulseCountsTest {

    @Test
    void the_published_quantiles_are_exact_at_the_knots() {
        assertThat(PulseCounts.quantile(0)).isEqualTo(5);
        assertThat(PulseCounts.quantile(0.25)).isEqualTo(48);
        assertThat(PulseCounts.quantile(0.5)).isEqualTo(63);
        assertThat(PulseCounts.quantile(0.75)).isEqualTo(89);
        assertThat(PulseCounts.quantile(0.90)).isEqualTo(145);
        assertThat(PulseCounts.quantile(0.95)).isEqualTo(222);
        assertThat(PulseCounts.quantile(0.99)).isEqualTo(1_000);
    }

    @Test
    void the_fitted_tail_puts_1_5e_5_above_50000_and_5e_6_above_100000_pulses() {
        assertThat(PulseCounts.EXTREME_U).isEqualTo(1 - 1.5e-5);
        assertThat(PulseCounts.quantile(1 - 1.5e-5)).isEqualTo(50_000);
        assertThat(PulseCounts.quantile(1 - 5e-6)).isEqualTo(100_000);
        assertThat(PulseCounts.quantile(Math.nextDown(1.0))).isEqualTo(180_000);
        assertThat(PulseCounts.quantile(1 - 1.6e-5)).isLessThan(50_000);
    }

    @Test
    void the_fitted_tail_makes_the_mean_164_4() {
        assertThat(PulseCounts.mean()).isCloseTo(164.4, within(0.05));
    }

    @Test
    void pulse_counts_never_decrease_with_u() {
        int previous = 0;
        for (int i = 0; i < 1_000_000; i++) {
            double u = 1 - Math.pow(10, -7.0 * i / 1_000_000);
            int pulses = PulseCounts.quantile(u);
            assertThat(pulses).isGreaterThanOrEqualTo(previous);
            previous = pulses;
        }
    }

    @Test
    void extreme_draws_stay_in_50000_to_180000_pulses_and_follow_the_tail() {
        SplittableRandom random = new SplittableRandom(3);
        int over100000 = 0;
        for (int i = 0; i < 100_000; i++) {
            int pulses = PulseCounts.extreme(random.nextDouble());
            assertThat(pulses).isBetween(50_000, 180_000);
            over100000 += pulses > 100_000 ? 1 : 0;
        }
        // Within the extreme region P(>100,000) = 5e-6 / 1.5e-5 = 1/3.
        assertThat(over100000 / 100_000.0).isCloseTo(1 / 3.0, within(0.01));
    }
}
