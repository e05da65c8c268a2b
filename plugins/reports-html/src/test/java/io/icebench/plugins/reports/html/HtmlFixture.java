package io.icebench.plugins.reports.html;

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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;

/**
 * The run the HTML tests render, modelled on the reports module's fixture: a gate with a passing, a failing and an
 * INCONCLUSIVE threshold and a metric without one; an exploratory study with a table and two charts; a gate that
 * timed out. Hostile text sits in a description, a rationale, a table cell, a series name and the configuration.
 * Built only through the SPI records' convenience constructors, so that added components do not break it.
 */
final class HtmlFixture {

    static final String HOSTILE_DESCRIPTION = "Decodes events <script>alert(1)</script> & more";
    static final String AWKWARD_RATIONALE =
            "Keeps a batch \"interactive\" for the <dom-packing> step & the trigger | GPU feed";

    private HtmlFixture() {
    }

    static RunReport run() {
        return new RunReport("20250314T092653Z-regression-a1b2", "regression",
                Instant.parse("2025-03-14T09:26:53.250Z"), Instant.parse("2025-03-14T09:30:55.125Z"),
                "0.1.0-SNAPSHOT",
                ordered("hard.cpu.model", "Intel(R) Xeon(R) CPU @ 2.20GHz", "hard.cpu.cores", "8",
                        "hard.memory.total", "31.3 GiB", "hard.os", "Linux 6.1.0 amd64",
                        "hard.jvm", "Eclipse Adoptium OpenJDK 64-Bit Server VM 17.0.15+6",
                        "hard.jvm.args", "-Xmx4g -Dx=<y>", "hard.git.commit", "3f2a9c1", "hard.git.dirty", "false",
                        "soft.load.average", "0.42", "soft.cpu.mhz", "2200.1"),
                ordered("file", "config/icebench.yaml", "results-dir", "results", "plugins",
                        "ingest-throughput, dom-packing-study, gpu-inference", "reports", "json, markdown, html",
                        "note", "<b>not bold</b>"),
                List.of(ingestThroughput(), domPackingStudy(), gpuInference()),
                List.of("plugins/broken-plugin.jar: no io.icebench.spi.BenchmarkPlugin in META-INF/services"),
                3, Optional.empty());
    }

    static PluginReport ingestThroughput() {
        MetricReport events = metric(new Metric("events_per_second", Unit.of("events/s"),
                Direction.HIGHER_IS_BETTER, "Events decoded per second"), noisy(1, 40, 10200, 180));
        double[] latencies = noisy(2, 40, 20, 1.2);
        latencies[17] = 31.75;
        MetricReport latency = metric(new Metric("batch_latency", Unit.MILLISECONDS, Direction.LOWER_IS_BETTER,
                "Wall time of one 4096-event batch"), latencies);
        MetricReport heap = metric(new Metric("heap_peak", Unit.MEBIBYTES, Direction.LOWER_IS_BETTER,
                "Peak heap after decoding"), noisy(3, 40, 412, 3));
        List<ThresholdVerdict> verdicts = List.of(
                new ThresholdVerdict("events_per_second", "median", Bound.MIN, 9500, "events/s",
                        "CI runner baseline of 10,200 events/s minus 7 % for run-to-run noise",
                        OptionalDouble.of(events.summary().median()), Outcome.PASS,
                        "median 10200 events/s is at least 9500 events/s",
                        events.summary().medianInterval(), InconclusivePolicy.WARN, Optional.empty()),
                new ThresholdVerdict("batch_latency", "p99", Bound.MAX, 25, "ms", AWKWARD_RATIONALE,
                        OptionalDouble.of(31.33), Outcome.FAIL, "p99 31.33 ms exceeds the limit of 25 ms by 25.3 %", Optional.empty(), InconclusivePolicy.WARN, Optional.empty()),
                new ThresholdVerdict("batch_latency", "median", Bound.MAX, 20.1, "ms",
                        "Typical batch stays under 20.1 ms on the CI runner",
                        OptionalDouble.of(latency.summary().median()), Outcome.INCONCLUSIVE,
                        "95% CI straddles max 20.1 ms; passes with a warning (inconclusive: warn)",
                        latency.summary().medianInterval(), InconclusivePolicy.WARN, Optional.empty()));
        return new PluginReport("ingest-throughput", PluginKind.REGRESSION_GATE, HOSTILE_DESCRIPTION, "built-in",
                RunStatus.COMPLETED, Optional.empty(), Duration.ofMillis(41_500),
                ordered("batch-size", "4096", "files", "[train_1.parquet, train_2.parquet]"),
                List.of(events, latency, heap), List.of(), List.of(),
                ordered("events", "204800", "warmup-iterations", "2"), verdicts,
                List.of("plugins/ingest-throughput/latency.png", "plugins/ingest-throughput/notes (draft).md"));
    }

