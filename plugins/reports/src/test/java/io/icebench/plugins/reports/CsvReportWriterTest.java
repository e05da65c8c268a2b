package io.icebench.plugins.reports;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.icebench.spi.Direction;
import io.icebench.spi.Metric;
import io.icebench.spi.PluginKind;
import io.icebench.spi.Unit;
import io.icebench.spi.MetricReport;
import io.icebench.spi.PluginReport;
import io.icebench.spi.RunReport;
import io.icebench.spi.report.RunStatus;
import io.icebench.spi.report.Summary;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class CsvReportWriterTest {

    @ParameterizedTest(name = "under {0}")
    @MethodSource("io.icebench.plugins.reports.Golden#settings")
    void csvMatchesTheGoldenFile(Golden.Setting setting) throws IOException {
        Golden.assertMatches(new CsvReportWriter(), "metrics.csv", setting);
    }

    @Test
    void csvParsesBackWithOneRowPerStatistic() throws IOException {
        byte[] csv = Golden.render(new CsvReportWriter(), ReportFixture.run(), "metrics.csv");

        CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
        List<List<String>> rows;
        try (MappingIterator<List<String>> it = mapper.readerForListOf(String.class)
                .with(CsvSchema.emptySchema()).readValues(csv)) {
            rows = it.readAll();
        }

        // 7 fixed statistics per metric; percentiles: 2 each for the gate's 3 metrics, 3 for pack_time; IQR, the
        // median's interval (low, high, level) and outliers for the 2 metrics whose summaries computed them; the
        // 9 fields of heap_peak's comparison with the baseline
        int expected = 4 * 7 + 3 * 2 + 3 + 2 * 5 + 9;
        assertThat(rows).hasSize(1 + expected);
        assertThat(rows.get(0)).containsExactlyElementsOf(CsvReportWriter.COLUMNS);
        assertThat(rows).allSatisfy(row -> assertThat(row).hasSize(8));
        assertThat(rows.get(1)).containsExactly("20250314T092653Z-a1b2", "ingest-throughput", "regression-gate",
                "events_per_second", "events/s", "higher", "count", "5");
        assertThat(rows).contains(List.of("20250314T092653Z-a1b2", "dom-packing-study", "exploratory", "pack_time",
                "s", "lower", "p99.9", "1.7495E-4"));
        assertThat(rows).contains(List.of("20250314T092653Z-a1b2", "ingest-throughput", "regression-gate",
                "batch_latency", "ms", "lower", "outliers", "1"));
        assertThat(rows).contains(List.of("20250314T092653Z-a1b2", "ingest-throughput", "regression-gate",
                "heap_peak", "MiB", "lower", "change_percent", "3.388"));
        assertThat(rows).contains(List.of("20250314T092653Z-a1b2", "ingest-throughput", "regression-gate",
                "heap_peak", "MiB", "lower", "comparison", "REGRESSED"));
        rows.stream().skip(1).filter(row -> !row.get(6).equals("comparison") && !row.get(6).equals("baseline_run_id"))
                .forEach(row -> assertThat(Double.parseDouble(row.get(7))).isFinite());
    }

    @Test
    void textWithSeparatorsIsQuotedAndReadsBack() throws IOException {
        MetricReport odd = new MetricReport(
                new Metric("odd", Unit.of("events, \"weighted\""), Direction.HIGHER_IS_BETTER, ""),
                new double[] {1}, new Summary(1, 1, 1, 1, 1, 0, 0, Map.of(), Double.NaN, Optional.empty(), -1));
        PluginReport plugin = new PluginReport("p", PluginKind.EXPLORATORY, "", "", RunStatus.COMPLETED,
                Optional.empty(), Duration.ZERO, Map.of(), List.of(odd), List.of(), List.of(), Map.of(), List.of(), List.of());
        RunReport run = ReportFixture.run();
        RunReport report = new RunReport("run,1", "explore", run.startedAt(), run.finishedAt(), "dev", Map.of(),
                Map.of(), List.of(plugin), List.of(), 0, Optional.empty());

        String csv = new String(Golden.render(new CsvReportWriter(), report, "metrics.csv"), StandardCharsets.UTF_8);

        assertThat(csv.lines().skip(1).findFirst().orElseThrow())
                .isEqualTo("\"run,1\",p,exploratory,odd,\"events, \"\"weighted\"\"\",higher,count,1");
        assertThat(csv).endsWith("0.0\n").doesNotContain("\r");
    }
}
