package io.icebench.runner.interchange;

import io.icebench.runner.UsageException;
import io.icebench.spi.Direction;
import io.icebench.spi.Measurement;
import io.icebench.spi.Unit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JmhResultFileTest {

    @TempDir
    Path temp;

    private static Map<String, Measurement> byName(JmhResultFile.Contents contents) {
        return contents.measurements().stream()
                .collect(Collectors.toMap(m -> m.metric().name(), Function.identity()));
    }

    private JmhResultFile.Contents read(String json) throws IOException {
        return JmhResultFile.read(Files.writeString(temp.resolve("result.json"), json));
    }

    @Test
    void readsRealJmhOutputOneMetricPerBenchmarkAndParams() throws URISyntaxException {
        Path fixture = Path.of(getClass().getResource("/jmh/fixture-result.json").toURI());

        JmhResultFile.Contents contents = JmhResultFile.read(fixture);

        assertThat(contents.benchmarks()).isEqualTo(8);
        Map<String, Measurement> metrics = byName(contents);
        assertThat(metrics).containsKeys("fixturebench.sum.size-10", "fixturebench.sum.size-1000",
                "fixturebench.sortcopy.size-10", "fixturebench.copy.size-10", "fixturebench.sortonce.size-1000");
        assertThat(metrics.get("fixturebench.sum.size-1000").metric().direction())
                .isEqualTo(Direction.HIGHER_IS_BETTER);
        assertThat(metrics.get("fixturebench.sortonce.size-1000").metric().unit()).isEqualTo(Unit.MICROSECONDS);
        assertThat(metrics.get("fixturebench.copy.size-10").metric().description())
                .contains("FixtureBench.copy (size=10) sample", "per-iteration means");
        assertThat(contents.properties()).containsEntry("jmh_version", "1.37")
                .containsEntry("secondary_metrics_not_imported", "gc.alloc.rate, gc.count, gc.time");
    }

    @Test
    void sampleModeTakesEachIterationsHistogramMean() throws IOException {
        JmhResultFile.Contents contents = read("""
                [{"jmhVersion": "1.37", "benchmark": "org.example.Latency.get", "mode": "sample", "forks": 2,
                  "primaryMetric": {"scoreUnit": "us/op", "rawDataHistogram": [
                     [[[1.0, 3], [5.0, 1]], [[2.0, 1]]],
                     [[[4.0, 2], [10.0, 2]]]]},
                  "secondaryMetrics": {"p0.99": {"scoreUnit": "us/op", "rawData": [[5.0, 2.0], [10.0]]}}}]
                """);

        Map<String, Measurement> metrics = byName(contents);
        assertThat(metrics.get("latency.get").samples()).containsExactly(2.0, 2.0, 7.0);
        assertThat(metrics.get("latency.get").metric().unit()).isEqualTo(Unit.MICROSECONDS);
        assertThat(metrics.get("latency.get").metric().direction()).isEqualTo(Direction.LOWER_IS_BETTER);
        assertThat(metrics.get("latency.get.p0.99").samples()).containsExactly(5.0, 2.0, 10.0);
    }

    @Test
    void namesTellApartModesAndClassesOfTheSameSimpleName() throws IOException {
        JmhResultFile.Contents contents = read("""
                [{"benchmark": "a.Bench.run", "mode": "thrpt", "params": {"n": "1", "kind": "Fast Path"},
                  "primaryMetric": {"scoreUnit": "ops/s", "rawData": [[1.0]]}},
                 {"benchmark": "a.Bench.run", "mode": "avgt", "params": {"n": "1", "kind": "Fast Path"},
                  "primaryMetric": {"scoreUnit": "ns/op", "rawData": [[1.0]]}},
                 {"benchmark": "b.Bench.run", "mode": "ss",
                  "primaryMetric": {"scoreUnit": "s/op", "rawData": [[1.0]]}}]
                """);

        assertThat(byName(contents)).containsOnlyKeys("a.bench.run.n-1.kind-fast_path.thrpt",
                "a.bench.run.n-1.kind-fast_path.avgt", "b.bench.run");
        assertThat(byName(contents).get("a.bench.run.n-1.kind-fast_path.thrpt").metric().unit())
                .isEqualTo(Unit.OPERATIONS_PER_SECOND);
    }

    @Test
    void icebenchsOwnExportKeepsItsUnitsAndLeavesPluginParametersOutOfNames() throws IOException {
        JmhResultFile.Contents contents = read("""
                [{"jmhVersion": "icebench 0.1.0", "benchmark": "icebench.ingest.events_per_second", "mode": "thrpt",
                  "params": {"batch-size": "4096"},
                  "primaryMetric": {"scoreUnit": "events/s", "rawData": [[10.5, 11.5]]}}]
                """);

        Measurement events = byName(contents).get("ingest.events_per_second");
        assertThat(events.metric().unit()).isEqualTo(Unit.of("events/s"));
        assertThat(events.samples()).containsExactly(10.5, 11.5);
    }

    @Test
    void refusesWhatItCannotImportWithOneLineSayingWhy() {
        assertThatThrownBy(() -> read("[]")).isInstanceOf(UsageException.class).hasMessageContaining("no benchmarks");
        assertThatThrownBy(() -> read("[{\"benchmark\": \"A.b\", \"mode\": \"avgt\"}]"))
                .isInstanceOf(UsageException.class).hasMessageContaining("lacks 'primaryMetric'");
        assertThatThrownBy(() -> read("""
                [{"benchmark": "A.b", "mode": "all", "primaryMetric": {"scoreUnit": "ns/op", "rawData": [[1]]}}]
                """)).isInstanceOf(UsageException.class).hasMessageContaining("mode 'all'");
        assertThatThrownBy(() -> read("""
                [{"benchmark": "A.b", "mode": "avgt", "primaryMetric": {"scoreUnit": "ns/op", "rawData": [["NaN"]]}}]
                """)).isInstanceOf(UsageException.class).hasMessageContaining("no usable primaryMetric.rawData");
        assertThatThrownBy(() -> read("""
                [{"benchmark": "A.b", "mode": "avgt", "primaryMetric": {"scoreUnit": "ns/op", "rawData": [[1]]}},
                 {"benchmark": "A.b", "mode": "avgt", "primaryMetric": {"scoreUnit": "ns/op", "rawData": [[2]]}}]
                """)).isInstanceOf(UsageException.class).hasMessageContaining("twice");
        assertThat(JmhResultFile.jmhUnit("ops/hr")).hasValueSatisfying(unit -> {
            assertThat(unit.getKey()).isEqualTo(Unit.of("ops/hr"));
            assertThat(unit.getValue()).isEqualTo(Direction.HIGHER_IS_BETTER);
        });
        assertThat(JmhResultFile.jmhUnit("MB/sec")).isEmpty();
    }
}
