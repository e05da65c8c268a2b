package io.icebench.plugins.dompacking;

import io.icebench.spi.testkit.TestContext;
import io.icebench.icecube.EventMeta;
import io.icebench.icecube.collate.DomBatch;
import io.icebench.icecube.generate.DatasetGenerator;
import io.icebench.icecube.generate.GeneratorSettings;
import io.icebench.icecube.pack.DomPacker;
import io.icebench.icecube.pack.OversizePolicy;
import io.icebench.icecube.pack.PackedSequences;
import io.icebench.icecube.pack.PackingAlgorithm;
import io.icebench.icecube.read.Dataset;
import io.icebench.spi.BenchmarkPlugin;
import io.icebench.spi.Measurement;
import io.icebench.spi.Measurements;
import io.icebench.spi.Parameters;
import io.icebench.spi.PluginKind;
import io.icebench.spi.Spi;
import io.icebench.spi.Table;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DomPackingPluginTest {

    @TempDir
    static Path temp;
    static Path dataset;
    static Path output;
    static Measurements measurements;
    static TestContext context;
    static final DomPackingPlugin PLUGIN = new DomPackingPlugin();

    @BeforeAll
    static void runOnASmallGeneratedDataset() throws Exception {
        dataset = Files.createDirectories(temp.resolve("data"));
        DatasetGenerator.generate(GeneratorSettings.of(3000, 1000, 5).withForcedExtremeEvents(1), dataset, n -> { });
        output = temp.resolve("out");
        context = new TestContext(PLUGIN, Map.of("repetitions", "2"), dataset, output);
        PLUGIN.validate(context.parameters());
        measurements = PLUGIN.run(context);
    }

    private static Table table(String name) {
        return measurements.tables().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void isAnExploratoryPluginFoundByTheServiceLoader() {
        assertThat(ServiceLoader.load(BenchmarkPlugin.class).stream().map(ServiceLoader.Provider::get)
                .anyMatch(p -> p.id().equals("dom-packing"))).isTrue();
        assertThat(PLUGIN.kind()).isEqualTo(PluginKind.EXPLORATORY);
        assertThat(PLUGIN.spiVersion()).isEqualTo(Spi.VERSION);
    }

    @Test
    void progressCountsEveryMeasuredConfigurationAndEveryTimedEvent() {
        // 4 cases x 3 lengths x 3 algorithms; then the distinct top and random events x 3 algorithms.
        assertThat(context.progressReported()).extracting(TestContext.RecordedProgress::task)
                .containsExactly("configurations measured", "events timed");
        assertThat(context.progressReported()).allSatisfy(p -> {
            assertThat(p.done()).as(p.task()).isEqualTo(p.total());
            assertThat(p.closed()).as(p.task()).isTrue();
        });
        assertThat(context.progressReported().get(0).total()).isEqualTo(4 * 3 * 3);
        assertThat(context.progressReported().get(1).total()).isPositive().isLessThanOrEqualTo((10 + 64) * 3);
    }

    @Test
    void tablesHaveOneRowPerExtremeEventAndPerCaseLengthAndAlgorithm() {
        assertThat(table(DomPackingPlugin.TABLE_EXTREME).rows()).hasSize(10);
        // Cases: most extreme, top 5, top 10, 64 random; 3 lengths; 3 algorithms.
        assertThat(table(DomPackingPlugin.TABLE_PACKING).rows()).hasSize(4 * 3 * 3);
        assertThat(table(DomPackingPlugin.TABLE_MEMORY).rows()).hasSize(4 * 3);
        assertThat(table(DomPackingPlugin.TABLE_FORMULAS).rows()).hasSize(4);
        assertThat(measurements.tables()).noneMatch(t -> t.name().equals(DomPackingPlugin.TABLE_JMH));
    }

    @Test
    void theTopEventHasTheDatasetsMostPulsesPerEvent() {
        EventMeta meta = Dataset.open(dataset).meta();
        int max = 0;
        for (int row = 0; row < meta.size(); row++) {
            max = Math.max(max, meta.pulses(row));
        }
        List<Object> first = table(DomPackingPlugin.TABLE_EXTREME).rows().get(0);
        assertThat(first.get(3)).isEqualTo(max);
        assertThat(max).isGreaterThan(50_000);
        List<List<Object>> rows = table(DomPackingPlugin.TABLE_EXTREME).rows();
        for (int i = 1; i < rows.size(); i++) {
            assertThat((Integer) rows.get(i).get(3)).isLessThanOrEqualTo((Integer) rows.get(i - 1).get(3));
        }
    }

    @Test
    void theEfficiencyInTheTableIsThePackingsOwn() {
        List<String> columns = table(DomPackingPlugin.TABLE_PACKING).columns();
        List<Object> row = table(DomPackingPlugin.TABLE_PACKING).rows().stream()
                .filter(r -> r.get(0).equals("most extreme event") && r.get(4).equals(512)
                        && r.get(5).equals("best-fit-decreasing"))
                .findFirst().orElseThrow();
        Dataset data = Dataset.open(dataset);
        EventMeta meta = data.meta();
        int top = 0;
        for (int r = 1; r < meta.size(); r++) {
            if (meta.pulses(r) > meta.pulses(top)) {
                top = r;
            }
        }
        long batchId = meta.batchId()[top];
        int index = top - meta.rowsOfBatch(batchId)[0];
        var slice = data.events((int) batchId, index, index + 1);
        DomBatch batch = new io.icebench.icecube.collate.Collator().domGrouped(
                new io.icebench.icecube.collate.EventSource(slice.pulses(), new int[] {slice.start(0)},
                        new int[] {slice.end(0)}), new int[] {0});
        PackedSequences packed = DomPacker.pack(batch, 512, PackingAlgorithm.BEST_FIT_DECREASING,
                OversizePolicy.SPLIT);
        assertThat(row.get(columns.indexOf("efficiency"))).isEqualTo(packed.efficiency());
        assertThat(row.get(columns.indexOf("sequences"))).isEqualTo(packed.sequences());
        assertThat(packed.efficiency()).isGreaterThanOrEqualTo(0.99);
    }

    @Test
    void reportsMetricsWithRawSamples() {
        Measurement efficiency = measurements.measurements().stream()
                .filter(m -> m.metric().name().equals("packing_efficiency")).findFirst().orElseThrow();
        assertThat(efficiency.samples()).hasSize(4);
        for (double v : efficiency.samples()) {
            assertThat(v).isBetween(0.5, 1.0);
        }
        Measurement ns = measurements.measurements().stream()
                .filter(m -> m.metric().name().equals("packing_ns_per_pulse")).findFirst().orElseThrow();
        assertThat(ns.samples()).hasSize(2);
        for (double v : ns.samples()) {
            assertThat(v).isPositive();
        }
        assertThat(measurements.measurements()).extracting(m -> m.metric().name())
                .containsExactlyInAnyOrder("packing_efficiency", "packing_ns_per_pulse", "packing_pulses_per_second");
        assertThat(measurements.series()).isNotEmpty();
    }

    @Test
    void writesThePlotsAndTheReport() throws Exception {
        for (String png : List.of(DomPackingPlugin.PNG_EFFICIENCY, DomPackingPlugin.PNG_MEMORY,
                DomPackingPlugin.PNG_TIME)) {
            Path file = output.resolve(png);
            assertThat(file).exists();
            assertThat(Files.size(file)).isGreaterThan(1000);
        }
        String report = Files.readString(output.resolve(DomPackingPlugin.REPORT));
        assertThat(report).contains("](" + DomPackingPlugin.PNG_MEMORY + ")").contains("best-fit-decreasing")
                .contains("| rank |");
    }

    @Test
    void validateRejectsAZeroLengthAndAZeroTopK() {
        assertThatThrownBy(() -> PLUGIN.validate(Parameters.resolve(PLUGIN.parameters(),
                Map.of("max_seq_len", "[0]"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max_seq_len")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> PLUGIN.validate(Parameters.resolve(PLUGIN.parameters(), Map.of("top_k", "0"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("top_k");
        assertThatThrownBy(() -> PLUGIN.validate(Parameters.resolve(PLUGIN.parameters(),
                Map.of("oversize", "drop")))).hasMessageContaining("oversize");
        assertThatThrownBy(() -> PLUGIN.validate(Parameters.resolve(PLUGIN.parameters(),
                Map.of("algorithms", "[random-fit]")))).hasMessageContaining("random-fit");
        PLUGIN.validate(Parameters.defaults(PLUGIN.parameters()));
    }
}
