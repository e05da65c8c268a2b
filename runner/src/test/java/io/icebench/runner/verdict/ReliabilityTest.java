package io.icebench.runner.verdict;

import io.icebench.runner.measure.Interference;
import io.icebench.spi.Metric;
import io.icebench.spi.PluginKind;
import io.icebench.spi.Unit;
import io.icebench.spi.report.Bound;
import io.icebench.spi.report.InconclusivePolicy;
import io.icebench.spi.MetricReport;
import io.icebench.spi.report.Outcome;
import io.icebench.spi.PluginReport;
import io.icebench.spi.report.RunStatus;
import io.icebench.spi.report.ThresholdVerdict;
import io.icebench.runner.statistics.Summaries;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;

class ReliabilityTest {

    private static final Metric LATENCY = Metric.lowerIsBetter("forward_latency", Unit.MILLISECONDS, "");
    private static final Metric COST = Metric.lowerIsBetter("pass_cost", Unit.of("matmuls"), "")
            .on(Metric.Basis.CPU);
    /** Two cores, one and a third of them used by other processes during the plugin's run. */
    private static final Interference.Figures BUSY = new Interference.Figures(20, 2, 0.66, 0, 4.1, 3.2);
    private static final Interference.Figures QUIET = new Interference.Figures(20, 2, 0.02, 0, 2.1, 1.1);

    private static ThresholdVerdict failed(String metric, double measured, double limit) {
        return new ThresholdVerdict(metric, "median", Bound.MAX, limit, "ms", "why", OptionalDouble.of(measured),
                Outcome.FAIL, "median(" + metric + ") = " + measured, Optional.empty(), InconclusivePolicy.WARN,
                Optional.empty());
    }

    private static PluginReport report(ThresholdVerdict... verdicts) {
        List<MetricReport> metrics = List.of(metric(LATENCY, 120), metric(COST, 210));
        return new PluginReport("forward-latency", PluginKind.REGRESSION_GATE, "", "built-in", RunStatus.COMPLETED,
                Optional.empty(), Duration.ofSeconds(20), Map.of(), metrics, List.of(), List.of(), Map.of(),
                List.of(verdicts), List.of());
    }

    private static MetricReport metric(Metric metric, double value) {
        double[] samples = {value, value, value};
        return new MetricReport(metric, samples, Summaries.of(samples, 0.95));
    }

    @Test
    void aWallClockFailureOnABusyMachineIsUnreliableAndSaysWhyAndWhatToDo() {
        PluginReport judged = Reliability.judge(report(failed("forward_latency", 120, 50)), Optional.of(BUSY),
                List.of());

        ThresholdVerdict verdict = judged.verdicts().get(0);
        assertThat(verdict.outcome()).isEqualTo(Outcome.UNRELIABLE);
        assertThat(verdict.message()).contains("UNRELIABLE, not FAIL: the machine was busy (other processes used"
                + " 1.3 of 2 cores (66%, limit 25%)): rerun on a quiet runner, or judge the change against its base"
                + " with --against HEAD~1");
        assertThat(judged.outcome()).isEqualTo(Outcome.UNRELIABLE);
        assertThat(judged.properties()).containsEntry("icebench.interference.others_cpu", "1.32 of 2 cores (66%)")
                .containsKey(Reliability.BUSY).containsKey(Reliability.REASON);
    }

    @Test
    void aCpuTimeFailureStaysAFailureHoweverBusyTheMachineWas() {
        PluginReport judged = Reliability.judge(report(failed("forward_latency", 120, 50),
                failed("pass_cost", 210, 150)), Optional.of(BUSY), List.of());

        assertThat(judged.verdicts()).extracting(ThresholdVerdict::outcome)
                .containsExactly(Outcome.UNRELIABLE, Outcome.FAIL);
        assertThat(judged.outcome()).isEqualTo(Outcome.FAIL);
    }

    @Test
    void onAQuietMachineAFailureIsAFailure() {
        PluginReport judged = Reliability.judge(report(failed("forward_latency", 120, 50)), Optional.of(QUIET),
                List.of());

        assertThat(judged.verdicts().get(0).outcome()).isEqualTo(Outcome.FAIL);
        assertThat(judged.properties()).containsEntry("icebench.interference.others_cpu", "0.04 of 2 cores (2%)")
                .doesNotContainKey(Reliability.BUSY);
    }

    @Test
    void theYardsticksEvidenceAloneIsEnoughWhereTheWindowLooksQuiet() {
        List<String> evidence = Interference.yardstickEvidence("after",
                new io.icebench.spi.Yardstick.Reading(74.9, 40.4), Optional.of(39.8));

        assertThat(evidence).containsExactly(
                "the yardstick after the gates took 85.4% longer than its CPU time (74.9 ms for 40.4 ms; limit 20%)",
                "the yardstick after the gates ran 88.19% slower than its median on this machine (74.9 ms against"
                        + " 39.8 ms; limit 20%)");
        PluginReport judged = Reliability.judge(report(failed("forward_latency", 120, 50)), Optional.of(QUIET),
                evidence);
        assertThat(judged.verdicts().get(0).outcome()).isEqualTo(Outcome.UNRELIABLE);
        // the console's line names the first piece of evidence and counts the rest; the verdict keeps them all
        assertThat(judged.properties().get(Reliability.REASON)).isEqualTo("the machine was busy (the yardstick"
                + " after the gates took 85.4% longer than its CPU time (74.9 ms for 40.4 ms; limit 20%); 1 more in"
                + " the report): rerun on a quiet runner, or judge the change against its base with --against HEAD~1");
        assertThat(judged.verdicts().get(0).message()).contains("88.19% slower than its median");
    }

    @Test
    void aQuietYardstickIsNoEvidence() {
        assertThat(Interference.yardstickEvidence("before", new io.icebench.spi.Yardstick.Reading(41.0, 40.7),
                Optional.of(39.8))).isEmpty();
        assertThat(Interference.yardstickEvidence("before", new io.icebench.spi.Yardstick.Reading(41.0, 40.7),
                Optional.empty())).isEmpty();
    }

    @Test
    void stolenCpuTimeIsEvidenceToo() {
        assertThat(new Interference.Figures(20, 2, 0, 0.15, 2, 1).evidence())
                .containsExactly("the hypervisor stole 15% of the CPU (limit 10%)");
    }

    @Test
    void eachTimersWallOverCpuRatioIsAmongTheReportsInterferenceFigures() {
        PluginReport report = new PluginReport("dataloader-throughput", PluginKind.REGRESSION_GATE, "", "built-in",
                RunStatus.COMPLETED, Optional.empty(), Duration.ofSeconds(5), Map.of(), List.of(
                        metric(Metric.lowerIsBetter("epoch.wall_time", Unit.MILLISECONDS, ""), 150),
                        metric(Metric.lowerIsBetter("epoch.cpu_time", Unit.MILLISECONDS, "").on(Metric.Basis.CPU),
                                120)), List.of(), List.of(), Map.of(), List.of(), List.of());

        assertThat(Reliability.judge(report, Optional.of(QUIET), List.of()).properties())
                .containsEntry("icebench.interference.wall_over_cpu.epoch", "1.25");
    }
}
