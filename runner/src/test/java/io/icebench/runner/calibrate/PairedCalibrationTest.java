package io.icebench.runner.calibrate;

import io.icebench.runner.config.PluginSettings;
import io.icebench.runner.config.RunConfig;
import io.icebench.runner.discovery.DiscoveredPlugin;
import io.icebench.runner.launch.Fork;
import io.icebench.runner.launch.PairedRun;
import io.icebench.runner.launch.PlannedRun;
import io.icebench.runner.measure.Execution;
import io.icebench.runner.measure.Slowdown;
import io.icebench.runner.statistics.Statistic;
import io.icebench.runner.testing.Gates;
import io.icebench.runner.verdict.Threshold;
import io.icebench.spi.Measurements;
import io.icebench.spi.Metric;
import io.icebench.spi.Parameters;
import io.icebench.spi.Unit;
import io.icebench.spi.report.InconclusivePolicy;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code runner calibrate --against} on scripted forks: each trial is one whole paired run, the slowdown reaches only
 * this build's forks, and the report counts false alarms, detections, blocks and interval widths.
 */
class PairedCalibrationTest {

    private static final Metric TIME = Metric.lowerIsBetter("sort_time", Unit.MILLISECONDS, "one sort");
    private static final Fork.Target BASE = new Fork.Target(List.of("java", "-jar", "a.jar"), Optional.empty(),
            "app base");
    private static final Fork.Target THIS = new Fork.Target(List.of("java", "-jar", "b.jar"), Optional.empty(),
            "this build");

    /** Forks of a JVM-to-JVM spread of 1.5%; a fork given a slowdown is that much slower, as injected work is. */
    private static PairedRun.Forker forks(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return (target, run, dataset, slowdown) -> {
            double jvm = 50 * (1 + 0.015 * (random.nextDouble() * 2 - 1) * Math.sqrt(3)) * (1 + slowdown.fraction());
            return Execution.completed(Measurements.builder().add(TIME, jvm * 0.99, jvm, jvm * 1.01).build(),
                    Duration.ofMillis(1));
        };
    }

    private static PlannedRun planned() {
        DiscoveredPlugin discovered = Gates.measuredInForksOnly("sorting", List.of(TIME), List.of());
        return new PlannedRun(discovered, Parameters.resolve(List.of(), Map.of()), Duration.ofSeconds(10),
                List.of(new Threshold.Paired("sort_time", Statistic.MEDIAN, 2.5, "the calibrated threshold",
                        InconclusivePolicy.WARN)), 1, new PluginSettings.PairedDesign(6, 30, Duration.ofMinutes(1)));
    }

    @Test
    void unchangedForksRaiseNoAlarmAndAFivePercentSlowdownIsCaughtInEveryTrial() {
        RunConfig config = new RunConfig(Optional.empty(), Path.of("results"), Optional.empty(), List.of(),
                Map.of(), 0.95);

        Calibration.Result result = Calibration.paired(planned(), config, new PairedRun.Sides(BASE, THIS,
                Optional.empty(), List.of()), 10, new Slowdown(0.05), 11, trial -> { }, forks(3));

        assertThat(result.falseAlarms()).isZero();
        assertThat(result.detections()).isEqualTo(10);
        assertThat(result.trials()).extracting(Calibration.Trial::slowed)
                .startsWith(false, true, false, true);
        Calibration.Verdict slowed = result.slowed().get(0).verdicts().get(0);
        assertThat(slowed.paired()).isTrue();
        assertThat(slowed.changePercent()).isBetween(3.0, 7.0);
        List<String> summary = CalibrationReport.summary(result);
        assertThat(summary.get(0)).isEqualTo("A/A false alarms (REGRESSED): 0 of 10; INCONCLUSIVE: 0 of 10");
        assertThat(summary.get(1)).isEqualTo("detected 5% injected slowdown (REGRESSED): 10 of 10; INCONCLUSIVE:"
                + " 0 of 10");
        assertThat(summary).anySatisfy(line -> assertThat(line).startsWith("blocks per trial, median: A/A "));
        assertThat(CalibrationReport.markdown(result)).contains("each trial one whole paired run");
    }
}
