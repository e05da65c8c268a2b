package io.icebench.plugins.dataloader;

import io.icebench.icecube.EventMeta;
import io.icebench.icecube.generate.DatasetGenerator;
import io.icebench.icecube.generate.GeneratorSettings;
import io.icebench.icecube.read.Dataset;
import io.icebench.spi.Measurement;
import io.icebench.spi.Measurements;
import io.icebench.spi.Parameters;
import io.icebench.spi.PluginContext;
import io.icebench.spi.testkit.TestContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataloaderThroughputPluginTest {

    private static final DataloaderThroughputPlugin PLUGIN = new DataloaderThroughputPlugin();

    @TempDir
    static Path temp;
    static Path dataset;

    @BeforeAll
    static void generateASmallDatasetWithItsTail() throws Exception {
        dataset = Files.createDirectory(temp.resolve("data"));
        DatasetGenerator.generate(GeneratorSettings.of(3_000, 1_000, 11).withForcedExtremeEvents(1), dataset,
                n -> { });
    }

    private static Parameters parameters(Map<String, String> values) {
        return Parameters.resolve(PLUGIN.parameters(), values);
    }

    private static PluginContext context(Map<String, String> values) {
        return new TestContext(PLUGIN, values, dataset, temp.resolve("out"));
    }

    @Test
    void everyEpochDeliversExactlyTheDatasetsPulses() throws Exception {
        EventMeta meta = Dataset.open(dataset).meta();
        long pulses = 0;
        for (int row = 0; row < meta.size(); row++) {
            pulses += meta.pulses(row);
        }

        TestContext context = new TestContext(PLUGIN, Map.of("warmup_iterations", "1", "iterations", "3"),
                dataset, temp.resolve("out"));
        Measurements result = PLUGIN.run(context);

        // Timed work, for calibration, is reported by the threads that do it, so that the injected slowdown lands on
        // the measured work and not on the consumer (this thread): each batch of the 4 epochs (warm-up included)
        // by the worker that collated it, and each of the 3 files' decode units (opening, column chunks, checks)
        // by the read-ahead thread or its decoding helper.
        assertThat(context.timers()).extracting(io.icebench.spi.Timer::name).containsExactly("epoch");
        Map<String, Long> byThread = context.timers().get(0).unitsReportedByThread();
        assertThat(byThread.keySet()).allSatisfy(name -> assertThat(name).matches(
                "icebench-loader-worker-[0-3]|icebench-loader-readahead|icebench-read-1"));
        assertThat(byThread.entrySet().stream().filter(e -> e.getKey().startsWith("icebench-loader-worker-"))
                .mapToLong(Map.Entry::getValue).sum()).isEqualTo(4L * ((1000 + 31) / 32) * 3);
        // per file at least: opening it, one column chunk, the meta check and the event offsets
        assertThat(byThread.get("icebench-loader-readahead")).isGreaterThanOrEqualTo(4L * 3 * 4);
        assertThat(result.properties()).containsEntry("events_per_epoch", "3000")
                .containsEntry("pulses_per_epoch", String.valueOf(pulses))
                .containsEntry("batches_per_epoch", String.valueOf(3 * ((1000 + 31) / 32)));
        Measurement eventsPerSecond = result.measurements().stream()
                .filter(m -> m.metric().name().equals("events_per_second")).findFirst().orElseThrow();
        assertThat(eventsPerSecond.samples()).hasSize(3);
        assertThat(java.util.Arrays.stream(eventsPerSecond.samples()).min().orElseThrow()).isGreaterThan(100);
        Measurement latency = result.measurements().stream()
                .filter(m -> m.metric().name().equals("batch_latency")).findFirst().orElseThrow();
        assertThat(latency.sampleCount()).isEqualTo(3 * 3 * 32);
    }

    @Test
    void continuousCollationAndALimitedEventCountAreHonoured() throws Exception {
        Measurements result = PLUGIN.run(context(Map.of("collation", "continuous", "events", "500",
                "warmup_iterations", "0", "iterations", "1", "batch_size", "100")));

        assertThat(result.properties()).containsEntry("events_per_epoch", "500")
                .containsEntry("batches_per_epoch", "5");
    }

    @Test
    void aBatchSizeOfZeroIsRejectedBeforeRunning() {
        assertThatThrownBy(() -> PLUGIN.validate(parameters(Map.of("batch_size", "0"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter 'batch_size' must be at least 1, was 0");
    }

    @Test
    void fewerThanOneWorkerIsRejectedBeforeRunning() {
        assertThatThrownBy(() -> PLUGIN.validate(parameters(Map.of("workers", "0"))))
                .hasMessage("parameter 'workers' must be at least 1, was 0");
    }

    @Test
    void anUnknownCollationIsRejectedWithTheAcceptedOnes() {
        assertThatThrownBy(() -> PLUGIN.validate(parameters(Map.of("collation", "padded"))))
                .hasMessage("parameter collation 'padded' is not one of: continuous, dom");
    }

    @Test
    void aFolderThatIsNotADatasetFailsNamingIt() {
        PluginContext context = new TestContext(PLUGIN, Map.of(), temp, temp.resolve("out"));

        assertThatThrownBy(() -> PLUGIN.run(context)).hasMessageContaining(temp.toString());
    }
}
