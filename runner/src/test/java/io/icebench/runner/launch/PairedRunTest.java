package io.icebench.runner.launch;

import io.icebench.runner.ExitCodes;
import io.icebench.runner.config.PluginSettings;
import io.icebench.runner.config.RunConfig;
import io.icebench.runner.discovery.DiscoveredPlugin;
import io.icebench.runner.measure.Execution;
import io.icebench.runner.measure.Slowdown;
import io.icebench.runner.statistics.Statistic;
import io.icebench.runner.testing.Gates;
import io.icebench.runner.verdict.Gate;
import io.icebench.runner.verdict.Threshold;
import io.icebench.spi.Measurements;
import io.icebench.spi.Metric;
import io.icebench.spi.Parameters;
import io.icebench.spi.Table;
import io.icebench.spi.Unit;
import io.icebench.spi.report.Bound;
import io.icebench.spi.report.Comparison;
import io.icebench.spi.report.InconclusivePolicy;
import io.icebench.spi.report.Outcome;
import io.icebench.spi.PluginReport;
import io.icebench.spi.report.RunStatus;
import io.icebench.spi.report.ThresholdVerdict;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.IntToDoubleFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sequential paired run on fixed synthetic fork samples: every way it can end (REGRESSED, IMPROVED, UNCHANGED,
 * INCONCLUSIVE under each policy, a failed fork), how it stops, and what the report shows.
 */
class PairedRunTest {

    private static final Metric LATENCY = Metric.lowerIsBetter("latency", Unit.MILLISECONDS, "one call");
    private static final Fork.Target BASE = new Fork.Target(List.of("java", "-jar", "base.jar"), Optional.empty(),
            "HEAD~1 = 1234567");
    private static final Fork.Target THIS = new Fork.Target(List.of("java", "-jar", "this.jar"), Optional.empty(),
            "this build");
    private static final PairedRun.Sides SIDES = new PairedRun.Sides(BASE, THIS, Optional.empty(), List.of());
    /** Per-block noise that a 99% interval over 6 blocks resolves: a ±0.5% zig-zag. */
    private static final double[] WOBBLE = {1.004, 0.996, 1.005, 0.995, 1.003, 0.997};

    /** Forks whose samples are {@code median × factor(fork index)}, 5 per fork; records what each fork was given. */
    private static final class Script implements PairedRun.Forker {
        final IntToDoubleFunction base;
        final IntToDoubleFunction candidate;
        final List<String> calls = new ArrayList<>();
        int forks;
        Optional<Integer> failCandidateAt = Optional.empty();

        Script(IntToDoubleFunction base, IntToDoubleFunction candidate) {
            this.base = base;
            this.candidate = candidate;
        }

        @Override
        public Execution measure(Fork.Target target, PlannedRun run, Optional<Path> dataset, Slowdown slowdown) {
            int index = forks++;
            int block = index / 2;
            boolean isBase = target == BASE;
            calls.add((isBase ? "A" : "B") + (slowdown.fraction() > 0 ? "+slow" : ""));
            if (!isBase && failCandidateAt.filter(at -> at == block).isPresent()) {
                return Execution.failed(RunStatus.ERROR, "exit 1: the plugin threw", null, Duration.ofMillis(1));
            }
            double median = 100 * (isBase ? base : candidate).applyAsDouble(block);
            double[] samples = {median * 0.99, median * 0.995, median, median * 1.005, median * 1.01};
            return Execution.completed(Measurements.builder().add(LATENCY, samples).build(), Duration.ofMillis(1));
        }
    }

    private static PlannedRun planned(PluginSettings.PairedDesign design, InconclusivePolicy policy,
                                      Threshold... extra) {
        DiscoveredPlugin discovered = Gates.measuredInForksOnly("gate", List.of(LATENCY), List.of());
        List<Threshold> thresholds = new ArrayList<>(List.of(new Threshold.Paired("latency", Statistic.MEDIAN, 2,
                "2% is the smallest change worth a look", policy)));
        thresholds.addAll(List.of(extra));
        return new PlannedRun(discovered, Parameters.resolve(List.of(), Map.of()), Duration.ofSeconds(10),
                thresholds, 1, design);
    }

    private static final PluginSettings.PairedDesign DESIGN = new PluginSettings.PairedDesign(6, 20,
            Duration.ofMinutes(5));

    private static PluginRun.Result run(PlannedRun planned, Script script, Slowdown slowdown) {
        RunConfig config = new RunConfig(Optional.empty(), Path.of("results"), Optional.empty(), List.of(),
                Map.of(), 0.95);
        return PairedRun.execute(planned, config, SIDES, slowdown, new Random(7),
                Gate.Evidence.NONE, script);
    }

