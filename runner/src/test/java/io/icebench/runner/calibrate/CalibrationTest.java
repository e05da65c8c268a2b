package io.icebench.runner.calibrate;

import io.icebench.runner.config.RunConfig;
import io.icebench.runner.discovery.DiscoveredPlugin;
import io.icebench.runner.launch.PlannedRun;
import io.icebench.runner.measure.Slowdown;
import io.icebench.runner.verdict.Threshold;
import io.icebench.spi.BenchmarkPlugin;
import io.icebench.spi.Measurements;
import io.icebench.spi.Metric;
import io.icebench.spi.Parameters;
import io.icebench.spi.PluginContext;
import io.icebench.spi.PluginKind;
import io.icebench.spi.Spi;
import io.icebench.spi.Unit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The calibration's counts on work whose timing is exact: each sample is a fixed 2 ms of "work" plus whatever the
 * runner's injected slowdown really spun for. Unchanged work must never alarm; a 10% slowdown must always be caught
 * by a 5% threshold, and a 2% one never.
 */
class CalibrationTest {

    private static final Metric LATENCY = Metric.lowerIsBetter("latency", Unit.MILLISECONDS, "one unit of work");

    @TempDir
    Path scratch;

    @Test
    void unchangedWorkRaisesNoFalseAlarmAndATenPercentSlowdownIsCaughtEveryTime() {
        Calibration.Result result = Calibration.run(planned(5), config(), 5, new Slowdown(0.10), scratch, t -> { });

        assertThat(result.trials()).hasSize(10);
        assertThat(result.aa()).hasSize(5).noneMatch(Calibration.Trial::alarm);
        assertThat(result.falseAlarms()).isZero();
        assertThat(result.detections()).isEqualTo(5);
        assertThat(result.detectionsBeforeConfirmation()).isEqualTo(5);
        // every slowed trial was confirmed by its re-run: two attempts each
        assertThat(result.slowed()).allMatch(t -> t.attempts() == 2);
        assertThat(result.achievedChange().get("latency")).isGreaterThan(9.9);
        assertThat(result.errors()).isEmpty();
    }

    @Test
    void aSlowdownBelowTheThresholdIsNotCounted() {
        Calibration.Result result = Calibration.run(planned(5), config(), 3, new Slowdown(0.02), scratch, t -> { });

        // +2% of a fixed 2 ms is 0.04 ms of spin: enough for the test to call it slower, not for a 5% threshold,
        // unless the machine preempts a spin badly; a lower bound is what the spin guarantees, so only A/A is exact.
        assertThat(result.falseAlarms()).isZero();
        assertThat(result.slowed()).hasSize(3);
    }

    @Test
    void withoutASlowdownOnlyAATrialsRun() {
        Calibration.Result result = Calibration.run(planned(5), config(), 3, Slowdown.NONE, scratch, t -> { });

        assertThat(result.trials()).hasSize(3).noneMatch(Calibration.Trial::slowed);
        assertThat(CalibrationReport.summary(result)).first().asString()
                .isEqualTo("A/A false alarms: 0 of 3 (first run alone, before confirmation re-runs: 0 of 3)");
    }

    @Test
    void theFiguresAreWrittenAsMarkdownAndJsonIntoTheirOwnFolder() throws IOException {
        Calibration.Result result = Calibration.run(planned(5), config(), 2, new Slowdown(0.10), scratch, t -> { });

        Path folder = CalibrationReport.write(result, scratch.resolve("results"), "20261126T000000Z-fixed");

        assertThat(folder).isEqualTo(scratch.resolve("results/calibrations/20261126T000000Z-fixed"));
        assertThat(folder.resolve("calibration.md")).content()
                .contains("# Calibration of `fixed`", "- `median(latency) max_regression 5%`",
                        "A/A false alarms: 0 of 2", "detected 10% injected slowdown: 2 of 2");
        assertThat(folder.resolve("calibration.json")).content()
                .contains("\"falseAlarms\" : 0", "\"detections\" : 2", "\"kind\" : \"slowed\"");
        try (var listed = Files.list(folder.getParent())) {
            assertThat(listed.map(p -> p.getFileName().toString())).containsExactly("20261126T000000Z-fixed");
        }
    }

    @Test
    void aBaselineRunThatFailsStopsTheCalibrationWithTheReason() {
        PlannedRun broken = planned(0);

        assertThatThrownBy(() -> Calibration.run(broken, config(), 2, Slowdown.NONE, scratch, t -> { }))
                .isInstanceOf(CalibrationException.class)
                .hasMessageContaining("the baseline run of 'fixed' failed");
    }

    private RunConfig config() {
        return new RunConfig(Optional.empty(), scratch, Optional.empty(), List.of(), Map.of(), 0.95);
    }

    /** A gate with a 5% max_regression threshold on a plugin that reports {@code samples} units of fixed work. */
    private static PlannedRun planned(int samples) {
        FixedWork plugin = new FixedWork(samples);
        DiscoveredPlugin discovered = new DiscoveredPlugin(plugin, plugin.id(), plugin.kind(), "fixed work",
                List.of(LATENCY), List.of(), Duration.ofSeconds(30), Spi.VERSION, "test");
        return new PlannedRun(discovered, Parameters.resolve(List.of(), Map.of()), Duration.ofSeconds(30),
                List.of(new Threshold.Relative("latency", 5, "the gate under calibration")));
    }

    /**
     * Reports {@code samples} samples of 2 ms of pretend work each, plus the time the context's
     * {@link PluginContext#afterTimedWork} really took: what a slowdown adds, measured, not assumed. Without a
     * slowdown every run reports exactly the same samples. With zero samples it throws, like a broken plugin.
     */
    private static final class FixedWork implements BenchmarkPlugin {
        private static final long WORK_NANOS = 2_000_000L;
        private final int samples;

        FixedWork(int samples) {
            this.samples = samples;
        }

        @Override
        public String id() {
            return "fixed";
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
            if (samples == 0) {
                throw new IllegalStateException("broken on purpose");
            }
            double[] values = new double[samples];
            for (int i = 0; i < samples; i++) {
                long start = System.nanoTime();
                context.afterTimedWork(WORK_NANOS);
                long spun = System.nanoTime() - start;
                // Rounded to 10 µs so that the clock read itself (tens of ns) does not make A/A samples differ.
                double extra = Math.round(spun / 10_000.0) / 100.0;
                values[i] = WORK_NANOS / 1e6 + extra + i * 0.001;
            }
            return Measurements.builder().add(LATENCY, values).build();
        }
    }
}
