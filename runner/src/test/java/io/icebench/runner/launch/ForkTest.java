package io.icebench.runner.launch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.icebench.runner.discovery.DiscoveredPlugin;
import io.icebench.runner.measure.Execution;
import io.icebench.runner.testing.Gates;
import io.icebench.spi.Measurements;
import io.icebench.spi.Metric;
import io.icebench.spi.ParameterSpec;
import io.icebench.spi.Parameters;
import io.icebench.spi.PluginKind;
import io.icebench.spi.Unit;
import io.icebench.spi.MetricReport;
import io.icebench.spi.PluginReport;
import io.icebench.spi.report.RunStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The fork protocol's files: the configuration a child gets, and the samples it hands back. */
class ForkTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Metric LATENCY = Metric.lowerIsBetter("latency", Unit.MILLISECONDS, "one call");

    @TempDir
    Path temp;

    private static PlannedRun planned() {
        List<ParameterSpec> parameters = List.of(ParameterSpec.of("iterations", ParameterSpec.Type.INT, 10,
                "how many"), ParameterSpec.of("sizes", ParameterSpec.Type.STRING, "1,2", "which"));
        DiscoveredPlugin discovered = Gates.measuredInForksOnly("gate", List.of(LATENCY), parameters);
        return new PlannedRun(discovered, Parameters.resolve(parameters, Map.of("iterations", "30")),
                Duration.ofSeconds(75), List.of());
    }

    @Test
    void theChildsConfigurationHoldsOnlyThePluginsParametersTimeoutAndTheJsonWriter() throws Exception {
        JsonNode config = JSON.readTree(Fork.childConfiguration(planned()));

        assertThat(config.get("icebench").get("reports")).hasSize(1);
        assertThat(config.get("icebench").get("reports").get(0).asText()).isEqualTo("json");
        JsonNode plugin = config.get("icebench").get("plugins").get("gate");
        assertThat(plugin.get("timeout").asText()).isEqualTo("75000ms");
        assertThat(plugin.get("parameters").get("iterations").asText()).isEqualTo("30");
        assertThat(plugin.get("parameters").get("sizes").asText()).isEqualTo("1,2");
        assertThat(config.get("icebench").fieldNames()).toIterable().containsExactlyInAnyOrder("reports", "plugins");
    }

    @Test
    void aForkFileCarriesTheSamplesStatusAndPropertiesBackUnchanged() throws Exception {
        double[] samples = {1.5, 2.25, 3.125};
        PluginReport report = new PluginReport("gate", PluginKind.REGRESSION_GATE, "a gate", "built-in",
                RunStatus.COMPLETED, Optional.empty(), Duration.ofSeconds(1), Map.of(),
                List.of(new MetricReport(LATENCY, samples, io.icebench.runner.statistics.Summaries.of(samples))), List.of(), List.of(),
                Map.of("engine", "pytorch 2.7.1"), List.of(), List.of());
        Path file = temp.resolve("fork.json");

        ForkFile.write(file, report);
        Execution read = ForkFile.read(file, planned(), Duration.ofSeconds(2));

        assertThat(read.status()).isEqualTo(RunStatus.COMPLETED);
        Measurements measurements = read.measurements().orElseThrow();
        assertThat(measurements.measurements()).singleElement().satisfies(m -> {
            assertThat(m.metric()).isEqualTo(LATENCY);
            assertThat(m.samples()).containsExactly(samples);
        });
        assertThat(measurements.properties()).containsEntry("engine", "pytorch 2.7.1");
        try (var leftovers = Files.list(temp)) {
            assertThat(leftovers.map(p -> p.getFileName().toString())).containsExactly("fork.json");
        }
    }

    @Test
    void aFailedChildsFileIsThatPluginsFailureWithItsReason() throws Exception {
        PluginReport report = new PluginReport("gate", PluginKind.REGRESSION_GATE, "a gate", "built-in",
                RunStatus.TIMEOUT, Optional.of("plugin 'gate' did not finish within its timeout of 1s"),
                Duration.ofSeconds(1), Map.of(), List.of(), List.of(), List.of(), Map.of(), List.of(), List.of());
        Path file = temp.resolve("fork.json");

        ForkFile.write(file, report);
        Execution read = ForkFile.read(file, planned(), Duration.ofSeconds(2));

        assertThat(read.status()).isEqualTo(RunStatus.TIMEOUT);
        assertThat(read.failure()).hasValue("plugin 'gate' did not finish within its timeout of 1s");
    }

    @Test
    void aFileThatIsNotAForkFileIsAnErrorNotACrash() throws Exception {
        Path file = Files.writeString(temp.resolve("fork.json"), "{\"schema\": \"something-else\"}");

        Execution read = ForkFile.read(file, planned(), Duration.ofSeconds(2));

        assertThat(read.status()).isEqualTo(RunStatus.ERROR);
        assertThat(read.failure()).hasValue("the fork of 'gate' wrote a file that is not an icebench-fork file");
    }

    @Test
    void aChildThatPredatesTheForkFileIsReadFromItsResultsJsonAndAnUnknownStatusIsAnError() throws Exception {
        Path results = Files.writeString(temp.resolve("results.json"), """
                {"runId": "r", "plugins": [
                  {"id": "other", "status": "COMPLETED", "metrics": []},
                  {"id": "gate", "status": "EXPLODED", "failure": "a status this runner never wrote"}]}""");
        Path complete = Files.writeString(temp.resolve("complete.json"), """
                {"runId": "r", "plugins": [{"id": "gate", "status": "COMPLETED", "metrics": [
                  {"name": "latency", "unit": "ms", "direction": "lower", "samples": [4.0, 5.0]}]}]}""");

        Execution unknown = ForkFile.fromResultsJson(results, planned(), Duration.ofSeconds(1)).orElseThrow();
        Execution read = ForkFile.fromResultsJson(complete, planned(), Duration.ofSeconds(1)).orElseThrow();

        assertThat(unknown.status()).isEqualTo(RunStatus.ERROR);
        assertThat(unknown.failure()).hasValue("a status this runner never wrote");
        assertThat(read.measurements().orElseThrow().measurements()).singleElement()
                .satisfies(m -> assertThat(m.samples()).containsExactly(4.0, 5.0));
    }

    @Test
    void aForkFileCarriesTablesWithEveryKindOfCellAndSeriesBackUnchanged() throws Exception {
        io.icebench.spi.Table table = io.icebench.spi.Table.builder("cells", "text", "whole", "real", "flag", "empty")
                .title("every kind of cell").row("a", 7L, 2.5, true, null).row("b", -1L, 1e300, false, "x").build();
        io.icebench.spi.Series series = new io.icebench.spi.Series("chart", "line", "x (n)", "y (ms)",
                new double[] {1, 2, 3}, new double[] {0.5, 0.25, 0.125});
        PluginReport report = new PluginReport("gate", PluginKind.EXPLORATORY, "a study", "built-in",
                RunStatus.COMPLETED, Optional.empty(), Duration.ofSeconds(1), Map.of(), List.of(), List.of(table),
                List.of(series), Map.of(), List.of(), List.of());
        Path file = temp.resolve("fork.json");

        ForkFile.write(file, report);
        Measurements read = ForkFile.read(file, planned(), Duration.ofSeconds(2)).measurements().orElseThrow();

        assertThat(read.tables()).containsExactly(table);
        assertThat(read.series()).containsExactly(series);
    }

    @Test
    void theChildGetsTheParentsPluginAllowlistSoItLoadsNoJarTheParentRefuses() throws Exception {
        String digest = "a".repeat(64);
        JsonNode config = JSON.readTree(Fork.childConfiguration(planned(),
                io.icebench.runner.discovery.PluginAllowlist.of(List.of(digest))));

        assertThat(config.get("icebench").get("plugin-allowlist")).extracting(JsonNode::asText).containsExactly(digest);
    }
}
