package io.icebench.plugins.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BencherReportWriterTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @ParameterizedTest(name = "under {0}")
    @MethodSource("io.icebench.plugins.reports.Golden#settings")
    void bencherJsonMatchesTheGoldenFile(Golden.Setting setting) throws IOException {
        Golden.assertMatches(new BencherReportWriter(), BencherReportWriter.FILE_NAME, setting);
    }

    @Test
    void isBencherMetricFormat() throws IOException {
        JsonNode json = MAPPER.readTree(
                Golden.render(new BencherReportWriter(), ReportFixture.run(), BencherReportWriter.FILE_NAME));

        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("ingest-throughput/events_per_second", "ingest-throughput/batch_latency",
                "ingest-throughput/heap_peak", "dom-packing-study/pack_time");
        // BMF: every measure has a numeric value, optional numeric bounds, nothing else
        json.forEach(benchmark -> benchmark.forEach(measure -> {
            assertThat(measure.path("value").isNumber()).isTrue();
            measure.fieldNames().forEachRemaining(
                    field -> assertThat(field).isIn("value", "lower_value", "upper_value"));
            assertThat(measure.path("lower_value").asDouble()).isLessThanOrEqualTo(measure.path("value").asDouble());
            assertThat(measure.path("upper_value").asDouble())
                    .isGreaterThanOrEqualTo(measure.path("value").asDouble());
        }));
        assertThat(json.path("ingest-throughput/events_per_second").path("throughput").path("value").asDouble())
                .isEqualTo(10250.5);
        // ms and s become nanoseconds, Bencher's latency unit
        assertThat(json.path("ingest-throughput/batch_latency").path("latency").path("value").asDouble())
                .isEqualTo(2.0e7);
        assertThat(json.path("dom-packing-study/pack_time").path("latency").path("lower_value").asDouble())
                .isEqualTo(125000.0);
        assertThat(json.path("ingest-throughput/heap_peak").path("heap_peak").path("upper_value").asDouble())
                .isEqualTo(418.0);
    }
}
