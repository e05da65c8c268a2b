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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code runner calibrate} end to end on the real cpu-calibration gate, shrunk: the trials run interleaved and the
 * figures land in a calibration folder. Whether the counts are right is {@code CalibrationTest}'s subject, on work
 * whose timing is exact; real timings on a shared test machine are too noisy to assert here.
 */
@QuarkusMainTest
class CalibrateCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The calibration gate shrunk to a fraction of a second, with one relative threshold to judge. */
    private static final String GATE = """
            icebench:
              plugins:
                cpu-calibration:
                  parameters: {elements: 20000, buffer_mib: 1, warmup_iterations: 1, iterations: 6}
                  thresholds:
                    - metric: sort_time
                      max_regression: 10%
                      rationale: the gate being calibrated
            """;

    @TempDir
    Path temp;

    private LaunchResult launch(QuarkusMainLauncher launcher, String... args) {
        LaunchResult result = launcher.launch(args);
        System.out.println("exit " + result.exitCode() + "\n--- out\n" + result.getOutput() + "\n--- err\n"
                + result.getErrorOutput());
        return result;
    }

    @Test
    void aCalibrationRunsInterleavedTrialsAndWritesItsFiguresAtomically(QuarkusMainLauncher launcher)
            throws IOException {
        Path config = Yaml.write(temp, "gate.yaml", GATE);
        Path results = temp.resolve("results");

        LaunchResult result = launch(launcher, "calibrate", "--plugin", "cpu-calibration", "--runs", "2",
                "--inject-slowdown", "10%", "--config", config.toString(), "--results-dir", results.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.getOutput()).contains("1 warm-up run(s), 1 baseline run, then 2 A/A trial(s) interleaved with 2 trial(s)"
                + " slowed by 10%", "A/A false alarms: ", " of 2", "detected 10% injected slowdown: ");
        List<Path> folders;
        try (Stream<Path> listed = Files.list(results.resolve("calibrations"))) {
            folders = listed.toList();
        }
        assertThat(folders).hasSize(1);
        assertThat(folders.get(0).getFileName().toString()).endsWith("-cpu-calibration");
        JsonNode json = JSON.readTree(folders.get(0).resolve("calibration.json").toFile());
        assertThat(json.get("plugin").asText()).isEqualTo("cpu-calibration");
        assertThat(json.get("runs").asInt()).isEqualTo(2);
        assertThat(json.get("injectedSlowdownPercent").asDouble()).isEqualTo(10.0);
        assertThat(json.get("thresholds").get(0).asText()).isEqualTo("median(sort_time) max_regression 10%");
        assertThat(json.get("trials")).extracting(t -> t.get("kind").asText())
                .containsExactly("aa", "slowed", "aa", "slowed");
        assertThat(json.get("trials").get(0).get("medians").get("sort_time").asDouble()).isPositive();
        assertThat(json.get("trials").get(0).get("verdicts").get(0).get("comparison").asText())
                .isIn("UNCHANGED", "IMPROVED", "REGRESSED");
        assertThat(folders.get(0).resolve("calibration.md")).content().contains("| 1 | slowed |");
    }

    @Test
    void aGateWithoutThresholdsCannotBeCalibrated(QuarkusMainLauncher launcher) {
        Path config = Yaml.write(temp, "none.yaml", "icebench: {}\n");

        LaunchResult result = launch(launcher, "calibrate", "--plugin", "cpu-calibration", "--config",
                config.toString(), "--results-dir", temp.resolve("results").toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.getErrorOutput()).contains("plugin 'cpu-calibration' has no thresholds in",
                "add thresholds under icebench.plugins.cpu-calibration.thresholds");
        assertThat(temp.resolve("results").resolve("calibrations")).doesNotExist();
    }

    @Test
    void aSlowdownThatIsNotAPercentageIsAUsageError(QuarkusMainLauncher launcher) {
        Path config = Yaml.write(temp, "gate.yaml", GATE);

        LaunchResult result = launch(launcher, "calibrate", "--plugin", "cpu-calibration", "--inject-slowdown",
                "fast", "--config", config.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.getErrorOutput()).contains("--inject-slowdown 'fast' is not a percentage");
    }

    @Test
    void anUnknownPluginIsAUsageError(QuarkusMainLauncher launcher) {
        LaunchResult result = launch(launcher, "calibrate", "--plugin", "no-such-gate", "--runs", "1");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.getErrorOutput()).contains("no-such-gate");
    }
}