    private static Comparison comparison(PluginReport report) {
        return report.verdicts().get(0).comparison().orElseThrow();
    }

    @Test
    void aFivePercentSlowerBuildIsRegressedAsSoonAsTheMinimumBlocksAreIn() {
        Script script = new Script(block -> WOBBLE[block % 6], block -> 1.05 * WOBBLE[(block + 3) % 6]);

        PluginRun.Result result = run(planned(DESIGN, InconclusivePolicy.WARN), script, Slowdown.NONE);

        Comparison c = comparison(result.report());
        assertThat(c.method()).isEqualTo(Comparison.Method.PAIRED);
        assertThat(c.verdict()).isEqualTo(Comparison.Verdict.REGRESSED);
        assertThat(c.blocks()).isEqualTo(6);
        assertThat(c.changePercent()).isBetween(4.0, 6.0);
        assertThat(c.changeLow()).isGreaterThan(2);
        assertThat(c.baselineRunId()).isEqualTo("HEAD~1 = 1234567");
        assertThat(result.report().verdicts().get(0).outcome()).isEqualTo(Outcome.FAIL);
        assertThat(Launcher.exitCode(Mode.REGRESSION, List.of(result.report()))).isEqualTo(ExitCodes.GATE_FAILED);
        assertThat(result.report().properties().get("icebench.paired"))
                .isEqualTo("6 blocks against HEAD~1 = 1234567 (12 forks); stopped: every paired threshold decided");
        assertThat(script.forks).isEqualTo(12);
    }

    @Test
    void anUnchangedBuildPassesAndAFasterOneIsImproved() {
        PluginRun.Result same = run(planned(DESIGN, InconclusivePolicy.WARN),
                new Script(block -> WOBBLE[block % 6], block -> WOBBLE[(block + 1) % 6]), Slowdown.NONE);
        PluginRun.Result faster = run(planned(DESIGN, InconclusivePolicy.WARN),
                new Script(block -> WOBBLE[block % 6], block -> 0.9 * WOBBLE[(block + 2) % 6]), Slowdown.NONE);

        assertThat(comparison(same.report()).verdict()).isEqualTo(Comparison.Verdict.UNCHANGED);
        assertThat(comparison(same.report()).changeHigh()).isLessThan(2);
        assertThat(Launcher.exitCode(Mode.REGRESSION, List.of(same.report()))).isEqualTo(ExitCodes.OK);
        assertThat(comparison(faster.report()).verdict()).isEqualTo(Comparison.Verdict.IMPROVED);
        assertThat(Launcher.exitCode(Mode.REGRESSION, List.of(faster.report()))).isEqualTo(ExitCodes.OK);
    }

    /** Ratios alternating 0.97 and 1.07 around a 2% threshold: no number of blocks up to 20 decides it. */
    private static Script undecided() {
        return new Script(block -> 1, block -> block % 2 == 0 ? 0.97 : 1.07);
    }

    @Test
    void blocksAreAddedUntilMaxBlocksThenAnUndecidedThresholdIsInconclusiveAndWarns() {
        Script script = undecided();

        PluginRun.Result result = run(planned(DESIGN, InconclusivePolicy.WARN), script, Slowdown.NONE);

        Comparison c = comparison(result.report());
        assertThat(c.verdict()).isEqualTo(Comparison.Verdict.INCONCLUSIVE);
        assertThat(c.blocks()).isEqualTo(20);
        assertThat(script.forks).isEqualTo(40);
        ThresholdVerdict verdict = result.report().verdicts().get(0);
        assertThat(verdict.warning()).isTrue();
        assertThat(verdict.message()).endsWith("; the budget ran out first: passes with a warning"
                + " (inconclusive: warn)");
        assertThat(result.report().properties().get("icebench.paired")).endsWith("stopped: max-blocks (20) reached");
        assertThat(Launcher.exitCode(Mode.REGRESSION, List.of(result.report()))).isEqualTo(ExitCodes.OK);
    }

    @Test
    void anInconclusiveVerdictFollowsItsPolicyReportExitsFourAndFailExitsOne() {
        PluginRun.Result report = run(planned(DESIGN, InconclusivePolicy.REPORT), undecided(), Slowdown.NONE);
        PluginRun.Result fail = run(planned(DESIGN, InconclusivePolicy.FAIL), undecided(), Slowdown.NONE);

        assertThat(Launcher.exitCode(Mode.REGRESSION, List.of(report.report()))).isEqualTo(ExitCodes.INCONCLUSIVE);
        assertThat(Launcher.exitCode(Mode.REGRESSION, List.of(fail.report()))).isEqualTo(ExitCodes.GATE_FAILED);
        assertThat(fail.report().verdicts().get(0).effectiveOutcome()).isEqualTo(Outcome.FAIL);
    }