    static PluginReport domPackingStudy() {
        MetricReport packTime = metric(new Metric("pack_time", Unit.MICROSECONDS, Direction.LOWER_IS_BETTER,
                "Time to pack one event"), noisy(4, 200, 150, 20));
        Table efficiency = Table.builder("efficiency", "event size (hits)", "algorithm", "efficiency (%)",
                        "fits in memory")
                .title("Packing efficiency per event size")
                .row(256, "first-fit", 91.25, true)
                .row(512L, "best-fit | sorted", 88.0, true)
                .row(1024, "greedy\n(fallback) <i>", null, false)
                .build();
        List<Series> series = List.of(
                new Series("Memory against event size", "first-fit", "event size (hits)", "memory (MiB)",
                        new double[] {256, 512, 1024, 2048}, new double[] {12.5, 24.75, 49.0, 97.5}),
                new Series("Memory against event size", "best-fit <sorted>", "event size (hits)", "memory (MiB)",
                        new double[] {256, 512, 1024, 2048}, new double[] {11.0, 21.5, 44.0, 90.25}),
                new Series("Packing time against batch size", "first-fit", "batch size", "time (ms)",
                        new double[] {64, 128, 256, 512, 1024}, new double[] {3.1, 5.9, 12.2, 25.0, 51.3}));
        return new PluginReport("dom-packing-study", PluginKind.EXPLORATORY,
                "Packing efficiency of DOM hits into fixed-size tensors", "icebench-plugin-packing-0.3.0.jar",
                RunStatus.COMPLETED, Optional.empty(), Duration.ofSeconds(80, 125_000_000),
                ordered("event-sizes", "[256, 512, 1024]"), List.of(packTime), List.of(efficiency), series,
                ordered("seed", "42"), List.of(), List.of());
    }

    static PluginReport gpuInference() {
        return new PluginReport("gpu-inference", PluginKind.REGRESSION_GATE,
                "Inference throughput of the GNN on the GPU", "built-in", RunStatus.TIMEOUT,
                Optional.of("did not finish within 2m; cancelled"), Duration.ofMillis(120_004),
                ordered("model", "dynedge", "batch-size", "1024"), List.of(), List.of(), List.of(), Map.of(),
                List.of(new ThresholdVerdict("inferences_per_second", "median", Bound.MIN, 200, "events/s",
                        "Half of the A100 figure: CI runs on a T4", OptionalDouble.empty(), Outcome.ERROR,
                        "not judged: the plugin did not complete (TIMEOUT)", Optional.empty(), InconclusivePolicy.WARN, Optional.empty())), List.of());
    }

    static final String HOSTILE_BASELINE = "nightly <img src=x onerror=alert(1)> & \"friends\"";
    static final String HOSTILE_METRIC = "rss_peak";

    /**
     * A run compared with a baseline: four relative thresholds listed in the order UNCHANGED, NOT JUDGED,
     * IMPROVED, REGRESSED (the page must turn it round), on a plugin whose id, metric and unit are hostile, and a
     * baseline whose name, source and fingerprint differences are hostile too.
     */
    static RunReport withBaseline() {
        RunReport base = run();
        String baselineRun = "20250310T081500Z-regression-0f3c";
        MetricReport throughput = metric(new Metric("events_per_second", Unit.of("events/s"),
                Direction.HIGHER_IS_BETTER, "Events decoded per second"), noisy(5, 20, 10200, 150));
        MetricReport latency = metric(new Metric("batch_latency", Unit.MILLISECONDS, Direction.LOWER_IS_BETTER,
                "Wall time of one batch"), noisy(6, 20, 18.2, 0.8));
        MetricReport rss = metric(new Metric(HOSTILE_METRIC, Unit.of("MiB<&>"), Direction.LOWER_IS_BETTER,
                "Peak resident memory"), noisy(7, 20, 1095, 10));
        MetricReport heap = metric(new Metric("heap_peak", Unit.MEBIBYTES, Direction.LOWER_IS_BETTER,
                "Peak heap"), noisy(8, 20, 412, 3));
        List<ThresholdVerdict> verdicts = List.of(
                relative("events_per_second", "events/s", throughput, Outcome.PASS,
                        "UNCHANGED: median 10180 -> 10200 events/s",
                        new Comparison(Comparison.Method.STORED_BASELINE, Comparison.Verdict.UNCHANGED, 5, baselineRun, 10180, 10200, 0.1964, -1.25,
                                1.75, 0.95, 0.3821, 0.01, 0)),
                relative(HOSTILE_METRIC, "MiB<&>", rss, Outcome.NONE,
                        "NOT JUDGED: baseline run " + baselineRun + " has no samples of <rss>",
                        Comparison.notJudged(Comparison.Method.STORED_BASELINE, 10)),
                relative("batch_latency", "ms", latency, Outcome.PASS, "IMPROVED: median 21.4 -> 18.2 ms",
                        new Comparison(Comparison.Method.STORED_BASELINE, Comparison.Verdict.IMPROVED, 5, baselineRun, 21.4, 18.2, -14.95, -17.5,
                                -12.25, 0.95, 0.000012, 0.01, 0)),
                relative("heap_peak", "MiB", heap, Outcome.FAIL, "REGRESSED: median 398.5 -> 412 MiB",
                        new Comparison(Comparison.Method.STORED_BASELINE, Comparison.Verdict.REGRESSED, 2, baselineRun, 398.5, 412.0, 3.388, 2.875,
                                4.125, 0.95, 0.003968, 0.01, 0)));
        PluginReport gate = new PluginReport("ingest<throughput>", PluginKind.REGRESSION_GATE, "relative gates",
                "built-in", RunStatus.COMPLETED, Optional.empty(), Duration.ofSeconds(12), Map.of(),
                List.of(throughput, latency, rss, heap), List.of(), List.of(), Map.of(), verdicts, List.of());
        return new RunReport("20250315T101010Z-regression-c0de", "regression", base.startedAt(), base.finishedAt(),
                "0.1.0-SNAPSHOT", base.environment(), base.configuration(), List.of(gate), List.of(), 1,
                Optional.of(new BaselineRef(Comparison.Method.STORED_BASELINE, HOSTILE_BASELINE, baselineRun,
                        "results/baselines/<nightly>.json",
                        List.of("soft.load_average ('0.52' vs '1.75')",
                                "hard.cpu.model ('<Xeon>' vs 'EPYC & co')"))));
    }

