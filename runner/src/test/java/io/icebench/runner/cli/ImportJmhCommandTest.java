package io.icebench.runner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.icebench.runner.ExitCodes;
import io.icebench.runner.testing.Yaml;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code runner import-jmh} end to end, with a result file written by real JMH (see src/test/jmh-fixture). */
@QuarkusMainTest
class ImportJmhCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private LaunchResult launch(QuarkusMainLauncher launcher, String... args) {
        LaunchResult result = launcher.launch(args);
        System.out.println("exit " + result.exitCode() + "\n--- out\n" + result.getOutput() + "\n--- err\n"
                + result.getErrorOutput());
        return result;
    }

    private Path results() {
        return temp.resolve("results");
    }

    private static Path fixture() {
        try {
            return Path.of(ImportJmhCommandTest.class.getResource("/jmh/fixture-result.json").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, JsonNode> metricsByName(JsonNode plugin) {
        Map<String, JsonNode> metrics = new HashMap<>();
        plugin.get("metrics").forEach(metric -> metrics.put(metric.get("name").asText(), metric));
        return metrics;
    }

    private Path config(String name, String jmhSection) {
        return Yaml.write(temp, name, "icebench:\n  reports: [json, junit-xml]\n  plugins:\n    jmh:\n" + jmhSection);
    }

    @Test
    void anImportIsARunWhoseResultsHoldEveryForksIterationsWithUnitsAndDirections(QuarkusMainLauncher launcher)
            throws IOException {
        LaunchResult result = launch(launcher, "import-jmh", fixture().toString(), "--config",
                Yaml.write(temp, "plain.yaml", "icebench:\n  reports: [json]\n").toString(),
                "--results-dir", results().toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.getOutput()).contains("median(fixturebench.sum.size-10)", "ops/ms", "regression run");
        JsonNode run = JSON.readTree(results().resolve("latest").toRealPath().resolve("results.json").toFile());
        assertThat(run.get("exitCode").asInt()).isZero();
        JsonNode plugin = run.get("plugins").get(0);
        assertThat(plugin.get("id").asText()).isEqualTo("jmh");
        assertThat(plugin.get("properties").get("jmh_version").asText()).isEqualTo("1.37");

        JsonNode fixture = JSON.readTree(fixture().toFile());
        Map<String, JsonNode> metrics = metricsByName(plugin);
        // thrpt, ops/ms: both forks' three iterations, fork 1 first
        JsonNode sum = metrics.get("fixturebench.sum.size-10");
        assertThat(sum.get("unit").asText()).isEqualTo("ops/ms");
        assertThat(sum.get("direction").asText()).isEqualTo("higher");
        JsonNode rawData = fixture.get(0).get("primaryMetric").get("rawData");
        assertThat(sum.get("samples")).hasSize(6);
        assertThat(sum.get("samples").get(0).asDouble()).isEqualTo(rawData.get(0).get(0).asDouble());
        assertThat(sum.get("samples").get(3).asDouble()).isEqualTo(rawData.get(1).get(0).asDouble());
        // avgt us/op, sample ns/op, ss us/op: lower is better, in the time unit
        assertThat(metrics.get("fixturebench.sortcopy.size-1000").get("unit").asText()).isEqualTo("us");
        assertThat(metrics.get("fixturebench.sortcopy.size-1000").get("direction").asText()).isEqualTo("lower");
        assertThat(metrics.get("fixturebench.copy.size-10").get("unit").asText()).isEqualTo("ns");
        assertThat(metrics.get("fixturebench.copy.size-10").get("direction").asText()).isEqualTo("lower");
        assertThat(metrics.get("fixturebench.copy.size-10").get("samples")).hasSize(6);
        assertThat(metrics.get("fixturebench.sortonce.size-10").get("samples")).hasSize(10);
        // secondary metrics: allocation per operation and sample mode's percentiles
        assertThat(metrics.get("fixturebench.sortcopy.size-10.gc.alloc.rate.norm").get("unit").asText())
                .isEqualTo("B");
        assertThat(metrics.get("fixturebench.copy.size-1000.p0.99").get("direction").asText()).isEqualTo("lower");
        assertThat(metrics).doesNotContainKey("fixturebench.sum.size-10.gc.count");
    }

    @Test
    void aThresholdInTheConfigurationGatesTheImport(QuarkusMainLauncher launcher) throws IOException {
        Path passing = config("pass.yaml", """
                      thresholds:
                        - metric: fixturebench.sum.size-10
                          min: 1000
                          rationale: the fixture's sum does far more than 1000 operations per millisecond
                        - metric: fixturebench.sortcopy.size-1000
                          max: 100000
                          rationale: sorting 1000 ints takes far less than 100 ms
                """);
        LaunchResult pass = launch(launcher, "import-jmh", fixture().toString(), "--config", passing.toString(),
                "--results-dir", results().toString());
        assertThat(pass.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(pass.getOutput()).contains("PASS", "2 thresholds passed");

        Path failing = config("fail.yaml", """
                      thresholds:
                        - metric: fixturebench.sum.size-10
                          min: 1.0e12
                          rationale: a floor no machine reaches, to prove an import can fail the gate
                """);
        LaunchResult fail = launch(launcher, "import-jmh", fixture().toString(), "--config", failing.toString(),
                "--results-dir", results().toString());
        assertThat(fail.exitCode()).isEqualTo(ExitCodes.GATE_FAILED);
        assertThat(fail.getOutput()).contains("FAIL", "fixturebench.sum.size-10");
        assertThat(Files.readString(results().resolve("latest").toRealPath().resolve("junit.xml")))
                .contains("failures=\"1\"", "a floor no machine reaches");
    }

    @Test
    void anInconclusiveThresholdIsNotReRunSinceReRunningAnImportWouldOnlyCopyItsSamples(QuarkusMainLauncher launcher)
            throws IOException {
        // the six iterations of sum (size=10) lie around 240,000 ops/ms: the interval straddles this floor
        Path straddling = config("straddle.yaml", """
                      thresholds:
                        - metric: fixturebench.sum.size-10
                          min: 240000
                          inconclusive: fail
                          rationale: a floor inside the samples' spread
                """);
        LaunchResult result = launch(launcher, "import-jmh", fixture().toString(), "--config", straddling.toString(),
                "--results-dir", results().toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.GATE_FAILED);
        assertThat(result.getOutput()).contains("INCONCLUSIVE").doesNotContain("re-run");
        JsonNode run = JSON.readTree(results().resolve("latest").toRealPath().resolve("results.json").toFile());
        assertThat(metricsByName(run.get("plugins").get(0)).get("fixturebench.sum.size-10").get("samples"))
                .hasSize(6);
    }

    @Test
    void aThresholdOnABenchmarkTheFileDoesNotHoldExitsTwoListingTheMetrics(QuarkusMainLauncher launcher) {
        Path typo = config("typo.yaml", """
                      thresholds:
                        - metric: fixturebench.summ.size-10
                          min: 1
                          rationale: a typo
                """);
        LaunchResult result = launch(launcher, "import-jmh", fixture().toString(), "--config", typo.toString(),
                "--results-dir", results().toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.getErrorOutput()).contains("fixturebench.summ.size-10", "fixturebench.sum.size-10");
        assertThat(results()).doesNotExist();
    }

    @Test
    void aFileThatIsNotJmhJsonExitsTwoSayingWhatWasExpectedAndWritesNothing(QuarkusMainLauncher launcher) {
        Path notJson = Yaml.write(temp, "notes.txt", "benchmark results: fast\n");
        Path object = Yaml.write(temp, "object.json", "{\"benchmark\": \"A.b\"}\n");
        Path unit = Yaml.write(temp, "unit.json", """
                [{"benchmark": "A.b", "mode": "avgt",
                  "primaryMetric": {"scoreUnit": "furlongs/op", "rawData": [[1.0, 2.0]]}}]
                """);

        LaunchResult missing = launch(launcher, "import-jmh", temp.resolve("nowhere.json").toString(),
                "--results-dir", results().toString());
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.getErrorOutput()).contains("nowhere.json' does not exist", "-rf json");

        LaunchResult text = launch(launcher, "import-jmh", notJson.toString(), "--results-dir",
                results().toString());
        assertThat(text.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(text.getErrorOutput()).contains("notes.txt' is not JSON", "expected the JSON JMH writes with"
                + " -rf json: an array of benchmarks");

        LaunchResult notArray = launch(launcher, "import-jmh", object.toString(), "--results-dir",
                results().toString());
        assertThat(notArray.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(notArray.getErrorOutput()).contains("is not a JMH result: it holds a JSON object");

        LaunchResult unknownUnit = launch(launcher, "import-jmh", unit.toString(), "--results-dir",
                results().toString());
        assertThat(unknownUnit.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknownUnit.getErrorOutput()).contains("scoreUnit 'furlongs/op'", "-tu sets the time unit");
        assertThat(unknownUnit.getErrorOutput().lines().filter(line -> line.startsWith("icebench:"))).hasSize(1);

        assertThat(results()).doesNotExist();
    }

    @Test
    void icebenchsOwnJmhJsonExportRoundTripsWithTheSameSamplesAndMedians(QuarkusMainLauncher launcher)
            throws IOException {
        Path export = Yaml.write(temp, "export.yaml", Yaml.FAST_CALIBRATION.replaceFirst("icebench:\n",
                "icebench:\n  reports: [json, jmh-json]\n"));
        LaunchResult exported = launch(launcher, "--mode=regression", "--config", export.toString(),
                "--results-dir", results().toString());
        assertThat(exported.exitCode()).isEqualTo(ExitCodes.OK);
        Path original = results().resolve("latest").toRealPath();
        assertThat(original.resolve("jmh-result.json")).isRegularFile();

        LaunchResult imported = launch(launcher, "import-jmh", original.resolve("jmh-result.json").toString(),
                "--id", "calibration-jmh", "--config",
                Yaml.write(temp, "import.yaml", "icebench:\n  reports: [json]\n").toString(),
                "--results-dir", results().toString());
        assertThat(imported.exitCode()).isEqualTo(ExitCodes.OK);
        Path copy = results().resolve("latest").toRealPath();
        assertThat(copy).isNotEqualTo(original);

        JsonNode before = JSON.readTree(original.resolve("results.json").toFile()).get("plugins").get(0);
        JsonNode after = JSON.readTree(copy.resolve("results.json").toFile()).get("plugins").get(0);
        assertThat(after.get("id").asText()).isEqualTo("calibration-jmh");
        Map<String, JsonNode> imports = metricsByName(after);
        assertThat(imports).hasSameSizeAs(metricsByName(before));
        for (JsonNode metric : before.get("metrics")) {
            JsonNode same = imports.get("cpu-calibration." + metric.get("name").asText());
            assertThat(same).as("imported %s", metric.get("name")).isNotNull();
            assertThat(same.get("samples")).isEqualTo(metric.get("samples"));
            assertThat(same.get("unit")).isEqualTo(metric.get("unit"));
            assertThat(same.get("direction")).isEqualTo(metric.get("direction"));
            assertThat(same.get("summary").get("median").asDouble())
                    .isEqualTo(metric.get("summary").get("median").asDouble());
        }
    }
}
