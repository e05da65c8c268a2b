package io.icebench.plugins.forward;

import io.icebench.icecube.generate.DatasetGenerator;
import io.icebench.icecube.generate.GeneratorSettings;
import io.icebench.model.AttentionStrategy;
import io.icebench.spi.BenchmarkPlugin;
import io.icebench.spi.Measurement;
import io.icebench.spi.Measurements;
import io.icebench.spi.Parameters;
import io.icebench.spi.PluginKind;
import io.icebench.spi.Spi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.icebench.spi.testkit.TestContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ForwardLatencyPluginTest {

    private static final ForwardLatencyPlugin PLUGIN = new ForwardLatencyPlugin();
    /** A small model and few batches so the test takes seconds. */
    private static final Map<String, String> SMALL = Map.of("batch_size", "8", "d_model", "32", "heads", "4",
            "layers", "1", "max_seq_len", "64", "warmup_iterations", "1", "batches", "3");

    @TempDir
    static Path temp;
    static Path dataset;

    @BeforeAll
    static void generateASmallDataset() throws Exception {
        dataset = Files.createDirectory(temp.resolve("data"));
        DatasetGenerator.generate(GeneratorSettings.of(400, 200, 5), dataset, n -> { });
    }

    private static Parameters parameters(Map<String, String> values) {
        return Parameters.resolve(PLUGIN.parameters(), values);
    }

    private static Measurement metric(Measurements result, String name) {
        return result.measurements().stream().filter(m -> m.metric().name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void eachPassRunsTheSameBatchesAndItsTimeIsTheSumOfTheirLatencies() throws Exception {
        Map<String, String> twoPasses = new java.util.HashMap<>(SMALL);
        twoPasses.put("iterations", "2");
        TestContext context = new TestContext(PLUGIN, twoPasses, dataset, temp.resolve("out"));

        Measurements result = PLUGIN.run(context);

        double[] latency = metric(result, "forward_latency").samples();
        double[] passes = metric(result, "pass_time").samples();
        assertThat(latency).hasSize(6);
        assertThat(passes).hasSize(2);
        // a pass is timed around its batches: their latencies and the little between them
        assertThat(passes[0]).isGreaterThanOrEqualTo(latency[0] + latency[1] + latency[2]);
        assertThat(passes[1]).isGreaterThanOrEqualTo(latency[3] + latency[4] + latency[5]);
        // the same batches in the same order: pass 2's batches hold pass 1's pulses. A rate and its latency may
        // come from clock readings a few nanoseconds apart (1.2e-7 relative seen in CI), while two different
        // batches differ by whole pulses, far more than 1e-6 relative.
        double[] pulses = metric(result, "pulses_per_second").samples();
        for (int i = 0; i < 3; i++) {
            assertThat(pulses[i] * latency[i]).isCloseTo(pulses[i + 3] * latency[i + 3],
                    org.assertj.core.api.Assertions.withinPercentage(1e-4));
        }
        // one warm-up pass and two measured ones, each a sample of the pass timer around its batches' samples
        assertThat(context.timers()).extracting(io.icebench.spi.Timer::name)
                .containsExactly("batch", "pass", "single_thread_pass");
        assertThat(context.timers().get(0).sampleCount()).isEqualTo(6);
        assertThat(context.timers().get(1).sampleCount()).isEqualTo(2);
        assertThat(metric(result, "pass.batches_per_cpu_second").samples()).hasSize(2);
        assertThat(java.util.Arrays.stream(metric(result, "pass.batches_per_cpu_second").samples()).min()
                .orElseThrow()).isPositive();
    }

    @Test
    void theRunReportsEveryDeclaredMetricWithOneSamplePerMeasuredBatch() throws Exception {
        TestContext context = new TestContext(PLUGIN, SMALL, dataset, temp.resolve("out"));
        Measurements result = PLUGIN.run(context);

        // every forward pass is timed through the SPI's timer, which is where calibration slows it down
        assertThat(context.timers().get(0).sampleCount()).isEqualTo(Integer.parseInt(SMALL.get("batches")));

        assertThat(result.measurements()).extracting(m -> m.metric().name())
                .containsExactlyElementsOf(PLUGIN.metrics().stream().map(m -> m.name()).toList());
        for (String perBatch : new String[] {"forward_latency", "pulses_per_second", "doms_per_second",
                "achieved_gflops"}) {
            assertThat(metric(result, perBatch).sampleCount()).as(perBatch).isEqualTo(3);
            assertThat(java.util.Arrays.stream(metric(result, perBatch).samples()).min().orElseThrow()).as(perBatch)
                    .isPositive();
        }
        assertThat(metric(result, "pass_time").sampleCount()).isEqualTo(1);
        // the engine's matmul is measured right after each measured pass, and the pass's share of it is reported
        assertThat(metric(result, "matmul_gflops").sampleCount())
                .isEqualTo(ForwardLatencyPlugin.MATMUL_SAMPLES_PER_PASS);
        // two passes on one intra-op thread, each in matmuls of the same engine timed the same way right after it
        assertThat(metric(result, "pass_cost").samples()).hasSize(2);
        assertThat(metric(result, "pass_cost").metric().basis()).isEqualTo(io.icebench.spi.Metric.Basis.CPU);
        assertThat(java.util.Arrays.stream(metric(result, "pass_cost").samples()).min().orElseThrow()).isPositive();
        assertThat(metric(result, "single_thread_pass.thread_cpu_time").sampleCount()).isEqualTo(2);
        assertThat(metric(result, "achieved_over_matmul").samples()).hasSize(1);
        assertThat(metric(result, "achieved_over_matmul").samples()[0]).isPositive();
        assertThat(java.util.Arrays.stream(metric(result, "matmul_gflops").samples()).min().orElseThrow())
                .isGreaterThan(1);
        assertThat(metric(result, "peak_rss").samples()).hasSize(1);
        assertThat(metric(result, "peak_rss").samples()[0]).isGreaterThan(50);
        assertThat(result.properties()).containsEntry("attention", "bucketed")
                .containsEntry("measured_batches", "3")
                .containsKeys("flops_per_batch_median", "achieved_over_matmul", "threads");
        assertThat(Long.parseLong(result.properties().get("flops_per_batch_median"))).isPositive();
    }

    @Test
    void bothStrategiesRunAndTheComparisonReportsASpeedUp() throws Exception {
        var rows = StrategyComparison.compare(Optional.of(dataset), SMALL);

        assertThat(rows).containsOnlyKeys(AttentionStrategy.BUCKETED, AttentionStrategy.FULL_MASK);
        assertThat(rows.get(AttentionStrategy.FULL_MASK).measurements().properties())
                .containsEntry("attention", "full_mask");
        assertThat(StrategyComparison.speedUp(rows)).isPositive();
        // Full mask also projects the padding, so its FLOPs per batch are higher on the same events.
        assertThat(Long.parseLong(rows.get(AttentionStrategy.FULL_MASK).measurements().properties()
                .get("flops_per_batch_median")))
                .isGreaterThan(Long.parseLong(rows.get(AttentionStrategy.BUCKETED).measurements().properties()
                        .get("flops_per_batch_median")));
    }

    @Test
    void aBatchSizeOfZeroIsRejectedBeforeRunning() {
        assertThatThrownBy(() -> PLUGIN.validate(parameters(Map.of("batch_size", "0"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter 'batch_size' must be at least 1, was 0");
    }

    @Test
    void aWidthNotDivisibleByTheHeadsIsRejectedBeforeRunning() {
        assertThatThrownBy(() -> PLUGIN.validate(parameters(Map.of("d_model", "100", "heads", "8"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter 'd_model' (100) must be divisible by 'heads' (8)");
    }

    @Test
    void anUnknownAttentionIsRejectedWithTheAcceptedOnes() {
        assertThatThrownBy(() -> PLUGIN.validate(parameters(Map.of("attention", "flash"))))
                .hasMessage("parameter attention 'flash' is not one of: bucketed, full_mask");
    }

    @Test
    void moreBatchesThanTheDatasetHoldsFailNamingTheDataset() {
        Map<String, String> tooMany = Map.of("batch_size", "200", "batches", "5", "warmup_iterations", "0");

        assertThatThrownBy(() -> PLUGIN.run(new TestContext(PLUGIN, tooMany, dataset, temp.resolve("out"))))
                .hasMessageContaining(dataset.toString());
    }

    @Test
    void thePluginIsARegressionGateFoundByTheServiceLoader() {
        assertThat(ServiceLoader.load(BenchmarkPlugin.class).stream().map(p -> p.get().id()))
                .contains(ForwardLatencyPlugin.ID);
        assertThat(PLUGIN.kind()).isEqualTo(PluginKind.REGRESSION_GATE);
        assertThat(PLUGIN.spiVersion()).isEqualTo(Spi.VERSION);
        PLUGIN.validate(parameters(Map.of()));
    }
}