    private static ThresholdVerdict relative(String metric, String unit, MetricReport report, Outcome outcome,
                                             String message, Comparison comparison) {
        return new ThresholdVerdict(metric, "median", Bound.MAX, comparison.maxRegressionPercent(), unit,
                "No more than " + comparison.maxRegressionPercent() + " % worse than the <baseline> & its noise",
                OptionalDouble.of(report.summary().median()), outcome, message, Optional.empty(), InconclusivePolicy.WARN,
                Optional.of(comparison));
    }

    /** A plugin with {@code count} metrics of {@code samples} samples each, a threshold on every one of them. */
    static PluginReport manyMetrics(int count, int samples) {
        List<MetricReport> metrics = new ArrayList<>();
        List<ThresholdVerdict> verdicts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            MetricReport m = metric(Metric.lowerIsBetter("metric_" + i, Unit.MILLISECONDS, "metric " + i),
                    noisy(100 + i, samples, 50 + i, 5));
            metrics.add(m);
            verdicts.add(new ThresholdVerdict(m.metric().name(), "median", Bound.MAX, 60 + i, "ms", "why " + i,
                    OptionalDouble.of(m.summary().median()), Outcome.PASS, "ok", Optional.empty(), InconclusivePolicy.WARN, Optional.empty()));
        }
        double[] x = new double[5000];
        double[] y = new double[5000];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
            y[i] = Math.sin(i / 100.0);
        }
        return new PluginReport("many", PluginKind.REGRESSION_GATE, "many metrics", "built-in", RunStatus.COMPLETED,
                Optional.empty(), Duration.ofSeconds(5), Map.of(), metrics, List.of(),
                List.of(new Series("long", "sine", "i", "y", x, y)), Map.of(), verdicts, List.of());
    }

    /** Samples around {@code centre}, deterministic. */
    static double[] noisy(long seed, int n, double centre, double spread) {
        Random random = new Random(seed);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = Math.round((centre + random.nextGaussian() * spread) * 100) / 100.0;
        }
        return out;
    }

    /** A metric report whose summary is computed here (median, quartiles, a crude median interval). */
    static MetricReport metric(Metric metric, double[] samples) {
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double mean = Arrays.stream(sorted).average().orElse(Double.NaN);
        double sd = Math.sqrt(Arrays.stream(sorted).map(v -> (v - mean) * (v - mean)).sum() / Math.max(1, n - 1));
        double median = quantile(sorted, 0.5);
        double iqr = quantile(sorted, 0.75) - quantile(sorted, 0.25);
        int half = (int) Math.ceil(0.98 * Math.sqrt(n));
        int lo = Math.max(0, n / 2 - half);
        int hi = Math.min(n - 1, n / 2 + half);
        Map<String, Double> percentiles = new LinkedHashMap<>();
        percentiles.put("p90", quantile(sorted, 0.9));
        percentiles.put("p99", quantile(sorted, 0.99));
        Summary summary = new Summary(n, sorted[0], sorted[n - 1], mean, median, sd, iqr / 1.349 * 0.6745,
                percentiles, iqr, Optional.of(new Interval(sorted[lo], sorted[hi], 0.95, n < 6)), 1);
        return new MetricReport(metric, samples, summary);
    }

    private static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int base = (int) Math.floor(pos);
        int next = Math.min(sorted.length - 1, base + 1);
        return sorted[base] + (pos - base) * (sorted[next] - sorted[base]);
    }

    static Map<String, String> ordered(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
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
