package io.icebench.runner.launch;

import io.icebench.runner.ExitCodes;
import io.icebench.runner.config.RunConfig;
import io.icebench.runner.discovery.DiscoveredPlugin;
import io.icebench.runner.measure.Slowdown;
import io.icebench.runner.statistics.Statistic;
import io.icebench.spi.report.InconclusivePolicy;
import io.icebench.runner.verdict.Gate;
import io.icebench.runner.verdict.Threshold;
import io.icebench.spi.BenchmarkPlugin;
import io.icebench.spi.Measurements;
import io.icebench.spi.Metric;
import io.icebench.spi.Parameters;
import io.icebench.spi.PluginContext;
import io.icebench.spi.PluginKind;
import io.icebench.spi.Spi;
import io.icebench.spi.Unit;
import io.icebench.spi.report.Bound;
import io.icebench.spi.report.Outcome;
import io.icebench.spi.report.ThresholdVerdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A gate's verdict is settled by re-runs: an inconclusive threshold gets pooled samples from up to the configured
 * number of re-runs, and a failure counts only when a re-run confirms it. The plugin here replays fixed samples, one
 * set per run, so every path is exact.
 */
class PluginRunTest {

    private static final Metric LATENCY = Metric.lowerIsBetter("latency", Unit.MILLISECONDS, "one call");
    /** Nine samples whose median 10 has a 95% interval [7, 13] (ranks 2 and 8): straddles a limit of 10. */
    private static final double[] STRADDLING = {6, 7, 8, 9, 10, 11, 12, 13, 14};
    private static final double[] FAST = constant(5, 30);
    private static final double[] SLOW = constant(20, 30);

    @TempDir
    Path results;

    @Test
    void anInconclusiveThresholdIsSettledByPoolingTheSamplesOfAReRun() {
        PluginRun.Result result = run(config(2, true), InconclusivePolicy.WARN, STRADDLING, FAST);

        assertThat(result.attempts()).isEqualTo(2);
        assertThat(result.firstVerdicts()).extracting(ThresholdVerdict::outcome).containsExactly(Outcome.INCONCLUSIVE);
        assertThat(result.report().verdicts()).extracting(ThresholdVerdict::outcome).containsExactly(Outcome.PASS);
        assertThat(result.report().metric("latency").orElseThrow().samples()).hasSize(9 + 30);
        assertThat(result.report().properties().get("icebench.attempts"))
                .isEqualTo("2 (1 re-run(s) for inconclusive thresholds, samples pooled)");
        assertThat(result.report().verdicts()).noneMatch(ThresholdVerdict::reportedInconclusive);
    }

    @Test
    void aThresholdStillInconclusiveAfterTheCapIsReportedApartWhenItsPolicySaysReport() {
        PluginRun.Result result = run(config(2, true), InconclusivePolicy.REPORT, STRADDLING, STRADDLING, STRADDLING,
                STRADDLING);

        assertThat(result.attempts()).isEqualTo(3);
        assertThat(result.report().verdicts()).extracting(ThresholdVerdict::outcome)
                .containsExactly(Outcome.INCONCLUSIVE);
        assertThat(result.report().metric("latency").orElseThrow().samples()).hasSize(27);
        assertThat(result.report().verdicts().get(0).inconclusive()).isEqualTo(InconclusivePolicy.REPORT);
        assertThat(Launcher.exitCode(Mode.REGRESSION, List.of(result.report()))).isEqualTo(ExitCodes.INCONCLUSIVE);
    }

    @Test
    void underTheWarnPolicyAnUnsettledThresholdPassesWithAWarningAndExitsZero() {
        PluginRun.Result result = run(config(1, true), InconclusivePolicy.WARN, STRADDLING, STRADDLING, STRADDLING);

        assertThat(result.attempts()).isEqualTo(2);
        assertThat(result.report().verdicts().get(0).warning()).isTrue();
        assertThat(Launcher.exitCode(Mode.REGRESSION, List.of(result.report()))).isEqualTo(ExitCodes.OK);
    }

