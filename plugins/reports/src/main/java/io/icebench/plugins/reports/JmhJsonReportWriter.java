package io.icebench.plugins.reports;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import io.icebench.spi.Direction;
import io.icebench.spi.ReportOutput;
import io.icebench.spi.ReportWriter;
import io.icebench.spi.report.Interval;
import io.icebench.spi.MetricReport;
import io.icebench.spi.PluginReport;
import io.icebench.spi.RunReport;
import io.icebench.spi.report.Summary;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Map;

/**
 * Writes {@code jmh-result.json}: every metric of every plugin as one benchmark in the JSON that JMH writes with
 * {@code -rf json} (JMH's {@code JSONResultFormat}), so that JMH tooling (jmh-visualizer, CI comparators) reads
 * icebench runs. Opt-in: not among the default writers.
 *
 * <p>Mapping: {@code benchmark} is {@code icebench.<plugin>.<metric>}; {@code mode} is {@code thrpt} for a
 * higher-is-better metric and {@code avgt} for a lower-is-better one, because JMH tools take {@code thrpt} as the
 * only mode where higher is better; {@code threads} and {@code forks} are 1, {@code warmupIterations} 0 (samples are
 * taken after the plugin's own warm-up) and {@code measurementIterations} the number of samples, which are the one
 * fork's {@code rawData}. {@code score} is the <em>median</em> (what icebench thresholds judge), not JMH's mean;
 * {@code scoreConfidence} is the median's confidence interval when the summary has one, else [min, max], and
 * {@code scoreError} is half its width. {@code scorePercentiles} has JMH's ten keys: 0, 50 and 100 are the summary's
 * min, median and max, the others the summary's percentile of that name ({@code p90}, {@code p99.9}) when it has
 * one, else interpolated from the samples as icebench interpolates (Hyndman-Fan type 7). {@code params} holds the plugin's parameters. Numbers JSON cannot hold are written as JMH writes them:
 * {@code "NaN"}, {@code "+INF"}, {@code "-INF"}. Metrics without samples are left out.
 */
public final class JmhJsonReportWriter implements ReportWriter {

    public static final String ID = "jmh-json";
    public static final String FILE_NAME = "jmh-result.json";

    /** JMH's percentile keys, spelled as JMH spells them ({@code String.valueOf(double)}). */
    private static final String[] PERCENTILE_KEYS =
            {"0.0", "50.0", "90.0", "95.0", "99.0", "99.9", "99.99", "99.999", "99.9999", "100.0"};
    private static final double[] PERCENTILES = {0, 50, 90, 95, 99, 99.9, 99.99, 99.999, 99.9999, 100};

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
        return FILE_NAME + ": every metric as a JMH benchmark (-rf json), for JMH tools such as jmh-visualizer";
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
            gen.writeStartArray();
            for (PluginReport plugin : report.plugins()) {
                for (MetricReport metric : plugin.metrics()) {
                    if (metric.samples().length > 0) {
                        benchmark(gen, printer, report, plugin, metric);
                    }
                }
            }
            gen.writeEndArray();
            gen.writeRaw('\n');
        }
    }

    private static void benchmark(JsonGenerator gen, JsonPrinter printer, RunReport report, PluginReport plugin,
                                  MetricReport metric) throws IOException {
        double[] samples = metric.samples();
        Summary summary = metric.summary();
        gen.writeStartObject();
        gen.writeStringField("jmhVersion", "icebench " + report.icebenchVersion());
        gen.writeStringField("benchmark", "icebench." + plugin.id() + "." + metric.metric().name());
        gen.writeStringField("mode", metric.metric().direction() == Direction.HIGHER_IS_BETTER ? "thrpt" : "avgt");
        gen.writeNumberField("threads", 1);
        gen.writeNumberField("forks", 1);
        gen.writeNumberField("warmupIterations", 0);
        gen.writeNumberField("measurementIterations", samples.length);
        if (!plugin.parameters().isEmpty()) {
            gen.writeObjectFieldStart("params");
            for (Map.Entry<String, String> parameter : plugin.parameters().entrySet()) {
                gen.writeStringField(parameter.getKey(), parameter.getValue());
            }
            gen.writeEndObject();
        }

        double low = summary.medianInterval().map(Interval::low).orElse(summary.min());
        double high = summary.medianInterval().map(Interval::high).orElse(summary.max());
        gen.writeObjectFieldStart("primaryMetric");
        number(gen, "score", summary.median());
        number(gen, "scoreError", (high - low) / 2);
        gen.writeFieldName("scoreConfidence");
        printer.inlineNextArray();
        gen.writeStartArray();
        number(gen, low);
        number(gen, high);
        gen.writeEndArray();
        gen.writeObjectFieldStart("scorePercentiles");
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < PERCENTILES.length; i++) {
            double p = PERCENTILES[i];
            Double computed = summary.percentiles().get("p" + PERCENTILE_KEYS[i].replaceAll("\\.0$", ""));
            double value = p == 0 ? summary.min() : p == 50 ? summary.median() : p == 100 ? summary.max()
                    : computed != null ? computed : percentile(sorted, p);
            number(gen, PERCENTILE_KEYS[i], value);
        }
        gen.writeEndObject();
        gen.writeStringField("scoreUnit", metric.metric().unit().symbol());
        gen.writeArrayFieldStart("rawData");
        printer.inlineNextArray();
        gen.writeStartArray();
        for (double sample : samples) {
            number(gen, sample);
        }
        gen.writeEndArray();
        gen.writeEndArray();
        gen.writeEndObject();

        gen.writeObjectFieldStart("secondaryMetrics");
        gen.writeEndObject();
        gen.writeEndObject();
    }

    /** Linear interpolation between closest ranks (Hyndman-Fan type 7) of sorted samples; {@code p} in percent. */
    static double percentile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p / 100;
        int below = (int) Math.floor(h);
        if (below + 1 >= sorted.length) {
            return sorted[sorted.length - 1];
        }
        return sorted[below] + (h - below) * (sorted[below + 1] - sorted[below]);
    }

    private static void number(JsonGenerator gen, String name, double value) throws IOException {
        gen.writeFieldName(name);
        number(gen, value);
    }

    /** As JMH: finite numbers as numbers, the others as the strings JMH writes. */
    private static void number(JsonGenerator gen, double value) throws IOException {
        if (Double.isNaN(value)) {
            gen.writeString("NaN");
        } else if (value == Double.POSITIVE_INFINITY) {
            gen.writeString("+INF");
        } else if (value == Double.NEGATIVE_INFINITY) {
            gen.writeString("-INF");
        } else {
            gen.writeNumber(value);
        }
    }
}
