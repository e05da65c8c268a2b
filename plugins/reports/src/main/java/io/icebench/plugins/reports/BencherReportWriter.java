package io.icebench.plugins.reports;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import io.icebench.spi.Metric;
import io.icebench.spi.ReportOutput;
import io.icebench.spi.ReportWriter;
import io.icebench.spi.report.Interval;
import io.icebench.spi.MetricReport;
import io.icebench.spi.PluginReport;
import io.icebench.spi.RunReport;
import io.icebench.spi.report.Summary;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.Map;

/**
 * Writes {@code bencher.json} in the Bencher Metric Format (BMF), for {@code bencher run --adapter json --file
 * bencher.json}: {@code {"<plugin>/<metric>": {"<measure>": {"value", "lower_value", "upper_value"}}}}. Opt-in: not
 * among the default writers.
 *
 * <p>The measure is Bencher's built-in {@code latency} for time units, converted to nanoseconds because that is
 * the unit of Bencher's Latency measure; {@code throughput} for per-second units ({@code .../s}), unconverted; and
 * the metric's name, which Bencher creates as a new measure, for anything else. {@code value} is the median,
 * {@code lower_value} and {@code upper_value} the median's confidence interval when the summary has one, else min
 * and max. A metric whose median is not a finite number is left out (BMF requires a number); a bound that is not
 * finite is left out.
 */
public final class BencherReportWriter implements ReportWriter {

    public static final String ID = "bencher";
    public static final String FILE_NAME = "bencher.json";

    private static final Map<String, BigDecimal> NANOS = Formats.NANOS_PER_UNIT;

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
        return FILE_NAME + ": medians with intervals in Bencher Metric Format, for bencher run --adapter json";
    }

    @Override
    public void write(RunReport report, ReportOutput output) throws IOException {
        output.write(FILE_NAME, out -> render(report, out));
    }

    /** Writes the document to {@code out}, which is flushed but not closed. */
    static void render(RunReport report, OutputStream out) throws IOException {
        try (JsonGenerator gen = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            gen.setPrettyPrinter(new JsonPrinter());
            gen.writeStartObject();
            for (PluginReport plugin : report.plugins()) {
                for (MetricReport metric : plugin.metrics()) {
                    if (Double.isFinite(metric.summary().median())) {
                        benchmark(gen, plugin, metric);
                    }
                }
            }
            gen.writeEndObject();
            gen.writeRaw('\n');
        }
    }

    private static void benchmark(JsonGenerator gen, PluginReport plugin, MetricReport report) throws IOException {
        Metric metric = report.metric();
        Summary summary = report.summary();
        BigDecimal nanos = NANOS.get(metric.unit().symbol());
        gen.writeObjectFieldStart(plugin.id() + "/" + metric.name());
        gen.writeObjectFieldStart(measure(metric));
        number(gen, "value", summary.median(), nanos);
        number(gen, "lower_value", summary.medianInterval().map(Interval::low).orElse(summary.min()), nanos);
        number(gen, "upper_value", summary.medianInterval().map(Interval::high).orElse(summary.max()), nanos);
        gen.writeEndObject();
        gen.writeEndObject();
    }

    /** The BMF measure slug or name for a metric, from its unit. */
    static String measure(Metric metric) {
        String unit = metric.unit().symbol();
        if (NANOS.containsKey(unit)) {
            return "latency";
        }
        if (unit.endsWith("/s")) {
            return "throughput";
        }
        return metric.name();
    }

    /** Writes the value, in nanoseconds when {@code nanos} is given; leaves the field out when it is not finite. */
    private static void number(JsonGenerator gen, String name, double value, BigDecimal nanos) throws IOException {
        if (!Double.isFinite(value)) {
            return;
        }
        // Decimal scaling, so 0.000125 s is 125000 ns and not 125000.00000000001.
        double scaled = nanos == null ? value : new BigDecimal(Double.toString(value)).multiply(nanos).doubleValue();
        gen.writeNumberField(name, scaled);
    }
}
