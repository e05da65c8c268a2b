package io.icebench.runner.measure;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SlowdownTest {

    @Test
    void aTenPercentSlowdownSpinsForAtLeastATenthOfTheReportedWork() {
        long start = System.nanoTime();

        new Slowdown(0.10).apply(50_000_000L);

        // A lower bound only: the spin runs until its deadline, however busy the machine is.
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(5_000_000L);
    }

    @Test
    void noSlowdownReturnsAtOnceAndPrintsAsZeroPercent() {
        Slowdown.NONE.apply(Long.MAX_VALUE);

        assertThat(Slowdown.NONE.toString()).isEqualTo("0%");
        assertThat(new Slowdown(0.1).toString()).isEqualTo("10%");
    }

    @Test
    void aNegativeSlowdownIsRejected() {
        assertThatThrownBy(() -> new Slowdown(-0.1)).isInstanceOf(IllegalArgumentException.class);
    }
}
