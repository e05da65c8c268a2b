package io.icebench.examples.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code runner calibrate --fork} needs the packaged runner, so it is tested here, after the runner is built, through
 * {@code bin/runner} as a user runs it: every run is a JVM of its own, the slowed one really slower, the trials are
 * judged against the baseline process's results, and a gate that fails confirms it in a fresh JVM of its own.
 */
class ForkedCalibrationIT {

    private static final Path ROOT = Path.of(System.getProperty("icebench-tests.root", "..")).toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The calibration gate shrunk; a slowdown of 400% against a 50% threshold cannot be missed on any machine. The
     * warm-up is long enough for the JIT to finish the sort on a busy 2-core machine: after 2 iterations a fork
     * that is not slowed sorted in 3 to 10 ms, still in partly compiled code, while a slowed one, five times as long
     * per iteration, had it compiled early and sorted in 3.3 ms, so its time looked only 1.7 times the A/A's.
     */
    private static final String GATE = """
            icebench:
              plugins:
                cpu-calibration:
                  parameters: {elements: 50000, buffer_mib: 1, warmup_iterations: 100, iterations: 10}
                  thresholds:
                    - metric: sort_time
                      max_regression: 50%
                      rationale: five times the sort's time must be caught
            """;

    @TempDir
    Path temp;

    /** {@code bin/runner ARGS} in the temporary folder, as a user runs it, its output in {@code out}; ended. */
    private Process runner(Path out, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(ROOT.resolve("bin/runner").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(temp.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile());
        builder.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + File.pathSeparator
                + builder.environment().getOrDefault("PATH", ""));
        Process process = builder.start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("bin/runner finished within 5 minutes").isTrue();
        return process;
    }

    @Test
    void everyRunIsAProcessOfItsOwnAndAFiveFoldSlowdownIsCaught() throws Exception {
        Path config = Files.writeString(temp.resolve("gate.yaml"), GATE);
        Path results = temp.resolve("results");
        Path out = temp.resolve("out.txt");
        Process process = runner(out, "calibrate",
                "--plugin", "cpu-calibration", "--runs", "1", "--inject-slowdown", "400%", "--fork",
                "--config", config.toString(), "--results-dir", results.toString());
        String output = Files.readString(out);

        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("every run a JVM of its own: 1 baseline run, then 1 A/A trial(s) interleaved"
                + " with 1 trial(s) slowed by 400%", "detected 400% injected slowdown: 1 of 1");
        List<Path> folders;
        try (Stream<Path> listed = Files.list(results.resolve("calibrations"))) {
            folders = listed.toList();
        }
        JsonNode json = JSON.readTree(folders.get(0).resolve("calibration.json").toFile());
        assertThat(json.get("forked").asBoolean()).isTrue();
        assertThat(json.get("errors")).isEmpty();
        assertThat(json.get("trials")).extracting(t -> t.get("kind").asText()).containsExactly("aa", "slowed");
        double aa = json.get("trials").get(0).get("medians").get("sort_time").asDouble();
        double slowed = json.get("trials").get(1).get("medians").get("sort_time").asDouble();
        // the slowed process's sorts really took about five times as long
        assertThat(slowed).as("slowed median vs A/A median %s", aa).isGreaterThan(2.5 * aa);
        JsonNode regressed = json.get("trials").get(1).get("verdicts").get(0);
        assertThat(regressed.get("comparison").asText()).isEqualTo("REGRESSED");
        // the trial's gate confirmed the regression by measuring again in a JVM of its own
        assertThat(regressed.get("message").asText()).contains("confirmed by a re-run in a fresh JVM");
        assertThat(json.get("trials").get(1).get("attempts").asInt()).isEqualTo(2);
    }

    @Test
    void aGateWithTwoForksMeasuresInTwoJvmsOfItsOwnAndReportsBothSetsOfSamples() throws Exception {
        Path config = Files.writeString(temp.resolve("forks.yaml"), """
                icebench:
                  plugins:
                    cpu-calibration:
                      forks: 2
                      parameters: {elements: 20000, buffer_mib: 1, warmup_iterations: 1, iterations: 5}
                      thresholds:
                        - {metric: sort_time, max: 10000, rationale: a ceiling no machine misses}
                """);
        Path results = temp.resolve("results");
        Path out = temp.resolve("forks.txt");
        Process process = runner(out, "--mode=regression",
                "--plugin=cpu-calibration", "--config", config.toString(), "--results-dir", results.toString());
        String output = Files.readString(out);

        assertThat(process.exitValue()).as(output).isZero();
        JsonNode plugin = JSON.readTree(results.resolve("latest/results.json").toFile()).get("plugins").get(0);
        // 5 iterations in each of 2 child JVMs, pooled; in the runner's own JVM it would be 5
        assertThat(plugin.get("metrics").get(0).get("samples")).as(output).hasSize(10);
        assertThat(output).doesNotContain("measuring 2 times in this JVM instead");
    }

    /**
     * The forks hand their samples back in the runner's own format, not through the json report writer: a
     * configuration whose reports leave json out must still give both forks' samples to the verdict, the Markdown
     * summary and the CSV alike.
     */
    @Test
    void forksNeedNoJsonWriterTheVerdictAndEveryReportShowTheSamePooledSamples() throws Exception {
        Path config = Files.writeString(temp.resolve("no-json.yaml"), """
                icebench:
                  reports: [markdown, csv]
                  plugins:
                    cpu-calibration:
                      forks: 2
                      parameters: {elements: 20000, buffer_mib: 1, warmup_iterations: 1, iterations: 5}
                      thresholds:
                        - {metric: sort_time, max: 10000, rationale: a ceiling no machine misses}
                """);
        Path results = temp.resolve("results");
        Path out = temp.resolve("no-json.txt");
        Process process = runner(out, "--mode=regression",
                "--plugin=cpu-calibration", "--config", config.toString(), "--results-dir", results.toString());
        String output = Files.readString(out);

        assertThat(process.exitValue()).as(output).isZero();
        Path run = results.resolve("latest").toRealPath();
        assertThat(run.resolve("results.json")).doesNotExist();
        // metrics.csv: one row per statistic (run_id,plugin,kind,metric,unit,direction,statistic,value); the sample
        // count of sort_time is the two forks' 5 each
        List<String> csv = Files.readAllLines(run.resolve("metrics.csv"));
        assertThat(csv).filteredOn(line -> line.contains(",cpu-calibration,") && line.contains(",sort_time,")
                && line.contains(",count,")).singleElement().satisfies(line -> assertThat(line).endsWith(",10"));
        assertThat(Files.readString(run.resolve("summary.md"))).contains("sort_time");
        assertThat(output).contains("median(sort_time)", "PASS", "0 plugins failed to run").doesNotContain("fork of",
                "ERROR");
    }
}
