package io.icebench.plugins.io;

import io.icebench.spi.testkit.TestContext;
import io.icebench.spi.Measurement;
import io.icebench.spi.Measurements;
import io.icebench.spi.PluginKind;
import io.icebench.spi.Spi;
import io.icebench.spi.Table;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The whole study, run once with the real evictor on a two-file dataset written here, then checked against what
 * was written.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IoPluginTest {

    private static final int REPETITIONS = 2;

    private Path temp;

    private TinyDataset data;
    private Measurements result;
    private Path output;
    private TestContext context;

    @BeforeAll
    void runTheStudyOnce(@TempDir Path temp) throws Exception {
        this.temp = temp;
        data = TinyDataset.write(temp.resolve("data"), 400, 250);
        output = temp.resolve("out");
        IoPlugin plugin = new IoPlugin();
        context = new TestContext(plugin, Map.of("repetitions", String.valueOf(REPETITIONS),
                "threads", "2", "histogram_bins", "12"), data.folder, output);
        result = plugin.run(context);
    }

    @Test
    void progressCountsEveryTimedReadUpToItsTotal() {
        assertThat(context.progressReported()).singleElement().satisfies(progress -> {
            assertThat(progress.task()).isEqualTo("timed reads");
            assertThat(progress.total()).isPositive();
            assertThat(progress.done()).isEqualTo(progress.total());
            assertThat(progress.closed()).isTrue();
        });
    }

    @Test
    void isAnExploratoryPluginFoundByTheServiceLoader() {
        IoPlugin plugin = java.util.ServiceLoader.load(io.icebench.spi.BenchmarkPlugin.class).stream()
                .map(java.util.ServiceLoader.Provider::get)
                .filter(IoPlugin.class::isInstance).map(IoPlugin.class::cast)
                .findFirst().orElseThrow();
        assertThat(plugin.id()).isEqualTo("io");
        assertThat(plugin.kind()).isEqualTo(PluginKind.EXPLORATORY);
        assertThat(plugin.spiVersion()).isEqualTo(Spi.VERSION);
    }

    @Test
    void reportsAsManyPulsesAsTheMetaFileHolds() {
        assertThat(result.properties())
                .containsEntry("dataset_pulses", String.valueOf(data.totalPulses))
                .containsEntry("sequential_pulses", String.valueOf(data.totalPulses))
                .containsEntry("dataset_events", String.valueOf(data.events));
        Table reads = table("reads");
        for (List<Object> row : reads.rows()) {
            int batch = (Integer) cell(reads, row, "batch");
            assertThat(cell(reads, row, "pulses")).isEqualTo(data.pulsesPerBatch[batch - 1]);
        }
    }

    @Test
    void metadataTableShowsTheLargestEventThatWasWritten() {
        Table metadata = table("metadata");
        List<Object> pulses = row(metadata, "quantity", "pulses per event");
        assertThat(cell(metadata, pulses, "max")).isEqualTo((double) TinyDataset.BIG_EVENT);
        assertThat(cell(metadata, pulses, "count")).isEqualTo((long) data.events);
        assertThat(cell(metadata, pulses, "min")).isEqualTo(5.0);
        List<Object> doms = row(metadata, "quantity", "DOMs per event");
        assertThat(cell(metadata, doms, "max")).isEqualTo((double) data.maxDomsPerEvent);
        assertThat(cell(metadata, row(metadata, "quantity", "events per batch"), "max")).isEqualTo(400.0);
    }

    @Test
    void histogramCountsEveryEventOnceAndShowsTheTail() {
        Table histogram = table("pulses_per_event_histogram");
        long events = histogram.rows().stream().mapToLong(r -> (Long) cell(histogram, r, "events")).sum();
        assertThat(events).isEqualTo(data.events);
        List<Object> last = histogram.rows().get(histogram.rows().size() - 1);
        assertThat(cell(histogram, last, "to (pulses, inclusive)")).isEqualTo((long) TinyDataset.BIG_EVENT);
        assertThat(cell(histogram, last, "events")).isEqualTo(1L);
    }

    @Test
    void duckdbCountsTheSameRowsAndValuesAsOurReader() {
        Table duckdb = table("duckdb");
        assertThat(duckdb.rows()).hasSize(2);
        for (List<Object> row : duckdb.rows()) {
            int batch = (Integer) cell(duckdb, row, "batch");
            assertThat(cell(duckdb, row, "rows (DuckDB)")).isEqualTo(data.pulsesPerBatch[batch - 1]);
            assertThat(cell(duckdb, row, "pulses (ours)")).isEqualTo(data.pulsesPerBatch[batch - 1]);
            assertThat(cell(duckdb, row, "rows match")).isEqualTo(true);
            assertThat(cell(duckdb, row, "sums match")).isEqualTo(true);
            assertThat((Double) cell(duckdb, row, "our reader / DuckDB")).isPositive();
        }
        assertThat(result.properties()).containsEntry("duckdb_matches_our_reader", "true");
    }

    @Test
    void everyTimedMetricHasOneSamplePerRepetitionAndFile() {
        assertThat(samples("warm_read_pulses_per_second")).hasSize(2 * REPETITIONS).allMatch(v -> v > 0);
        assertThat(samples("raw_warm_read_bytes_per_second")).hasSize(2 * REPETITIONS).allMatch(v -> v > 0);
        assertThat(samples("duckdb_pulses_per_second")).hasSize(2 * REPETITIONS).allMatch(v -> v > 0);
        assertThat(samples("reader_to_raw_warm_ratio")).hasSize(2);
        assertThat(samples("projection_time_column_pulses_per_second")).hasSize(REPETITIONS);
        assertThat(samples("read_1_thread_pulses_per_second")).hasSize(REPETITIONS);
        assertThat(samples("read_max_threads_pulses_per_second")).hasSize(REPETITIONS);
        assertThat(samples("sequential_pulses_per_second")).hasSize(REPETITIONS);
        assertThat(samples("sequential_heap_used")).hasSize(2 * REPETITIONS);
        assertThat(table("threads").rows()).hasSize(2);
        assertThat(table("projection").rows()).extracting(r -> r.get(0))
                .containsExactly("all five columns", "the model's four", "time alone");
    }

    @Test
    void coldFiguresAreReportedOnlyWhenTheEvictionWasVerified() {
        Table reads = table("reads");
        for (List<Object> row : reads.rows()) {
            String condition = (String) cell(reads, row, "condition");
            Object verified = cell(reads, row, "cold verified");
            if (condition.equals("warm")) {
                assertThat(verified).isNull();
            } else if (Boolean.TRUE.equals(verified)) {
                assertThat(condition).startsWith("cold (verified");
            } else {
                assertThat(condition).startsWith("warm (eviction failed: ");
            }
        }
        boolean anyVerified = reads.rows().stream().anyMatch(r -> Boolean.TRUE.equals(cell(reads, r, "cold verified")));
        assertThat(metric("cold_read_pulses_per_second")).isEqualTo(anyVerified ? Optional.of(true) : Optional.empty());
    }

    /** The reader maps files, and mapped pages cannot be dropped: the study must release the mappings first. */
    @Test
    void filesOurReaderHasMappedAreStillEvictedWhereThePageCacheCanBeEmptied() throws IOException {
        Path probe = temp.resolve("probe.bin");
        Files.write(probe, new byte[1 << 20]);
        assumeTrue(new CoreutilsEvictor().evict(probe).verified(), "this machine cannot empty the page cache");

        assertThat(result.properties()).containsEntry("cold_verified", "all files");
        Table reads = table("reads");
        assertThat(reads.rows()).filteredOn(r -> !"warm".equals(cell(reads, r, "condition")))
                .hasSize(2).allSatisfy(r -> assertThat(cell(reads, r, "cold verified")).isEqualTo(true));
        assertThat(samples("cold_read_pulses_per_second")).hasSize(2 * REPETITIONS).allMatch(v -> v > 0);
        assertThat(samples("raw_cold_read_bytes_per_second")).hasSize(2 * REPETITIONS);
    }

    @Test
    void plotsArePngFilesAPersonCanOpen() throws IOException {
        for (String name : List.of(MetadataExperiment.HISTOGRAM_PNG, ThreadsExperiment.THREADS_PNG, ReadsExperiment.READERS_PNG,
                SequentialExperiment.MEMORY_PNG)) {
            Path png = output.resolve(name);
            assertThat(png).exists();
            byte[] head = Arrays.copyOf(Files.readAllBytes(png), 8);
            assertThat(head).containsExactly(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
            BufferedImage image = ImageIO.read(png.toFile());
            assertThat(image.getWidth()).isEqualTo(1000);
            assertThat(image.getHeight()).isEqualTo(600);
        }
        assertThat(result.properties().get("plots")).contains(MetadataExperiment.HISTOGRAM_PNG, ReadsExperiment.READERS_PNG);
    }

    @Test
    void reportEmbedsThePlotsAndTheTablesAndSaysWhatWasColdVerified() throws IOException {
        String report = Files.readString(output.resolve(IoStudy.REPORT_FILE));
        assertThat(report)
                .contains("](" + MetadataExperiment.HISTOGRAM_PNG + ")", "](" + ThreadsExperiment.THREADS_PNG + ")",
                        "](" + ReadsExperiment.READERS_PNG + ")", "](" + SequentialExperiment.MEMORY_PNG + ")")
                .contains("| batch | condition | file (MiB) |")
                .contains("## Cold reads: what was verified")
                .containsAnyOf("Cold verified for every measured file", "No cold read was verified",
                        "only.**");
    }

    @Test
    void seriesFeedTheSameChartsAsThePngs() {
        assertThat(result.series()).extracting(s -> s.chart()).contains(MetadataExperiment.HISTOGRAM_CHART,
                ThreadsExperiment.THREADS_CHART, ReadsExperiment.READERS_CHART, SequentialExperiment.MEMORY_CHART);
        var histogram = result.series().stream().filter(s -> s.chart().equals(MetadataExperiment.HISTOGRAM_CHART))
                .findFirst().orElseThrow();
        assertThat(Arrays.stream(histogram.y()).sum()).isEqualTo(data.events);
    }

    private Table table(String name) {
        return result.tables().stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no table '" + name + "'"));
    }

    static Object cell(Table table, List<Object> row, String column) {
        int index = table.columns().indexOf(column);
        assertThat(index).as("column '%s' of table '%s'", column, table.name()).isNotNegative();
        return row.get(index);
    }

    static List<Object> row(Table table, String column, Object value) {
        return table.rows().stream().filter(r -> value.equals(cell(table, r, column))).findFirst()
                .orElseThrow(() -> new AssertionError("no row with " + column + " = " + value));
    }

    private List<Double> samples(String metric) {
        double[] samples = result.measurements().stream().filter(m -> m.metric().name().equals(metric)).findFirst()
                .map(Measurement::samples).orElseThrow(() -> new AssertionError("no metric '" + metric + "'"));
        return Arrays.stream(samples).boxed().toList();
    }

    private Optional<Boolean> metric(String name) {
        return result.measurements().stream().filter(m -> m.metric().name().equals(name)).findFirst()
                .map(m -> true);
    }
}