    @Test
    void theBudgetStopsTheRunAfterTheMinimumBlocks() {
        PluginSettings.PairedDesign tight = new PluginSettings.PairedDesign(3, 30, Duration.ofNanos(1));

        PluginRun.Result result = run(planned(tight, InconclusivePolicy.WARN), undecided(), Slowdown.NONE);

        assertThat(comparison(result.report()).blocks()).isEqualTo(3);
        assertThat(result.report().properties().get("icebench.paired"))
                .endsWith("stopped: budget (0ms) would be exceeded by another block");
    }

    @Test
    void aForkThatFailsMakesTheGateAnErrorNamingTheSideAndTheBlock() {
        Script script = new Script(block -> 1, block -> 1);
        script.failCandidateAt = Optional.of(2);

        PluginRun.Result result = run(planned(DESIGN, InconclusivePolicy.WARN), script, Slowdown.NONE);

        assertThat(result.report().status()).isEqualTo(RunStatus.ERROR);
        assertThat(result.report().failure()).hasValue("'gate', block 3: the fork of this build failed: exit 1: the"
                + " plugin threw");
        assertThat(result.report().verdicts()).extracting(ThresholdVerdict::outcome).containsExactly(Outcome.ERROR);
        assertThat(Launcher.exitCode(Mode.REGRESSION, List.of(result.report()))).isEqualTo(ExitCodes.PLUGIN_FAILED);
    }

    @Test
    void eachBlockRunsBothSidesInARandomOrderAndOnlyThisBuildIsSlowed() {
        Script script = undecided();

        run(planned(DESIGN, InconclusivePolicy.WARN), script, new Slowdown(0.05));

        List<String> orders = new ArrayList<>();
        for (int i = 0; i < script.calls.size(); i += 2) {
            orders.add(script.calls.get(i).charAt(0) + "" + script.calls.get(i + 1).charAt(0));
        }
        assertThat(orders).containsOnly("AB", "BA").contains("AB", "BA");
        assertThat(script.calls).filteredOn(call -> call.startsWith("A")).containsOnly("A");
        assertThat(script.calls).filteredOn(call -> call.startsWith("B")).containsOnly("B+slow");
    }

