package io.icebench.plugins.reports;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.icebench.spi.ReportOutput;
import io.icebench.spi.ReportWriter;
import io.icebench.spi.MetricReport;
import io.icebench.spi.PluginReport;
import io.icebench.spi.RunReport;
import io.icebench.spi.report.Summary;
import io.icebench.spi.report.ThresholdVerdict;
import io.icebench.spi.report.Comparison;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code metrics.csv}: one row per statistic of each metric, long format, for spreadsheets and data frames.
 * Columns {@code run_id,plugin,kind,metric,unit,direction,statistic,value}; statistics in the order
 * {@code count, min, max, mean, median, standard_deviation, median_absolute_deviation}, then the percentiles as the
 * summary lists them ({@code p90}, {@code p99}, ...). Values are the shortest decimal that reads back as the same
 * double ({@code 12.5}, {@code 1.25E-4}, {@code NaN}), the count an integer. A metric with a judged relative
 * threshold ({@code max_regression}) adds its comparison with the baseline: {@code baseline_run_id},
 * {@code baseline_median}, {@code change_percent}, {@code change_ci_low}, {@code change_ci_high},
 * {@code change_ci_level}, {@code p_value}, {@code max_regression_percent} and {@code comparison} (the verdict). Fields are quoted only when they must be (RFC 4180), {@code '\n'} line ends,
 * UTF-8 without byte-order mark.
 */
public final class CsvReportWriter implements ReportWriter {

    public static final String ID = "csv";
    public static final String FILE_NAME = "metrics.csv";
    /** The header, in column order. */
    public static final List<String> COLUMNS =
            List.of("run_id", "plugin", "kind", "metric", "unit", "direction", "statistic", "value");

    /**
     * The mapper, built on first use rather than when the writer is discovered: a CsvMapper loads about 340 Jackson
     * classes (80 ms of a cold start), which {@code list}, {@code --help} and every plugin's JVM would pay for
     * nothing.
     */
    private static final class Csv {
        // Rows are List<String>: databind serialises them with its built-in list serializer, no reflection on our
        // types. Strict quoting: by default values longer than 24 characters are quoted whether they need it or not.
        static final CsvMapper MAPPER = CsvMapper.builder()
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
                .enable(CsvGenerator.Feature.WRITE_LINEFEED_AFTER_LAST_ROW)
                .build();
        static final CsvSchema SCHEMA = schema();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "metrics.csv: every statistic of every metric, one per row, for spreadsheets and data frames";
    }

    @Override
    public void write(RunReport report, ReportOutput output) throws IOException {
        output.write(FILE_NAME, out -> render(report, out));
    }

    /** Writes the document to {@code out}, which is flushed but not closed. */
    static void render(RunReport report, OutputStream out) throws IOException {
        try (SequenceWriter rows = Csv.MAPPER.writer(Csv.SCHEMA).writeValues(out)) {
            for (PluginReport plugin : report.plugins()) {
                for (MetricReport metric : plugin.metrics()) {
                    Summary summary = metric.summary();
                    Row row = new Row(rows, report, plugin, metric);
                    row.write("count", Integer.toString(summary.count()));
                    row.write("min", summary.min());
                    row.write("max", summary.max());
                    row.write("mean", summary.mean());
                    row.write("median", summary.median());
                    row.write("standard_deviation", summary.standardDeviation());
                    row.write("median_absolute_deviation", summary.medianAbsoluteDeviation());
                    for (Map.Entry<String, Double> percentile : summary.percentiles().entrySet()) {
                        row.write(percentile.getKey(), percentile.getValue());
                    }
                    // Rows added after the first release; absent when the summary did not compute them.
                    if (!Double.isNaN(summary.interquartileRange())) {
                        row.write("interquartile_range", summary.interquartileRange());
                    }
                    if (summary.medianInterval().isPresent()) {
                        row.write("median_ci_low", summary.medianInterval().get().low());
                        row.write("median_ci_high", summary.medianInterval().get().high());
                        row.write("median_ci_level", summary.medianInterval().get().level());
                    }
                    if (summary.outliers() >= 0) {
                        row.write("outliers", Integer.toString(summary.outliers()));
                    }
                    for (ThresholdVerdict verdict : plugin.verdicts()) {
                        if (verdict.metric().equals(metric.metric().name())) {
                            comparison(row, verdict);
                        }
                    }
                }
            }
        }
        out.flush();
    }

    /**
     * The comparison with the baseline of a relative threshold on the metric, when it was judged: the baseline's run
     * id and median, the Hodges-Lehmann change in percent with its interval, the one-sided p-value and the verdict.
     */
    private static void comparison(Row row, ThresholdVerdict verdict) throws IOException {
        if (verdict.comparison().isEmpty() || verdict.comparison().get().verdict() == Comparison.Verdict.NOT_JUDGED) {
            return;
        }
        Comparison comparison = verdict.comparison().get();
        row.write("baseline_run_id", comparison.baselineRunId());
        row.write("baseline_median", comparison.oldMedian());
        row.write("change_percent", comparison.changePercent());
        row.write("change_ci_low", comparison.changeLow());
        row.write("change_ci_high", comparison.changeHigh());
        row.write("change_ci_level", comparison.level());
        row.write("p_value", comparison.pValue());
        row.write("max_regression_percent", comparison.maxRegressionPercent());
        row.write("comparison", comparison.verdict().name());
    }

    private static CsvSchema schema() {
        CsvSchema.Builder builder = CsvSchema.builder();
        COLUMNS.forEach(builder::addColumn);
        return builder.setUseHeader(true).setLineSeparator("\n").build();
    }

    /** The columns every row of one metric shares. */
    private record Row(SequenceWriter rows, RunReport report, PluginReport plugin, MetricReport metric) {

        void write(String statistic, double value) throws IOException {
            write(statistic, Formats.shortest(value));
        }

        void write(String statistic, String value) throws IOException {
            rows.write(List.of(report.runId(), plugin.id(), plugin.kind().label(), metric.metric().name(),
                    metric.metric().unit().symbol(), metric.metric().direction().label(), statistic, value));
        }
    }
}
