package io.icebench.plugins.reports;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

class HdrHistogramReportWriterTest {

    @Test
    void everyLatencyMetricGetsItsOwnPercentileFileAndOtherUnitsNone() throws IOException {
        ReportFixture.InMemoryOutput output = new ReportFixture.InMemoryOutput();

        new HdrHistogramReportWriter().write(ReportFixture.run(), output);

        Map<String, byte[]> files = output.files();
        assertThat(files).containsOnlyKeys("ingest-throughput.batch_latency.hgrm", "dom-packing-study.pack_time.hgrm");
        assertThat(new String(files.get("ingest-throughput.batch_latency.hgrm"), StandardCharsets.UTF_8))
                .startsWith("       Value     Percentile TotalCount 1/(1-Percentile)");
    }

    @Test
    void aFullDiskFailsTheFileInsteadOfLeavingItEmpty() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isWritable(java.nio.file.Path.of("/dev/full")),
                "needs /dev/full");
        var histogram = HdrHistogramReportWriter.histogram(new double[] {1, 2, 3}, new BigDecimal("1e6"));

        try (var full = new java.io.FileOutputStream("/dev/full")) {
            assertThatThrownBy(() -> HdrHistogramReportWriter.render(histogram, full, "p.m.hgrm"))
                    .isInstanceOf(IOException.class)
                    .hasMessage("cannot write p.m.hgrm: the output stream failed (is the disk full?)");
        }
    }

    @Test
    void oneToAHundredMillisecondsHaveTheirMedianAtFiftyAndMaximumAtAHundredWithinAThousandth() {
        double[] samples = IntStream.rangeClosed(1, 100).asDoubleStream().toArray();

        var histogram = HdrHistogramReportWriter.histogram(samples, new BigDecimal("1e6"));

        assertThat(histogram.getTotalCount()).isEqualTo(100);
        // 3 significant digits: every value within 0.1%
        assertThat(histogram.getValueAtPercentile(50) / 1e6).isCloseTo(50.0, withinPercentage(0.1));
        assertThat(histogram.getMaxValue() / 1e6).isCloseTo(100.0, withinPercentage(0.1));
        assertThat(histogram.getMean() / 1e6).isCloseTo(50.5, withinPercentage(0.1));
    }

    @Test
    void thePercentileTableIsTheSameUnderEveryLocale() {
        double[] samples = {1.5, 2.25, 3.0};
        java.util.Locale before = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.GERMANY);
            String german = print(samples);
            java.util.Locale.setDefault(java.util.Locale.US);
            assertThat(german).isEqualTo(print(samples)).contains("1.500").doesNotContain("1,500");
        } finally {
            java.util.Locale.setDefault(before);
        }
    }

    private static String print(double[] samples) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        HdrHistogramReportWriter.histogram(samples, new BigDecimal("1e6")).outputPercentileDistribution(out, 1e6);
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