    @Test
    void aFailureThatTheReRunDoesNotRepeatIsNotConfirmedAndPasses() {
        PluginRun.Result result = run(config(2, true), InconclusivePolicy.WARN, SLOW, FAST);

        assertThat(result.attempts()).isEqualTo(2);
        assertThat(result.firstVerdicts()).extracting(ThresholdVerdict::outcome).containsExactly(Outcome.FAIL);
        ThresholdVerdict verdict = result.report().verdicts().get(0);
        assertThat(verdict.outcome()).isEqualTo(Outcome.PASS);
        assertThat(verdict.measured()).hasValue(5.0);
        assertThat(verdict.message()).endsWith("; not confirmed: the first run failed (20 [20, 20] ms) but the"
                + " confirmation re-run did not, so it passes");
        assertThat(result.report().outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void afterAConfirmationTheReportShowsTheSamplesTheFinalVerdictWasJudgedOn() {
        PluginRun.Result result = run(config(0, true), InconclusivePolicy.WARN, SLOW, FAST);

        ThresholdVerdict verdict = result.report().verdicts().get(0);
        double[] shown = result.report().metric("latency").orElseThrow().samples();
        assertThat(shown).hasSize(30).containsOnly(5.0);
        assertThat(verdict.measured()).hasValue(result.report().metric("latency").orElseThrow().summary().median());
        assertThat(result.report().properties().get("icebench.attempts")).contains("the report shows the re-run's"
                + " samples");
    }

    @Test
    void aFailureThatTheReRunRepeatsIsConfirmedAndFails() {
        PluginRun.Result result = run(config(2, true), InconclusivePolicy.WARN, SLOW, SLOW);

        assertThat(result.attempts()).isEqualTo(2);
        ThresholdVerdict verdict = result.report().verdicts().get(0);
        assertThat(verdict.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(verdict.message()).endsWith("; confirmed by a re-run (first run: 20 [20, 20] ms)");
        assertThat(Launcher.exitCode(Mode.REGRESSION, List.of(result.report()))).isEqualTo(ExitCodes.GATE_FAILED);
    }

    @Test
    void withConfirmationOffAFailureFailsAtOnce() {
        PluginRun.Result result = run(config(2, false), InconclusivePolicy.WARN, SLOW, FAST);

        assertThat(result.attempts()).isEqualTo(1);
        assertThat(result.report().verdicts()).extracting(ThresholdVerdict::outcome).containsExactly(Outcome.FAIL);
    }

    @Test
    void forksOutsideThePackagedRunnerMeasureThatManyTimesInThisJvmAndPoolTheSamples() {
        PlannedRun twice = planned(InconclusivePolicy.WARN, FAST, FAST);
        PlannedRun forked = new PlannedRun(twice.plugin(), twice.parameters(), twice.timeout(), twice.thresholds(),
                2, twice.paired());

        PluginRun.Result result = PluginRun.execute(forked, Mode.REGRESSION, here(config(2, true)),
                Gate.Evidence.NONE);

        assertThat(result.attempts()).isEqualTo(1);
        assertThat(result.report().metric("latency").orElseThrow().samples()).hasSize(60);
        assertThat(result.report().verdicts()).extracting(ThresholdVerdict::outcome).containsExactly(Outcome.PASS);
    }

    @Test
    void samplesThatFallFromTwentyToFiveAsTheRunGoesAreReportedAsAWarmUpTrend() {
        double[] drifting = new double[30];
        for (int i = 0; i < drifting.length; i++) {
            drifting[i] = i < 10 ? 20 : 5;
        }

        PluginRun.Result result = run(config(0, false), InconclusivePolicy.WARN, drifting);

        assertThat(result.report().properties().get("icebench.trend.latency"))
                .startsWith("the first third of latency's 30 samples differs from the last third by +300%")
                .endsWith("still warming up when measuring began; raise the plugin's warm-up iterations");
    }

    @Test
    void exploreModeNeverReRuns() {
        PluginRun.Result result = PluginRun.execute(planned(InconclusivePolicy.WARN, SLOW, FAST), Mode.EXPLORE,
                here(config(2, true)), Gate.Evidence.NONE);

        assertThat(result.attempts()).isEqualTo(1);
    }

    private PluginRun.Result run(RunConfig config, InconclusivePolicy policy, double[]... runs) {
        return PluginRun.execute(planned(policy, runs), Mode.REGRESSION, here(config), Gate.Evidence.NONE);
    }

    private Measuring.Setup here(RunConfig config) {
        // The policy itself, whatever else the machine is doing: its busy-machine shortcut is not under test here.
        return new Measuring.Setup(config, results.resolve("p"), Slowdown.NONE, Optional.empty(), false);
    }

    private RunConfig config(int reruns, boolean confirm) {
        return new RunConfig(Optional.empty(), results, Optional.empty(), List.of(), Map.of(), 0.95)
                .withReruns(reruns, confirm);
    }

    private static PlannedRun planned(InconclusivePolicy policy, double[]... runs) {
        Replaying plugin = new Replaying(runs);
        DiscoveredPlugin discovered = new DiscoveredPlugin(plugin, plugin.id(), plugin.kind(), "replays samples",
                List.of(LATENCY), List.of(), Duration.ofSeconds(10), Spi.VERSION, "test");
        Threshold threshold = new Threshold.Absolute("latency", Statistic.MEDIAN, Bound.MAX, 10, "a fixed ceiling",
                policy);
        return new PlannedRun(discovered, Parameters.resolve(List.of(), Map.of()), Duration.ofSeconds(10),
                List.of(threshold));
    }

    private static double[] constant(double value, int count) {
        double[] samples = new double[count];
        java.util.Arrays.fill(samples, value);
        return samples;
    }

    /** Returns the next fixed set of samples on each run; fails the test when run more often than scripted. */
    private static final class Replaying implements BenchmarkPlugin {
        private final Deque<double[]> runs;

        Replaying(double[]... runs) {
            this.runs = new ArrayDeque<>(List.of(runs));
        }

        @Override
        public String id() {
            return "replaying";
        }

        @Override
        public PluginKind kind() {
            return PluginKind.REGRESSION_GATE;
        }

        @Override
        public String spiVersion() {
            return Spi.VERSION;
        }

        @Override
        public Measurements run(PluginContext context) {
            double[] samples = runs.poll();
            if (samples == null) {
                throw new IllegalStateException("run more often than scripted");
            }
            return Measurements.builder().add(LATENCY, samples).build();
        }
    }
}
