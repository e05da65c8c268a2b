package io.icebench.plugins.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

class JmhJsonReportWriterTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @ParameterizedTest(name = "under {0}")
    @MethodSource("io.icebench.plugins.reports.Golden#settings")
    void jmhJsonMatchesTheGoldenFile(Golden.Setting setting) throws IOException {
        Golden.assertMatches(new JmhJsonReportWriter(), JmhJsonReportWriter.FILE_NAME, setting);
    }

    @Test
    void parsesAsJmhResultsWithRawDataForEveryBenchmark() throws IOException {
        JsonNode json = MAPPER.readTree(
                Golden.render(new JmhJsonReportWriter(), ReportFixture.run(), JmhJsonReportWriter.FILE_NAME));

        assertThat(json.isArray()).isTrue();
        // 3 metrics of the gate, 1 of the study; the timed-out plugin has none
        assertThat(json).hasSize(4);
        for (JsonNode benchmark : json) {
            assertThat(benchmark.path("benchmark").asText()).startsWith("icebench.");
            assertThat(benchmark.path("mode").asText()).isIn("thrpt", "avgt");
            JsonNode primary = benchmark.path("primaryMetric");
            JsonNode rawData = primary.path("rawData");
            assertThat(rawData.isArray()).as("rawData of %s", benchmark.path("benchmark")).isTrue();
            assertThat(rawData).hasSize(1);
            assertThat(rawData.get(0)).hasSize(benchmark.path("measurementIterations").asInt());
            assertThat(primary.path("scoreConfidence")).hasSize(2);
            assertThat(primary.path("scorePercentiles").path("50.0").asDouble())
                    .isEqualTo(primary.path("score").asDouble());
            assertThat(benchmark.path("secondaryMetrics").isObject()).isTrue();
        }
        JsonNode events = json.get(0);
        assertThat(events.path("benchmark").asText()).isEqualTo("icebench.ingest-throughput.events_per_second");
        assertThat(events.path("mode").asText()).isEqualTo("thrpt");
        assertThat(events.path("params").path("batch-size").asText()).isEqualTo("4096");
        assertThat(events.path("primaryMetric").path("score").asDouble()).isEqualTo(10250.5);
        assertThat(events.path("primaryMetric").path("scorePercentiles").path("90.0").asDouble())
                .isEqualTo(10364.7, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(json.get(1).path("mode").asText()).isEqualTo("avgt");
        // heap_peak has no median interval: [min, max]
        assertThat(json.get(2).path("primaryMetric").path("scoreConfidence").get(0).asDouble()).isEqualTo(409.25);
        assertThat(json.get(2).path("primaryMetric").path("scoreConfidence").get(1).asDouble()).isEqualTo(418.0);
    }
}
