package io.icebench.plugins.reports;

import io.icebench.spi.ReportOutput;
import io.icebench.spi.ReportWriter;
import io.icebench.spi.MetricReport;
import io.icebench.spi.PluginReport;
import io.icebench.spi.RunReport;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes each latency metric's samples as an HdrHistogram percentile distribution, {@code <plugin>.<metric>.hgrm}:
 * the format HdrHistogram's own plotter ({@code plotFiles.html}) and most latency tooling read, so a run's tail can be
 * laid over another's. Latency metrics are those in a time unit (ns, us, ms, s, min, h). Samples are recorded in
 * nanoseconds at 3 significant digits (HdrHistogram's usual precision: every value within 0.1%) and printed in
 * milliseconds, the plotter's convention. Opt-in: not among the default writers.
 */
public final class HdrHistogramReportWriter implements ReportWriter {

    public static final String ID = "hdr-histogram";
    public static final String SUFFIX = ".hgrm";

    private static final Map<String, BigDecimal> NANOS = Formats.NANOS_PER_UNIT;

    /** Printed values are milliseconds: recorded nanoseconds divided by this. */
    private static final double NANOS_PER_MILLI = 1e6;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "<plugin>.<metric>" + SUFFIX + ": latency metrics as HdrHistogram percentile distributions, in ms";
    }

    @Override
    public void write(RunReport report, ReportOutput output) throws IOException {
        for (PluginReport plugin : report.plugins()) {
            for (MetricReport metric : plugin.metrics()) {
                BigDecimal nanos = NANOS.get(metric.metric().unit().symbol());
                if (nanos == null || metric.samples().length == 0) {
                    continue;
                }
                Histogram histogram = histogram(metric.samples(), nanos);
                String fileName = plugin.id() + "." + metric.metric().name() + SUFFIX;
                output.write(fileName, out -> render(histogram, out, fileName));
            }
        }
    }

    /**
     * Prints the distribution to {@code out}. HdrHistogram prints through a {@link PrintStream}, which swallows
     * write errors; they are asked for afterwards, so a full disk fails the file instead of leaving it empty.
     */
    static void render(Histogram histogram, OutputStream out, String fileName) throws IOException {
        PrintStream print = new PrintStream(out, false, StandardCharsets.UTF_8);
        histogram.outputPercentileDistribution(print, NANOS_PER_MILLI);
        if (print.checkError()) {
            throw new IOException("cannot write " + fileName + ": the output stream failed (is the disk full?)");
        }
    }

    /** The samples, converted to whole nanoseconds (negative ones, which no latency has, count as 0). */
    static Histogram histogram(double[] samples, BigDecimal nanosPerUnit) {
        Histogram histogram = new Histogram(3);
        histogram.setAutoResize(true);
        for (double sample : samples) {
            long nanos = new BigDecimal(Double.toString(sample)).multiply(nanosPerUnit).longValue();
            histogram.recordValue(Math.max(0, nanos));
        }
        return histogram;
    }
}