    @Test
    void theReportShowsThisBuildsPooledSamplesTheBlocksTableAndJudgesAbsoluteThresholdsOnThem() {
        Threshold ceiling = new Threshold.Absolute("latency", Statistic.MEDIAN, Bound.MAX, 150, "a ceiling",
                InconclusivePolicy.WARN);
        Script script = new Script(block -> WOBBLE[block % 6], block -> 1.05 * WOBBLE[(block + 3) % 6]);

        PluginRun.Result result = run(planned(DESIGN, InconclusivePolicy.WARN, ceiling), script, Slowdown.NONE);

        PluginReport report = result.report();
        assertThat(report.metric("latency").orElseThrow().samples()).hasSize(6 * 5);
        assertThat(report.verdicts().get(1).outcome()).isEqualTo(Outcome.PASS);
        assertThat(report.verdicts().get(1).measured().getAsDouble())
                .isEqualTo(report.metric("latency").orElseThrow().summary().median());
        Table blocks = report.tables().stream().filter(t -> t.name().equals("paired_blocks")).findFirst()
                .orElseThrow();
        assertThat(blocks.columns()).containsExactly("block", "order", "latency/median A", "latency/median B",
                "latency/median B/A");
        assertThat(blocks.rows()).hasSize(6);
        assertThat((double) blocks.rows().get(0).get(4)).isCloseTo(1.05 * WOBBLE[3] / WOBBLE[0],
                org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void withoutAgainstAPairedThresholdIsNotJudgedAndLeavesTheExitCodeAlone() {
        PlannedRun planned = planned(DESIGN, InconclusivePolicy.WARN);

        List<ThresholdVerdict> verdicts = Gate.judge(planned.thresholds(),
                Optional.of(List.of(io.icebench.spi.Measurement.of(LATENCY, 10, 11, 12))), "");

        assertThat(verdicts.get(0).outcome()).isEqualTo(Outcome.NONE);
        assertThat(verdicts.get(0).comparison().orElseThrow().paired()).isTrue();
        assertThat(verdicts.get(0).message()).isEqualTo("NOT JUDGED: not measured against a base: pass --against REF"
                + " (a git revision, such as HEAD~1) or --against-app DIR");
    }

    @Test
    void aDuetRunsTheBlocksTwoForksAtTheSameTime() {
        java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
        PairedRun.Forker forker = (target, run, dataset, slowdown) -> {
            try {
                // Each fork waits for the other: only forks that run at the same time get past this.
                together.await(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                return Execution.failed(RunStatus.ERROR, "the other fork did not run at the same time", null,
                        Duration.ZERO);
            }
            double median = target == BASE ? 100 : 105;
            return Execution.completed(Measurements.builder().add(LATENCY, median * 0.99, median, median * 1.01)
                    .build(), Duration.ofMillis(1));
        };
        PluginSettings.PairedDesign duet = new PluginSettings.PairedDesign(3, 3, Duration.ofMinutes(1), true);
        RunConfig config = new RunConfig(Optional.empty(), Path.of("results"), Optional.empty(), List.of(),
                Map.of(), 0.95);

        PluginRun.Result result = PairedRun.execute(planned(duet, InconclusivePolicy.WARN), config, SIDES,
                Slowdown.NONE, new Random(1), Gate.Evidence.NONE, forker);

        assertThat(result.report().status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(comparison(result.report()).verdict()).isEqualTo(Comparison.Verdict.REGRESSED);
        Table blocks = result.report().tables().stream().filter(t -> t.name().equals("paired_blocks")).findFirst()
                .orElseThrow();
        assertThat(blocks.rows()).extracting(row -> row.get(1)).containsOnly("A|B");
    }

    @Test
    void pairedParametersReachEveryForkOverThePluginsOwn() {
        io.icebench.spi.ParameterSpec iterations = io.icebench.spi.ParameterSpec.of("iterations",
                io.icebench.spi.ParameterSpec.Type.INT, 30, "timed iterations");
        PlannedRun base = planned(new PluginSettings.PairedDesign(3, 3, Duration.ofMinutes(1), false,
                Map.of("iterations", "7")), InconclusivePolicy.WARN);
        DiscoveredPlugin declaring = Gates.measuredInForksOnly("gate", List.of(LATENCY), List.of(iterations));
        PlannedRun planned = new PlannedRun(declaring, Parameters.resolve(List.of(iterations), Map.of()),
                base.timeout(), base.thresholds(), 1, base.paired());
        List<String> seen = new ArrayList<>();
        Script script = new Script(block -> 1, block -> 1);
        PairedRun.Forker recording = (target, run, dataset, slowdown) -> {
            seen.add(Integer.toString(run.parameters().getInt("iterations")));
            return script.measure(target, run, dataset, slowdown);
        };
        RunConfig config = new RunConfig(Optional.empty(), Path.of("results"), Optional.empty(), List.of(),
                Map.of(), 0.95);

        PluginRun.Result result = PairedRun.execute(planned, config, SIDES, Slowdown.NONE,
                new Random(3), Gate.Evidence.NONE, recording);

        assertThat(seen).hasSize(6).containsOnly("7");
        assertThat(result.report().parameters()).containsEntry("iterations", "7");
    }

    @Test
    void aCommitTrailerThatAcceptsTheSlowdownLetsItPassAndTheVerdictSaysWhy() {
        Script script = new Script(block -> WOBBLE[block % 6], block -> 1.05 * WOBBLE[(block + 3) % 6]);
        PairedRun.Sides accepting = new PairedRun.Sides(BASE, THIS, Optional.empty(), List.of(
                new Acceptances.Acceptance("abcdef1234567890", "gate", "latency", 8, "the new kernel is worth it")));
        RunConfig config = new RunConfig(Optional.empty(), Path.of("results"), Optional.empty(), List.of(),
                Map.of(), 0.95);

        PluginRun.Result result = PairedRun.execute(planned(DESIGN, InconclusivePolicy.WARN), config, accepting,
                Slowdown.NONE, new Random(7), Gate.Evidence.NONE, script);

        ThresholdVerdict verdict = result.report().verdicts().get(0);
        assertThat(verdict.comparison().orElseThrow().verdict()).isEqualTo(Comparison.Verdict.UNCHANGED);
        assertThat(verdict.comparison().orElseThrow().maxRegressionPercent()).isEqualTo(8);
        assertThat(verdict.rationale()).startsWith("ACCEPTED: up to 8% (instead of 2%) by commit abcdef123456: the new"
                + " kernel is worth it.");
        assertThat(Launcher.exitCode(Mode.REGRESSION, List.of(result.report()))).isEqualTo(ExitCodes.OK);
    }
}
