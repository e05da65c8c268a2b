package io.icebench.plugins.reports;

import io.icebench.spi.report.InconclusivePolicy;
import io.icebench.spi.Direction;
import io.icebench.spi.Metric;
import io.icebench.spi.PluginKind;
import io.icebench.spi.ReportOutput;
import io.icebench.spi.Series;
import io.icebench.spi.Table;
import io.icebench.spi.Unit;
import io.icebench.spi.report.BaselineRef;
import io.icebench.spi.report.Bound;
import io.icebench.spi.report.Comparison;
import io.icebench.spi.report.Interval;
import io.icebench.spi.MetricReport;
import io.icebench.spi.report.Outcome;
import io.icebench.spi.PluginReport;
import io.icebench.spi.RunReport;
import io.icebench.spi.report.RunStatus;
import io.icebench.spi.report.Summary;
import io.icebench.spi.report.ThresholdVerdict;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The run every golden file is rendered from. Three plugins: a regression gate with a passing and a failing
 * threshold and a metric without one, an exploratory study with a table and a series, and a gate that timed out, so
 * its threshold could not be judged. Text that needs escaping somewhere sits in the failing threshold's rationale and
 * in the table.
 */
final class ReportFixture {

    static final String AWKWARD_RATIONALE =
            "Keeps a batch \"interactive\" for the <dom-packing> step & the trigger | GPU feed";

    private ReportFixture() {
    }

    static RunReport run() {
        return new RunReport("20250314T092653Z-a1b2", "regression",
                Instant.parse("2025-03-14T09:26:53.250Z"), Instant.parse("2025-03-14T09:30:55.125Z"),
                "0.1.0-SNAPSHOT",
                ordered("os", "Linux 6.1.0 amd64", "cpus", "8", "max_heap_mib", "4096",
                        "java", "Eclipse Adoptium OpenJDK 64-Bit Server VM 17.0.15+6", "native_image", "false"),
                ordered("file", "config/icebench.yaml", "repetitions", "5"),
                List.of(ingestThroughput(), domPackingStudy(), gpuInference()),
                List.of("plugins/broken-plugin.jar: no io.icebench.spi.BenchmarkPlugin in META-INF/services"),
                3, Optional.of(new BaselineRef(Comparison.Method.STORED_BASELINE, "default", "20250310T081500Z-regression-0f3c",
                        "results/baselines/default.json", List.of("soft.load_average ('0.52' vs '1.75')"))));
    }

    /**
     * A gate: one threshold passes on its median's interval, one fails, one is INCONCLUSIVE (warn), and
     * {@code heap_peak} has none (and a summary in SPI 1.0's shape, without IQR, interval and outliers).
     */
    static PluginReport ingestThroughput() {
        MetricReport events = new MetricReport(
                new Metric("events_per_second", Unit.of("events/s"), Direction.HIGHER_IS_BETTER,
                        "Events decoded per second"),
                new double[] {10250.5, 10310.25, 9875.0, 10122.75, 10401.0},
                new Summary(5, 9875.0, 10401.0, 10191.9, 10250.5, 203.9429, 127.75,
                        percentiles("p90", 10364.7, "p99", 10397.37), 187.5,
                        Optional.of(new Interval(9875.0, 10401.0, 0.95, true)), 0));
        MetricReport latency = new MetricReport(
                new Metric("batch_latency", Unit.MILLISECONDS, Direction.LOWER_IS_BETTER,
                        "Wall time of one 4096-event batch"),
                new double[] {18.5, 21.25, 19.75, 31.75, 20.0},
                new Summary(5, 18.5, 31.75, 22.25, 20.0, 5.39965, 1.25,
                        percentiles("p90", 27.55, "p99", 31.33), 1.5,
                        Optional.of(new Interval(18.5, 31.75, 0.95, true)), 1));
        MetricReport heap = new MetricReport(
                new Metric("heap_peak", Unit.MEBIBYTES, Direction.LOWER_IS_BETTER, "Peak heap after decoding"),
                new double[] {412.0, 415.5, 409.25, 418.0, 411.75},
                new Summary(5, 409.25, 418.0, 413.3, 412.0, 3.4433, 2.75,
                        percentiles("p90", 417.0, "p99", 417.9), Double.NaN, Optional.empty(), -1));
        List<ThresholdVerdict> verdicts = List.of(
                new ThresholdVerdict("events_per_second", "median", Bound.MIN, 9500, "events/s",
                        "CI runner baseline of 10,200 events/s minus 7 % for run-to-run noise",
                        OptionalDouble.of(10250.5), Outcome.PASS, "median 10250 events/s is at least 9500 events/s",
                        Optional.of(new Interval(9875.0, 10401.0, 0.95, true)), InconclusivePolicy.WARN, Optional.empty()),
                new ThresholdVerdict("batch_latency", "p99", Bound.MAX, 25, "ms", AWKWARD_RATIONALE,
                        OptionalDouble.of(31.33), Outcome.FAIL, "p99 31.33 ms exceeds the limit of 25 ms by 25.3 %", Optional.empty(), InconclusivePolicy.WARN, Optional.empty()),
                new ThresholdVerdict("batch_latency", "median", Bound.MAX, 20.5, "ms",
                        "Typical batch stays under 20.5 ms on the CI runner", OptionalDouble.of(20.0),
                        Outcome.INCONCLUSIVE, "median(batch_latency) = 20 ms, 95% CI [18.5, 31.75] straddling max"
                                + " 20.5 ms; passes with a warning (inconclusive: warn)",
                        Optional.of(new Interval(18.5, 31.75, 0.95, true)), InconclusivePolicy.WARN, Optional.empty()),
                new ThresholdVerdict("heap_peak", "median", Bound.MAX, 2, "MiB",
                        "Heap growth beyond 2 % of the baseline's is a leak worth a look", OptionalDouble.of(412.0),
                        Outcome.FAIL, "REGRESSED: median 398.5 -> 412 MiB, change +3.4% [+2.9%, +4.1%]",
                        Optional.empty(), InconclusivePolicy.WARN,
                        Optional.of(new Comparison(Comparison.Method.STORED_BASELINE, Comparison.Verdict.REGRESSED, 2, "20250310T081500Z-regression-0f3c",
                                398.5, 412.0, 3.388, 2.875, 4.125, 0.95, 0.003968, 0.01, 0))));
        return new PluginReport("ingest-throughput", PluginKind.REGRESSION_GATE,
                "Decodes IceCube events from Parquet – 4096 per batch", "built-in", RunStatus.COMPLETED,
                Optional.empty(), Duration.ofMillis(41_500),
                ordered("batch-size", "4096", "files", "[train_1.parquet, train_2.parquet]"),
                List.of(events, latency, heap), List.of(), List.of(),
                ordered("events", "204800", "warmup-iterations", "2"), verdicts,
                List.of("plugins/ingest-throughput/latency.png", "plugins/ingest-throughput/notes (draft).md"));
    }

