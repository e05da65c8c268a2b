package io.icebench.runner.launch;

import io.icebench.runner.statistics.Statistic;
import io.icebench.runner.verdict.Threshold;
import io.icebench.spi.report.Bound;
import io.icebench.spi.report.InconclusivePolicy;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Commit trailers that accept an intended slowdown for one change. */
class AcceptancesTest {

    private static final String LOG = "1111111111111111111111111111111111111111\n"
            + "Fuse the attention projections\n\nIt is slower on CPU, faster on GPU.\n\n"
            + "Icebench-Accept: forward-latency pass_time 12% the fused attention costs this on CPU\n"
            + "Signed-off-by: someone\n\u0000\n"
            + "2222222222222222222222222222222222222222\nA commit without a trailer\n\u0000\n"
            + "3333333333333333333333333333333333333333\nMention Icebench-Accept: in prose, not as a trailer\n"
            + "Icebench-Accept: dataloader-throughput events_per_second 4.5 % prefetch one batch less\n\u0000\n";

    @Test
    void everyCommitsTrailersAreReadWithTheirCommit() {
        List<Acceptances.Acceptance> accepted = Acceptances.parse(LOG);

        assertThat(accepted).containsExactly(
                new Acceptances.Acceptance("1111111111111111111111111111111111111111", "forward-latency", "pass_time",
                        12, "the fused attention costs this on CPU"),
                new Acceptances.Acceptance("3333333333333333333333333333333333333333", "dataloader-throughput",
                        "events_per_second", 4.5, "prefetch one batch less"));
    }

    @Test
    void anAcceptanceRaisesOnlyThatPluginsPairedThresholdOnThatMetricAndSaysWhy() {
        Threshold paired = new Threshold.Paired("pass_time", Statistic.MEDIAN, 3, "3% is noise-free here",
                InconclusivePolicy.WARN);
        Threshold other = new Threshold.Paired("forward_latency", Statistic.MEDIAN, 3, "r", InconclusivePolicy.WARN);
        Threshold absolute = new Threshold.Absolute("pass_time", Statistic.MEDIAN, Bound.MAX, 900, "r",
                InconclusivePolicy.WARN);

        List<Threshold> applied = Acceptances.apply("forward-latency", List.of(paired, other, absolute),
                Acceptances.parse(LOG));
        List<Threshold> elsewhere = Acceptances.apply("cpu-calibration", List.of(paired), Acceptances.parse(LOG));

        Threshold.Paired raised = (Threshold.Paired) applied.get(0);
        assertThat(raised.maxRegressionPercent()).isEqualTo(12);
        assertThat(raised.rationale()).isEqualTo("ACCEPTED: up to 12% (instead of 3%) by commit 111111111111: the"
                + " fused attention costs this on CPU. 3% is noise-free here");
        assertThat(applied.get(1)).isSameAs(other);
        assertThat(applied.get(2)).isSameAs(absolute);
        assertThat(elsewhere.get(0)).isSameAs(paired);
    }

    @Test
    void anAcceptanceBelowTheThresholdChangesNothing() {
        Threshold paired = new Threshold.Paired("pass_time", Statistic.MEDIAN, 15, "r", InconclusivePolicy.WARN);

        assertThat(Acceptances.apply("forward-latency", List.of(paired), Acceptances.parse(LOG)).get(0))
                .isSameAs(paired);
    }
}
