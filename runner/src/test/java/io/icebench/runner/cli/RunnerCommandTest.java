package io.icebench.runner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.icebench.runner.ExitCodes;
import io.icebench.runner.testing.PluginJars;
import io.icebench.runner.testing.Yaml;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line end to end: real launches of the application, asserting exit codes, output and files. */
@QuarkusMainTest
class RunnerCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private LaunchResult launch(QuarkusMainLauncher launcher, String... args) {
        LaunchResult result = launcher.launch(args);
        // Shown when a test fails: the run's own words.
        System.out.println("exit " + result.exitCode() + "\n--- out\n" + result.getOutput() + "\n--- err\n"
                + result.getErrorOutput());
        return result;
    }

    private Path results() {
        return temp.resolve("results");
    }

    private Path latestRun() throws IOException {
        return results().resolve("latest").toRealPath();
    }

    @Test
    void aMetricWithoutAThresholdSaysInItsRowWhatItMeasures(QuarkusMainLauncher launcher) throws IOException {
        Path config = Yaml.write(temp, "pass.yaml", Yaml.FAST_CALIBRATION);

        LaunchResult result = launch(launcher, "--mode=regression", "--config", config.toString(),
                "--results-dir", results().toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.getOutput().lines().filter(line -> line.contains("median(sort.thread_cpu_time)")))
                .singleElement().asString()
                .endsWith("(CPU time of the threads doing one sort's work (…)");
    }

    @Test
    void aPassingRegressionRunExitsZeroAndWritesJsonJunitMarkdownAndCsv(QuarkusMainLauncher launcher)
            throws IOException {
        Path config = Yaml.write(temp, "pass.yaml", Yaml.FAST_CALIBRATION);

        LaunchResult result = launch(launcher, "--mode=regression", "--config", config.toString(),
                "--results-dir", results().toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.getOutput()).contains("cpu-calibration", "median(sort_time)", "PASS", "regression run");
        Path run = latestRun();
        assertThat(run.resolve("results.json")).isRegularFile();
        assertThat(run.resolve("junit.xml")).isRegularFile();
        assertThat(run.resolve("summary.md")).isRegularFile();
        assertThat(run.resolve("metrics.csv")).isRegularFile();
        JsonNode json = JSON.readTree(run.resolve("results.json").toFile());
        assertThat(json.get("exitCode").asInt()).isZero();
        JsonNode metric = json.get("plugins").get(0).get("metrics").get(0);
        assertThat(metric.get("name").asText()).isEqualTo("sort_time");
        assertThat(metric.get("samples")).hasSize(5);
        assertThat(metric.get("summary").get("median").asDouble()).isPositive();
        try (Stream<Path> leftovers = Files.list(results())) {
            assertThat(leftovers.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".partial"));
        }
    }

    @Test
    void anImpossibleThresholdFailsTheGateWithExitOneAndAJunitFailure(QuarkusMainLauncher launcher)
            throws IOException {
        // On the sort's CPU time: a wall-clock threshold missed on a busy machine would be UNRELIABLE (exit 7).
        Path config = Yaml.write(temp, "impossible.yaml", Yaml.FAST_CALIBRATION + """
                        - metric: sort.thread_cpu_time
                          max: 1.0e-9
                          rationale: a ceiling no machine meets, to prove the gate can fail
                """);

        LaunchResult result = launch(launcher, "--mode=regression", "--config", config.toString(),
                "--results-dir", results().toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.GATE_FAILED);
        assertThat(result.getOutput()).contains("FAIL", "sort.thread_cpu_time");
        String junit = Files.readString(latestRun().resolve("junit.xml"));
        assertThat(junit).contains("failures=\"1\"", "<failure", "a ceiling no machine meets");
    }

    @Test
    void anUnknownPluginExitsTwoAndListsTheKnownIds(QuarkusMainLauncher launcher) {
        LaunchResult result = launch(launcher, "--mode=explore", "--plugin=dom-pakcing",
                "--results-dir", results().toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.getErrorOutput()).contains("unknown plugin 'dom-pakcing'; known: cpu-calibration,"
                + " dataloader-throughput");
        assertThat(results()).doesNotExist();
    }

    @Test
    void malformedYamlExitsTwoNamingTheFile(QuarkusMainLauncher launcher) {
        Path config = Yaml.write(temp, "broken.yaml", "icebench:\n  plugins: [unclosed\n");

        LaunchResult result = launch(launcher, "--mode=regression", "--config", config.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.getErrorOutput()).contains("broken.yaml", "is not valid YAML");
    }

    @Test
    void anUnknownKeyExitsTwoNamingTheKey(QuarkusMainLauncher launcher) {
        Path config = Yaml.write(temp, "typo.yaml", "icebench:\n  resluts-dir: somewhere\n");

        LaunchResult result = launch(launcher, "--mode=regression", "--config", config.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.getErrorOutput()).contains("icebench.resluts-dir");
    }

    @Test
    void anUnknownParameterExitsTwoListingTheDeclaredOnes(QuarkusMainLauncher launcher) {
        Path config = Yaml.write(temp, "param.yaml",
                "icebench:\n  plugins:\n    cpu-calibration:\n      parameters: {iteratons: 3}\n");

        LaunchResult result = launch(launcher, "--mode=regression", "--config", config.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.getErrorOutput()).contains("icebench.plugins.cpu-calibration.parameters",
                "unknown parameter 'iteratons'", "known: elements, buffer_mib");
    }

    @Test
    void aParameterOfTheWrongTypeExitsTwoQuotingTheValue(QuarkusMainLauncher launcher) {
        Path config = Yaml.write(temp, "type.yaml",
                "icebench:\n  plugins:\n    cpu-calibration:\n      parameters: {iterations: many}\n");

        LaunchResult result = launch(launcher, "--mode=regression", "--config", config.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.getErrorOutput()).contains("parameter 'iterations' has value 'many'", "whole number");
    }

    @Test
    void aThresholdOnAMetricThePluginDoesNotProduceExitsTwo(QuarkusMainLauncher launcher) {
        Path config = Yaml.write(temp, "metric.yaml", """
                icebench:
                  plugins:
                    cpu-calibration:
                      thresholds:
                        - metric: events_per_second
                          min: 100
                          rationale: wrong plugin
                """);

        LaunchResult result = launch(launcher, "--mode=regression", "--config", config.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.getErrorOutput()).contains("metric 'events_per_second'",
                "its metrics: sort_time, checksum_throughput");
    }

    @Test
    void aThresholdWithoutRationaleExitsTwo(QuarkusMainLauncher launcher) {
        Path config = Yaml.write(temp, "why.yaml", """
                icebench:
                  plugins:
                    cpu-calibration:
                      thresholds:
                        - metric: sort_time
                          max: 100
                """);

        LaunchResult result = launch(launcher, "--mode=regression", "--config", config.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.getErrorOutput()).contains("thresholds[0]", "has no 'rationale'");
    }

    @Test
    void aMissingDatasetFolderExitsTwoBeforeAnythingRuns(QuarkusMainLauncher launcher) {
        LaunchResult result = launch(launcher, "--mode=regression", "--dataset", temp.resolve("nope").toString(),
                "--results-dir", results().toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.getErrorOutput()).contains("dataset folder", "nope", "does not exist");
        assertThat(results()).doesNotExist();
    }

    @Test
    void aBatchSizeOfZeroExitsTwoNamingTheParameter(QuarkusMainLauncher launcher) {
        Path config = Yaml.write(temp, "batch.yaml",
                "icebench:\n  plugins:\n    dataloader-throughput:\n      parameters: {batch_size: 0}\n");

        LaunchResult result = launch(launcher, "--mode=regression", "--config", config.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.getErrorOutput()).contains("icebench.plugins.dataloader-throughput.parameters",
                "parameter 'batch_size' must be at least 1, was 0");
    }

    @Test
    void aMissingConfigFileExitsTwo(QuarkusMainLauncher launcher) {
        LaunchResult result = launch(launcher, "--mode=regression", "--config", "no/such/file.yaml");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.getErrorOutput()).contains("configuration file 'no/such/file.yaml' does not exist");
    }

    @Test
    void runningWithoutAModeExitsTwoWithTheUsage(QuarkusMainLauncher launcher) {
        LaunchResult result = launch(launcher);

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.getErrorOutput()).contains("missing --mode", "Usage: runner");
    }

    @Test
    void helpAndVersionExitZero(QuarkusMainLauncher launcher) {
        LaunchResult help = launch(launcher, "--help");
        LaunchResult version = launch(launcher, "--version");

        assertThat(help.exitCode()).isZero();
        assertThat(help.getOutput()).contains("--mode", "--plugin-path", "Exit codes");
        assertThat(version.exitCode()).isZero();
        assertThat(version.getOutput()).contains("icebench", "SPI " + io.icebench.spi.Spi.VERSION);
    }

    @Test
    void aPluginThatThrowsAndOneThatHangsExitThreeWhileTheOthersStillReport(QuarkusMainLauncher launcher)
            throws IOException {
        Path plugins = temp.resolve("plugins");
        PluginJars.fixture("misbehaving", plugins);
        Path config = Yaml.write(temp, "misbehaving.yaml", Yaml.FAST_CALIBRATION + """
                    hangs:
                      timeout: 1s
                """);

        LaunchResult result = launch(launcher, "--mode=regression", "--config", config.toString(),
                "--plugin-path", plugins.toString(), "--results-dir", results().toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.PLUGIN_FAILED);
        assertThat(result.getOutput()).contains("ERROR: plugin 'throws' threw java.lang.IllegalStateException",
                "TIMEOUT: plugin 'hangs' did not finish within its timeout of 1s", "median(sort_time)");
        JsonNode json = JSON.readTree(latestRun().resolve("results.json").toFile());
        assertThat(json.get("plugins")).extracting(p -> p.get("id").asText() + "=" + p.get("status").asText())
                .containsExactlyInAnyOrder("cpu-calibration=COMPLETED", "throws=ERROR", "hangs=TIMEOUT");
        assertThat(Files.readString(latestRun().resolve("junit.xml"))).contains("synthetic failure from the fixture");
    }

    @Test
    void aDroppedInJarIsListedWithItsSourceAndRunsInExploreMode(QuarkusMainLauncher launcher) throws IOException {
        Path plugins = temp.resolve("plugins");
        PluginJars.exampleDeflate(plugins);

        LaunchResult list = launch(launcher, "list", "--plugin-path", plugins.toString());
        LaunchResult run = launch(launcher, "--mode=explore", "--plugin=example-deflate",
                "--plugin-path", plugins.toString(), "--results-dir", results().toString());

        assertThat(list.exitCode()).isZero();
        assertThat(list.getOutput()).containsPattern("example-deflate\\s+exploratory\\s+example-deflate\\.jar");
        assertThat(run.exitCode()).isZero();
        assertThat(run.getOutput()).contains("median(deflate_throughput)", "MiB/s");
        JsonNode plugin = JSON.readTree(latestRun().resolve("results.json").toFile()).get("plugins").get(0);
        assertThat(plugin.get("id").asText()).isEqualTo("example-deflate");
        assertThat(plugin.get("source").asText()).isEqualTo("example-deflate.jar");
        assertThat(plugin.get("metrics").get(0).get("summary").get("median").asDouble()).isPositive();
        assertThat(plugin.get("tables").get(0).get("rows")).hasSize(3);
        assertThat(plugin.get("files")).extracting(JsonNode::asText)
                .containsExactly("plugins/example-deflate/levels.csv");
        assertThat(latestRun().resolve("plugins/example-deflate/levels.csv")).content()
                .startsWith("level,compressed bytes,ratio\n1,");
        assertThat(Files.readString(latestRun().resolve("summary.md")))
                .contains("[levels.csv](plugins/example-deflate/levels.csv)");
    }

    @Test
    void listShowsBuiltInsAndSaysWhyBrokenJarsCouldNotLoad(QuarkusMainLauncher launcher) {
        Path plugins = temp.resolve("plugins");
        PluginJars.fixture("broken", plugins);
        PluginJars.notAJar(plugins);

        LaunchResult result = launch(launcher, "list", "--plugin-path", plugins.toString());

        assertThat(result.exitCode()).isZero();
        assertThat(result.getOutput())
                .containsPattern("cpu-calibration\\s+regression-gate\\s+built-in")
                .contains("Report writers (8)", "json", "junit-xml", "markdown", "csv", "html", "jmh-json", "bencher",
                        "hdr-histogram")
                .contains("Could not load (5)")
                .contains("not-a-jar.jar: not a jar file")
                .contains("cannot initialise the fixture")
                .contains("plugin 'future-spi' was built for SPI '2.0' but this runner implements SPI " + io.icebench.spi.Spi.VERSION)
                .contains("plugin id 'cpu-calibration' is already taken by the one from 'built-in")
                .contains("io.icebench.fixtures.broken.DoesNotExist");
    }

    @Test
    void brokenJarsDoNotStopTheRegressionRun(QuarkusMainLauncher launcher) {
        Path plugins = temp.resolve("plugins");
        PluginJars.fixture("broken", plugins);
        PluginJars.notAJar(plugins);
        Path config = Yaml.write(temp, "pass.yaml", Yaml.FAST_CALIBRATION);

        LaunchResult result = launch(launcher, "--mode=regression", "--config", config.toString(),
                "--plugin-path", plugins.toString(), "--results-dir", results().toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.getOutput()).contains("median(sort_time)", "PASS");
    }

    @Test
    void aMissingPluginFolderExitsTwo(QuarkusMainLauncher launcher) {
        LaunchResult result = launch(launcher, "list", "--plugin-path", temp.resolve("nowhere").toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.getErrorOutput()).contains("plugin folder", "does not exist");
    }

    /** The fast calibration gate with a relative threshold only a tenfold slowdown breaks. */
    private static final String RELATIVE = Yaml.FAST_CALIBRATION
            + "        - metric: sort_time\n"
            + "          max_regression: 1000%\n"
            + "          rationale: only a tenfold slowdown counts, so the test is about the runner\n";

    @Test
    void aRunComparedWithASavedBaselineShowsTheComparisonAndCompareTabulatesTwoRuns(QuarkusMainLauncher launcher)
            throws IOException {
        Path config = Yaml.write(temp, "relative.yaml", RELATIVE);

        LaunchResult first = launch(launcher, "--mode=regression", "--config", config.toString(),
                "--results-dir", results().toString());
        assertThat(first.exitCode()).isEqualTo(ExitCodes.OK);
        // The row names what its value is, this run's median, and the hint is said once, below the table.
        assertThat(first.getOutput()).containsPattern("cpu-calibration\\s+median\\(sort_time\\)\\s+[\\d.]+\\s+ms\\s+"
                + "max_regression 1000%\\s+NOT JUDGED: no baseline \\(see below\\)\n");
        assertThat(first.getOutput()).doesNotContain("change(sort_time)");
        assertThat(first.getOutput().split("pass --baseline", -1)).as("mentions of --baseline").hasSize(2);
        assertThat(first.getOutput()).contains("relative thresholds: 0 regressed, 0 improved, 0 unchanged,"
                + " 1 not judged\n  no baseline: pass --baseline NAME|latest|FILE (runner baseline save makes one)\n");
        Path firstRun = latestRun();
        String firstId = firstRun.getFileName().toString();
        JsonNode firstJson = JSON.readTree(firstRun.resolve("results.json").toFile());
        assertThat(firstJson.get("schemaVersion").asInt()).isEqualTo(2);
        assertThat(firstJson.get("baseline").isNull()).isTrue();
        assertThat(firstJson.at("/plugins/0/verdicts/1/comparison/verdict").asText()).isEqualTo("NOT_JUDGED");

        LaunchResult saved = launch(launcher, "baseline", "save", "--results-dir", results().toString());
        assertThat(saved.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(saved.getOutput()).contains("baseline 'default' = run " + firstId);
        assertThat(results().resolve("baselines/default.json")).isRegularFile();

        LaunchResult second = launch(launcher, "--mode=regression", "--config", config.toString(),
                "--results-dir", results().toString(), "--baseline", "default");
        assertThat(second.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(second.getOutput()).contains("baseline: default = run " + firstId, "OLD MEDIAN", "NEW MEDIAN",
                "P-VALUE", "one-sided Mann-Whitney p = ").containsPattern("(UNCHANGED|IMPROVED)");
        JsonNode json = JSON.readTree(latestRun().resolve("results.json").toFile());
        assertThat(json.at("/baseline/name").asText()).isEqualTo("default");
        assertThat(json.at("/baseline/runId").asText()).isEqualTo(firstId);
        JsonNode comparison = json.at("/plugins/0/verdicts/1/comparison");
        assertThat(comparison.get("baselineRunId").asText()).isEqualTo(firstId);
        assertThat(comparison.get("verdict").asText()).isIn("UNCHANGED", "IMPROVED");
        assertThat(comparison.get("pValue").asDouble()).isBetween(0.0, 1.0);
        assertThat(comparison.get("oldMedian").asDouble()).isPositive();
        assertThat(comparison.at("/changeInterval/low").asDouble())
                .isLessThanOrEqualTo(comparison.at("/changeInterval/high").asDouble());
        assertThat(Files.readString(latestRun().resolve("summary.md"))).contains("Compared with baseline");
        assertThat(Files.readAllLines(results().resolve("history.jsonl"))).hasSize(2);

        LaunchResult compare = launch(launcher, "compare", "latest", firstId, "--results-dir",
                results().toString(), "--max-regression", "1000%");
        assertThat(compare.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(compare.getOutput()).contains("compare " + json.get("runId").asText() + " (A, old",
                        "-> " + firstId + " (B, new", "OLD MEDIAN", "CHANGE", "INTERVAL", "P-VALUE", "sort_time",
                        "checksum_throughput", "sort.thread_cpu_time", "8 metrics: 0 regressed");
    }

    @Test
    void aBaselineWithAHundredfoldFasterSortRegressesTheRunWithExitOne(QuarkusMainLauncher launcher)
            throws IOException {
        Path config = Yaml.write(temp, "relative.yaml", RELATIVE);
        assertThat(launch(launcher, "--mode=regression", "--config", config.toString(),
                "--results-dir", results().toString()).exitCode()).isEqualTo(ExitCodes.OK);
        com.fasterxml.jackson.databind.node.ObjectNode fast =
                (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(latestRun().resolve("results.json")
                        .toFile());
        com.fasterxml.jackson.databind.node.ArrayNode samples =
                (com.fasterxml.jackson.databind.node.ArrayNode) fast.at("/plugins/0/metrics/0/samples");
        for (int i = 0; i < samples.size(); i++) {
            samples.set(i, JSON.getNodeFactory().numberNode(samples.get(i).asDouble() / 100));
        }
        Path baseline = temp.resolve("fast-baseline.json");
        JSON.writeValue(baseline.toFile(), fast);

        LaunchResult result = launch(launcher, "--mode=regression", "--config", config.toString(),
                "--results-dir", results().toString(), "--baseline", baseline.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.GATE_FAILED);
        assertThat(result.getOutput()).contains("REGRESSED: median", "1 regressed");
        String junit = Files.readString(latestRun().resolve("junit.xml"));
        assertThat(junit).contains("type=\"regression\"");
    }

    @Test
    void aBaselineThatDoesNotExistExitsTwoNamingIt(QuarkusMainLauncher launcher) {
        Path config = Yaml.write(temp, "relative.yaml", RELATIVE);

        LaunchResult result = launch(launcher, "--mode=regression", "--config", config.toString(),
                "--results-dir", results().toString(), "--baseline", "nightly");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.getErrorOutput()).contains("baseline 'nightly' not found");
        assertThat(results().resolve("history.jsonl")).doesNotExist();
    }

    @Test
    void aBaselineFromAnotherMachineExitsFiveNamingTheKeysUnlessMismatchesOnlyWarn(QuarkusMainLauncher launcher)
            throws IOException {
        Path config = Yaml.write(temp, "relative.yaml", RELATIVE);
        Path baseline = Files.writeString(temp.resolve("other-machine.json"), """
                {"schema": "icebench-baseline", "runId": "elsewhere-1", "mode": "regression",
                 "environment": {"hard.cpu_model": "Imaginary CPU 9000", "hard.git_commit": "abc"},
                 "plugins": [{"id": "cpu-calibration", "metrics": [
                   {"name": "sort_time", "unit": "ms", "direction": "lower", "samples": [1, 2, 3]}]}]}
                """);

        LaunchResult refused = launch(launcher, "--mode=regression", "--config", config.toString(),
                "--results-dir", results().toString(), "--baseline", baseline.toString());

        assertThat(refused.exitCode()).isEqualTo(ExitCodes.NOT_COMPARABLE);
        assertThat(refused.getErrorOutput()).contains("not comparable: hard keys differ:",
                "hard.cpu_model ('Imaginary CPU 9000' vs '").doesNotContain("hard.git_commit");
        assertThat(results().resolve("history.jsonl")).doesNotExist();

        Path warn = Yaml.write(temp, "warn.yaml", RELATIVE.replace("icebench:\n",
                "icebench:\n  fingerprint-mismatch: warn\n"));
        LaunchResult warned = launch(launcher, "--mode=regression", "--config", warn.toString(),
                "--results-dir", results().toString(), "--baseline", baseline.toString());

        assertThat(warned.getOutput()).contains("fingerprint differs: hard.cpu_model ('Imaginary CPU 9000' vs '");
        assertThat(warned.exitCode()).isIn(ExitCodes.OK, ExitCodes.GATE_FAILED);
    }

    private static final String PAIRED = Yaml.FAST_CALIBRATION + """
                    - metric: sort_time
                      paired_max_regression: 3%
                      rationale: judged against the base revision, fork against fork
            """;

    @Test
    void withoutAgainstAPairedThresholdIsNotJudgedAndTheRunPasses(QuarkusMainLauncher launcher) throws IOException {
        Path config = Yaml.write(temp, "paired.yaml", PAIRED);

        LaunchResult result = launch(launcher, "--mode=regression", "--config", config.toString(),
                "--results-dir", results().toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.getOutput()).containsPattern("median\\(sort_time\\)\\s+[\\d.]+\\s+ms\\s+"
                + "paired_max_regression 3%\\s+NOT JUDGED: no base \\(see below\\)\n");
        assertThat(result.getOutput()).contains("paired thresholds: 0 regressed, 0 improved, 0 unchanged, 1 not"
                + " judged\n  no base: pass --against REF (a git revision: HEAD~1) or --against-app DIR\n");
        JsonNode comparison = JSON.readTree(latestRun().resolve("results.json").toFile()).get("plugins").get(0)
                .get("verdicts").get(1).get("comparison");
        assertThat(comparison.get("method").asText()).isEqualTo("PAIRED");
        assertThat(comparison.get("verdict").asText()).isEqualTo("NOT_JUDGED");
    }

    @Test
    void againstAndAgainstAppTogetherAreAUsageError(QuarkusMainLauncher launcher) {
        LaunchResult result = launch(launcher, "--mode=regression", "--against", "HEAD~1", "--against-app",
                temp.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.getErrorOutput()).contains("--against and --against-app both name the base; give one: a git"
                + " revision (--against HEAD~1) or a built application (--against-app DIR)");
    }

    @Test
    void againstPluginPathAloneIsAUsageError(QuarkusMainLauncher launcher) {
        LaunchResult result = launch(launcher, "--mode=regression", "--against-plugin-path", temp.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.getErrorOutput()).contains("--against-plugin-path needs --against REF or --against-app DIR");
    }

    @Test
    void againstInExploreModeIsAUsageErrorAndNothingRuns(QuarkusMainLauncher launcher) throws IOException {
        Path config = Yaml.write(temp, "paired.yaml", PAIRED);

        LaunchResult result = launch(launcher, "--mode=explore", "--plugin=cpu-calibration", "--against", "HEAD~1",
                "--config", config.toString(), "--results-dir", results().toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.getErrorOutput()).contains("--against HEAD~1 needs --mode=regression: it measures the gates"
                + " against that base; drop it for --mode=explore");
        assertThat(results()).doesNotExist();
    }

    @Test
    void againstOutsideThePackagedRunnerSaysToUseBinRunner(QuarkusMainLauncher launcher) throws IOException {
        Path config = Yaml.write(temp, "paired.yaml", PAIRED);

        LaunchResult result = launch(launcher, "--mode=regression", "--against-app", temp.toString(),
                "--config", config.toString(), "--results-dir", results().toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.getErrorOutput()).contains("--against-app " + temp + " starts fresh JVMs of this build and"
                + " of the base, and this process is not the packaged runner; run it through bin/runner");
    }
}