    /** An exploratory study: no thresholds, a table with awkward cells and a series. */
    static PluginReport domPackingStudy() {
        MetricReport packTime = new MetricReport(
                new Metric("pack_time", Unit.SECONDS, Direction.LOWER_IS_BETTER, "Time to pack one event"),
                new double[] {1.25E-4, 1.5E-4, 1.75E-4},
                new Summary(3, 1.25E-4, 1.75E-4, 1.5E-4, 1.5E-4, 2.5E-5, 2.5E-5,
                        percentiles("p90", 1.7E-4, "p99", 1.745E-4, "p99.9", 1.7495E-4), Double.NaN, Optional.empty(), -1));
        Table efficiency = Table.builder("efficiency", "event size (hits)", "algorithm", "efficiency (%)",
                        "fits in memory")
                .title("Packing efficiency per event size")
                .row(256, "first-fit", 91.25, true)
                .row(512L, "best-fit | sorted", 88.0, true)
                .row(1024, "greedy\n(fallback)", null, false)
                .build();
        Series memory = new Series("Memory against event size", "first-fit", "event size (hits)", "memory (MiB)",
                new double[] {256, 512, 1024}, new double[] {12.5, 24.75, 49.0});
        return new PluginReport("dom-packing-study", PluginKind.EXPLORATORY,
                "Packing efficiency of DOM hits into fixed-size tensors", "icebench-plugin-packing-0.3.0.jar",
                RunStatus.COMPLETED, Optional.empty(), Duration.ofSeconds(80, 125_000_000),
                ordered("event-sizes", "[256, 512, 1024]"), List.of(packTime), List.of(efficiency),
                List.of(memory), ordered("seed", "42"), List.of(), List.of());
    }

    /** A gate that timed out: no metrics, and its one threshold could not be judged. */
    static PluginReport gpuInference() {
        return new PluginReport("gpu-inference", PluginKind.REGRESSION_GATE,
                "Inference throughput of the GNN on the GPU", "built-in", RunStatus.TIMEOUT,
                Optional.of("did not finish within 2m; cancelled"), Duration.ofMillis(120_004),
                ordered("model", "dynedge", "batch-size", "1024"), List.of(), List.of(), List.of(), Map.of(),
                List.of(new ThresholdVerdict("inferences_per_second", "median", Bound.MIN, 200, "events/s",
                        "Half of the A100 figure: CI runs on a T4", OptionalDouble.empty(), Outcome.ERROR,
                        "not judged: the plugin did not complete (TIMEOUT)", Optional.empty(), InconclusivePolicy.WARN, Optional.empty())), List.of());
    }

    private static Map<String, String> ordered(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static Map<String, Double> percentiles(Object... namesAndValues) {
        Map<String, Double> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put((String) namesAndValues[i], (Double) namesAndValues[i + 1]);
        }
        return map;
    }

    /** A {@link ReportOutput} that keeps files in memory and refuses to write one twice. */
    static final class InMemoryOutput implements ReportOutput {

        private final Map<String, byte[]> files = new LinkedHashMap<>();

        @Override
        public void write(String fileName, Content content) throws IOException {
            if (files.containsKey(fileName)) {
                throw new IllegalStateException(fileName + " written twice");
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            content.writeTo(bytes);
            files.put(fileName, bytes.toByteArray());
        }

        Map<String, byte[]> files() {
            return files;
        }
    }
}
