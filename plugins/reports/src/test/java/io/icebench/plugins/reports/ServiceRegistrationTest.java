package io.icebench.plugins.reports;

import io.icebench.spi.ReportWriter;
import io.icebench.spi.Spi;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceRegistrationTest {

    @Test
    void theServiceLoaderFindsAllSevenWritersWithTheirStableIds() {
        List<ReportWriter> writers = ServiceLoader.load(ReportWriter.class).stream()
                .map(ServiceLoader.Provider::get)
                .toList();

        assertThat(writers).extracting(ReportWriter::id).containsExactly("json", "junit-xml", "markdown", "csv", "jmh-json",
                "bencher", "hdr-histogram");
        assertThat(writers).allSatisfy(writer -> {
            assertThat(writer.spiVersion()).isEqualTo(Spi.VERSION);
            assertThat(writer.description()).isNotBlank();
        });
    }

    @Test
    void eachWriterWritesExactlyItsOwnFile() throws Exception {
        assertThat(Golden.render(new JsonReportWriter(), ReportFixture.run(), "results.json")).isNotEmpty();
        assertThat(Golden.render(new JunitXmlReportWriter(), ReportFixture.run(), "junit.xml")).isNotEmpty();
        assertThat(Golden.render(new MarkdownReportWriter(), ReportFixture.run(), "summary.md")).isNotEmpty();
        assertThat(Golden.render(new CsvReportWriter(), ReportFixture.run(), "metrics.csv")).isNotEmpty();
        assertThat(Golden.render(new JmhJsonReportWriter(), ReportFixture.run(), "jmh-result.json")).isNotEmpty();
        assertThat(Golden.render(new BencherReportWriter(), ReportFixture.run(), "bencher.json")).isNotEmpty();
    }
}
