package io.icebench.plugins.reports;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import io.icebench.spi.ReportOutput;
import io.icebench.spi.ReportWriter;
import io.icebench.spi.Series;
import io.icebench.spi.Table;
import io.icebench.spi.report.BaselineRef;
import io.icebench.spi.report.Comparison;
import io.icebench.spi.report.Interval;
import io.icebench.spi.MetricReport;
import io.icebench.spi.PluginReport;
import io.icebench.spi.RunReport;
import io.icebench.spi.report.Summary;
import io.icebench.spi.report.ThresholdVerdict;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes {@code results.json}: the whole run, samples included, in the versioned schema
 * {@code icebench-run} version {@value #SCHEMA_VERSION}, described by the JSON Schema at {@link #SCHEMA_RESOURCE}.
 *
 * <p>Compatibility: within a schema version fields are only added, so readers must ignore fields they do not know;
 * removing or changing the meaning of a field increments {@code schemaVersion}. Numbers that JSON cannot represent
 * (NaN, infinities) are written as {@code null}. Instants are ISO-8601 in UTC, durations are in seconds.
 */
public final class JsonReportWriter implements ReportWriter {

    public static final String ID = "json";
    public static final String FILE_NAME = "results.json";
    /** The value of the top-level {@code schema} field. */
    public static final String SCHEMA = "icebench-run";
    /** The value of the top-level {@code schemaVersion} field. */
    public static final int SCHEMA_VERSION = 2;
    /** Classpath location of the JSON Schema (draft 2020-12) of this version. */
    public static final String SCHEMA_RESOURCE = "/io/icebench/plugins/reports/run-report-v2.schema.json";

    // Our own printer puts numbers through the same shortest-representation writer as the CSV report.
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "results.json: the whole run with raw samples, schema " + SCHEMA + " v" + SCHEMA_VERSION;
    }

    @Override
    public void write(RunReport report, ReportOutput output) throws IOException {
        output.write(FILE_NAME, out -> render(report, out));
    }

    /** Writes the document to {@code out}, which is flushed but not closed. */
    static void render(RunReport report, OutputStream out) throws IOException {
        JsonPrinter printer = new JsonPrinter();
        try (JsonGenerator gen = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            gen.setPrettyPrinter(printer);
            gen.writeStartObject();
            gen.writeStringField("schema", SCHEMA);
            gen.writeNumberField("schemaVersion", SCHEMA_VERSION);
            gen.writeStringField("runId", report.runId());
            gen.writeStringField("mode", report.mode());
            gen.writeStringField("startedAt", report.startedAt().toString());
            gen.writeStringField("finishedAt", report.finishedAt().toString());
            number(gen, "durationSeconds", Formats.seconds(Formats.runDuration(report)));
            gen.writeStringField("icebenchVersion", report.icebenchVersion());
            gen.writeStringField("outcome", report.outcome().name());
            gen.writeNumberField("exitCode", report.exitCode());
            strings(gen, "environment", report.environment());
            strings(gen, "configuration", report.configuration());
            baseline(gen, report.baseline());
            gen.writeArrayFieldStart("problems");
            for (String problem : report.problems()) {
                gen.writeString(problem);
            }
            gen.writeEndArray();
            gen.writeArrayFieldStart("plugins");
            for (PluginReport plugin : report.plugins()) {
                plugin(gen, printer, plugin);
            }
            gen.writeEndArray();
            gen.writeEndObject();
            gen.writeRaw('\n');
        }
    }

    private static void plugin(JsonGenerator gen, JsonPrinter printer, PluginReport plugin) throws IOException {
        gen.writeStartObject();
        gen.writeStringField("id", plugin.id());
        gen.writeStringField("kind", plugin.kind().label());
        gen.writeStringField("description", plugin.description());
        gen.writeStringField("source", plugin.source());
        gen.writeStringField("status", plugin.status().name());
        gen.writeStringField("failure", plugin.failure().orElse(null));
        number(gen, "durationSeconds", Formats.seconds(plugin.duration()));
        gen.writeStringField("outcome", plugin.outcome().name());
        strings(gen, "parameters", plugin.parameters());
        strings(gen, "properties", plugin.properties());
        gen.writeArrayFieldStart("metrics");
        for (MetricReport metric : plugin.metrics()) {
            metric(gen, printer, metric);
        }
        gen.writeEndArray();
        gen.writeArrayFieldStart("verdicts");
        for (ThresholdVerdict verdict : plugin.verdicts()) {
            verdict(gen, verdict);
        }
        gen.writeEndArray();
        gen.writeArrayFieldStart("tables");
        for (Table table : plugin.tables()) {
            table(gen, printer, table);
        }
        gen.writeEndArray();
        gen.writeArrayFieldStart("series");
        for (Series series : plugin.series()) {
            series(gen, printer, series);
        }
        gen.writeEndArray();
        gen.writeArrayFieldStart("files");
        for (String file : plugin.files()) {
            gen.writeString(file);
        }
        gen.writeEndArray();
        gen.writeEndObject();
    }

    private static void metric(JsonGenerator gen, JsonPrinter printer, MetricReport report) throws IOException {
        gen.writeStartObject();
        gen.writeStringField("name", report.metric().name());
        gen.writeStringField("unit", report.metric().unit().symbol());
        gen.writeStringField("direction", report.metric().direction().label());
        gen.writeStringField("basis", report.metric().basis().label());
        gen.writeStringField("description", report.metric().description());
        Summary summary = report.summary();
        gen.writeObjectFieldStart("summary");
        gen.writeNumberField("count", summary.count());
        number(gen, "min", summary.min());
        number(gen, "max", summary.max());
        number(gen, "mean", summary.mean());
        number(gen, "median", summary.median());
        number(gen, "standardDeviation", summary.standardDeviation());
        number(gen, "medianAbsoluteDeviation", summary.medianAbsoluteDeviation());
        gen.writeObjectFieldStart("percentiles");
        for (Map.Entry<String, Double> percentile : summary.percentiles().entrySet()) {
            number(gen, percentile.getKey(), percentile.getValue());
        }
        gen.writeEndObject();
        number(gen, "iqr", summary.interquartileRange());
        interval(gen, "medianInterval", summary.medianInterval());
        gen.writeFieldName("outliers");
        if (summary.outliers() >= 0) {
            gen.writeNumber(summary.outliers());
        } else {
            gen.writeNull();
        }
        gen.writeEndObject();
        numbers(gen, printer, "samples", report.samples());
        gen.writeEndObject();
    }

    private static void verdict(JsonGenerator gen, ThresholdVerdict verdict) throws IOException {
        gen.writeStartObject();
        gen.writeStringField("metric", verdict.metric());
        gen.writeStringField("statistic", verdict.statistic());
        gen.writeStringField("bound", verdict.bound().label());
        number(gen, "limit", verdict.limit());
        gen.writeStringField("unit", verdict.unit());
        gen.writeFieldName("measured");
        if (verdict.measured().isPresent()) {
            number(gen, verdict.measured().getAsDouble());
        } else {
            gen.writeNull();
        }
        gen.writeStringField("outcome", verdict.outcome().name());
        gen.writeStringField("rationale", verdict.rationale());
        gen.writeStringField("message", verdict.message());
        interval(gen, "interval", verdict.interval());
        gen.writeStringField("inconclusive", verdict.inconclusiveFails() ? "fail" : "warn");
        comparison(gen, verdict.comparison());
        gen.writeEndObject();
    }

    /** The baseline relative thresholds were compared with, or null. */
    private static void baseline(JsonGenerator gen, Optional<BaselineRef> baseline) throws IOException {
        gen.writeFieldName("baseline");
        if (baseline.isEmpty()) {
            gen.writeNull();
            return;
        }
        gen.writeStartObject();
        gen.writeStringField("method", baseline.get().method().name());
        gen.writeStringField("name", baseline.get().name());
        gen.writeStringField("runId", baseline.get().runId());
        gen.writeStringField("source", baseline.get().source());
        gen.writeArrayFieldStart("differences");
        for (String difference : baseline.get().differences()) {
            gen.writeString(difference);
        }
        gen.writeEndArray();
        gen.writeEndObject();
    }

    /** A relative threshold's comparison with the baseline, or null for absolute thresholds. */
    private static void comparison(JsonGenerator gen, Optional<Comparison> comparison) throws IOException {
        gen.writeFieldName("comparison");
        if (comparison.isEmpty()) {
            gen.writeNull();
            return;
        }
        Comparison c = comparison.get();
        gen.writeStartObject();
        gen.writeStringField("method", c.method().name());
        gen.writeStringField("verdict", c.verdict().name());
        gen.writeNumberField("blocks", c.blocks());
        number(gen, "maxRegressionPercent", c.maxRegressionPercent());
        gen.writeStringField("baselineRunId", c.baselineRunId());
        number(gen, "oldMedian", c.oldMedian());
        number(gen, "newMedian", c.newMedian());
        number(gen, "changePercent", c.changePercent());
        gen.writeFieldName("changeInterval");
        if (c.judged()) {
            gen.writeStartObject();
            number(gen, "low", c.changeLow());
            number(gen, "high", c.changeHigh());
            number(gen, "level", c.level());
            gen.writeEndObject();
        } else {
            gen.writeNull();
        }
        number(gen, "pValue", c.pValue());
        number(gen, "alpha", c.alpha());
        gen.writeEndObject();
    }

    /** {@code {low, high, level, tooFewSamples}}, or null when there is no interval. */
    private static void interval(JsonGenerator gen, String name, Optional<Interval> interval) throws IOException {
        gen.writeFieldName(name);
        if (interval.isEmpty()) {
            gen.writeNull();
            return;
        }
        gen.writeStartObject();
        number(gen, "low", interval.get().low());
        number(gen, "high", interval.get().high());
        number(gen, "level", interval.get().level());
        gen.writeBooleanField("tooFewSamples", interval.get().tooFewSamples());
        gen.writeEndObject();
    }

    private static void table(JsonGenerator gen, JsonPrinter printer, Table table) throws IOException {
        gen.writeStartObject();
        gen.writeStringField("name", table.name());
        gen.writeStringField("title", table.title());
        gen.writeFieldName("columns");
        printer.inlineNextArray();
        gen.writeStartArray();
        for (String column : table.columns()) {
            gen.writeString(column);
        }
        gen.writeEndArray();
        gen.writeArrayFieldStart("rows");
        for (List<Object> row : table.rows()) {
            printer.inlineNextArray();
            gen.writeStartArray();
            for (Object cell : row) {
                cell(gen, cell);
            }
            gen.writeEndArray();
        }
        gen.writeEndArray();
        gen.writeEndObject();
    }

    /** Cells keep their type: strings, integers, numbers, booleans and null. */
    private static void cell(JsonGenerator gen, Object cell) throws IOException {
        if (cell == null) {
            gen.writeNull();
        } else if (cell instanceof String text) {
            gen.writeString(text);
        } else if (cell instanceof Long whole) {
            gen.writeNumber(whole);
        } else if (cell instanceof Integer whole) {
            gen.writeNumber(whole);
        } else if (cell instanceof Double real) {
            number(gen, real);
        } else if (cell instanceof Boolean flag) {
            gen.writeBoolean(flag);
        } else {
            // Table's constructor rejects other types; text keeps a newer SPI's cell readable.
            gen.writeString(cell.toString());
        }
    }

    private static void series(JsonGenerator gen, JsonPrinter printer, Series series) throws IOException {
        gen.writeStartObject();
        gen.writeStringField("chart", series.chart());
        gen.writeStringField("name", series.name());
        gen.writeStringField("xLabel", series.xLabel());
        gen.writeStringField("yLabel", series.yLabel());
        numbers(gen, printer, "x", series.x());
        numbers(gen, printer, "y", series.y());
        gen.writeEndObject();
    }

    private static void strings(JsonGenerator gen, String name, Map<String, String> values) throws IOException {
        gen.writeObjectFieldStart(name);
        for (Map.Entry<String, String> entry : values.entrySet()) {
            gen.writeStringField(entry.getKey(), entry.getValue());
        }
        gen.writeEndObject();
    }

    private static void numbers(JsonGenerator gen, JsonPrinter printer, String name, double[] values)
            throws IOException {
        gen.writeFieldName(name);
        printer.inlineNextArray();
        gen.writeStartArray();
        for (double value : values) {
            number(gen, value);
        }
        gen.writeEndArray();
    }

    private static void number(JsonGenerator gen, String name, double value) throws IOException {
        gen.writeFieldName(name);
        number(gen, value);
    }

    private static void number(JsonGenerator gen, double value) throws IOException {
        if (Double.isFinite(value)) {
            gen.writeNumber(value);
        } else {
            gen.writeNull();
        }
    }
}
