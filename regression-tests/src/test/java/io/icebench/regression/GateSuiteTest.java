package io.icebench.regression;

import io.icebench.runner.launch.Launcher;
import io.icebench.runner.launch.Mode;
import io.icebench.runner.launch.RunRequest;
import io.icebench.runner.launch.RunResult;
import io.icebench.spi.PluginKind;
import io.icebench.spi.report.Numbers;
import io.icebench.spi.report.Outcome;
import io.icebench.spi.PluginReport;
import io.icebench.spi.report.ThresholdVerdict;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The gate suite, as the original project ran {@code pytest tests/benchmarks/}: every regression-gate plugin runs
 * once through the runner with the CI profile ({@code config/ci.yaml}), and every threshold becomes a test. A failed
 * verdict is a failed test whose message shows the measured value, the bound and the rationale; an UNRELIABLE one
 * (a wall-clock figure outside its bound on a busy machine) is a skipped test with the evidence, as is a relative
 * threshold without a baseline.
 */
@DisplayName("Regression gates (config/ci.yaml)")
class GateSuiteTest {

    private static final Path ROOT = Path.of(System.getProperty("icebench-tests.root", "..")).toAbsolutePath().normalize();

    @TestFactory
    @DisplayName("every regression gate passes the CI profile")
    Stream<DynamicNode> everyRegressionGatePassesTheCiProfile() {
        RunRequest request = RunRequest.of(Mode.REGRESSION, ROOT)
                .withConfig(ROOT.resolve("config/ci.yaml"))
                .withResultsDir(ROOT.resolve("regression-tests/target/gate-results"));
        RunResult result = Launcher.run(request);

        assertThat(result.report().plugins()).as("regression gates run by the CI profile").isNotEmpty();
        List<DynamicNode> plugins = new ArrayList<>();
        for (PluginReport plugin : result.report().plugins()) {
            plugins.add(DynamicContainer.dynamicContainer(plugin.id(), tests(plugin)));
        }
        return plugins.stream();
    }

    /** Where the thresholds come from, and the source of every gate test. */
    static final URI CI_PROFILE = ROOT.resolve("config/ci.yaml").toUri();

    /**
     * The tests of one plugin's report, in a container named by the plugin: it ran, it has thresholds, and each
     * threshold passed, each test named by its threshold. Their source is the CI profile, not the factory method:
     * surefire names a test whose source is a method by the method's legacy name, which for a dynamic test is
     * {@code everyRegressionGatePassesTheCiProfile()[3][3]}, and any other test by its container and its own name,
     * {@code dataloader-throughput.median(events_per_second) >= 100 events/s}.
     */
    static Stream<DynamicNode> tests(PluginReport plugin) {
        List<DynamicNode> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest("is a regression gate that runs to completion", CI_PROFILE, () -> {
            assertThat(plugin.kind()).isEqualTo(PluginKind.REGRESSION_GATE);
            if (plugin.status().failed()) {
                fail(plugin.id() + " " + plugin.status() + ": " + plugin.failure().orElse(""));
            }
        }));
        tests.add(DynamicTest.dynamicTest("has at least one threshold in the CI profile", CI_PROFILE, () ->
                assertThat(plugin.verdicts()).as("thresholds of " + plugin.id() + " in config/ci.yaml").isNotEmpty()));
        for (ThresholdVerdict verdict : plugin.verdicts()) {
            tests.add(DynamicTest.dynamicTest(verdict.describe(), CI_PROFILE, () -> {
                // A relative threshold without a baseline is not judged: skipped, with the reason, not failed.
                org.junit.jupiter.api.Assumptions.assumeTrue(verdict.outcome() != Outcome.NONE,
                        () -> plugin.id() + ": " + verdict.describe() + " " + verdict.message());
                // Outside its bound on a wall-clock figure while the machine was busy: it says nothing about the
                // code, so the test is skipped with the evidence and the fix, never failed.
                org.junit.jupiter.api.Assumptions.assumeTrue(verdict.outcome() != Outcome.UNRELIABLE,
                        () -> plugin.id() + ": " + verdict.describe() + " UNRELIABLE: " + verdict.message());
                if (verdict.outcome() != Outcome.PASS) {
                    fail(plugin.id() + ": " + verdict.describe() + " " + verdict.outcome() + " — measured "
                            + (verdict.measured().isPresent() ? Numbers.format(verdict.measured().getAsDouble()) : "nothing")
                            + " " + verdict.unit() + ", bound " + verdict.bound().label() + " "
                            + Numbers.format(verdict.limit()) + " " + verdict.unit() + ". Why this bound: "
                            + verdict.rationale() + ". " + verdict.message());
                }
            }));
        }
        return tests.stream();
    }
}
