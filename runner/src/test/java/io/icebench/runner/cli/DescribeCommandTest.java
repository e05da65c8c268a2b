package io.icebench.runner.cli;

import io.icebench.runner.ExitCodes;
import io.icebench.runner.testing.Yaml;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code runner describe ID}: a plugin's parameters, metrics and configured thresholds, through the command line. */
@QuarkusMainTest
class DescribeCommandTest {

    @TempDir
    Path temp;

    private LaunchResult launch(QuarkusMainLauncher launcher, String... args) {
        LaunchResult result = launcher.launch(args);
        System.out.println("exit " + result.exitCode() + "\n--- out\n" + result.getOutput() + "\n--- err\n"
                + result.getErrorOutput());
        return result;
    }

    @Test
    void showsEveryParameterWithItsTypeDefaultAndConfiguredValue(QuarkusMainLauncher launcher) {
        Path config = Yaml.write(temp, "fast.yaml", Yaml.FAST_CALIBRATION);

        LaunchResult result = launch(launcher, "describe", "cpu-calibration", "--config", config.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        String out = result.getOutput();
        assertThat(out).startsWith("cpu-calibration (regression-gate, built-in");
        assertThat(out).contains("Parameters (5):");
        // name, type, default, the configuration's value, description
        assertThat(out).containsPattern("  elements +int +1000000 +20000 +longs sorted per iteration");
        assertThat(out).containsPattern("  seed +long +42 +seed of the array's contents");
    }

    @Test
    void showsEveryMetricWithItsUnitDirectionAndBasis(QuarkusMainLauncher launcher) {
        LaunchResult result = launch(launcher, "describe", "cpu-calibration", "--config",
                Yaml.write(temp, "fast.yaml", Yaml.FAST_CALIBRATION).toString());

        String out = result.getOutput();
        assertThat(out).contains("Metrics (8):");
        assertThat(out).containsPattern("  sort_time +ms +lower +wall +time to sort");
        assertThat(out).containsPattern("  checksum_throughput +MiB/s +higher +wall ");
        assertThat(out).containsPattern("  sort.allocated +B +lower +count ");
    }

    @Test
    void showsTheThresholdsOfTheActiveConfigurationWithTheirRationales(QuarkusMainLauncher launcher) {
        Path config = Yaml.write(temp, "relative.yaml", Yaml.FAST_CALIBRATION + """
                        - metric: checksum_throughput
                          max_regression: 15%
                          rationale: a slower checksum is a slower machine or a slower JDK
                """);

        LaunchResult result = launch(launcher, "describe", "cpu-calibration", "--config", config.toString());

        String out = result.getOutput();
        assertThat(out).contains("Thresholds in " + config + " (2):");
        assertThat(out).containsPattern("  median\\(sort_time\\) max 10000 +warn +a ceiling no machine misses");
        assertThat(out).containsPattern("  median\\(checksum_throughput\\) max_regression 15% +warn +a slower"
                + " checksum is a slower machine or a slower JDK");
    }

    @Test
    void aPluginWithoutThresholdsSaysWhereToAddThem(QuarkusMainLauncher launcher) {
        LaunchResult result = launch(launcher, "describe", "dom-packing", "--config",
                Yaml.write(temp, "fast.yaml", Yaml.FAST_CALIBRATION).toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.getOutput()).contains("dom-packing (exploratory", "Thresholds in ",
                "(0): none; add them under icebench.plugins.dom-packing.thresholds (docs/CONFIG.md)");
    }

    @Test
    void anUnknownIdIsOneLineNamingTheKnownOnesAndExitsTwo(QuarkusMainLauncher launcher) {
        LaunchResult result = launch(launcher, "describe", "dom-pakcing");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.getErrorOutput().strip()).isEqualTo("icebench: unknown plugin 'dom-pakcing'; known:"
                + " cpu-calibration, dataloader-throughput, dom-packing, forward-latency, io");
        assertThat(result.getOutput()).isEmpty();
    }
}
