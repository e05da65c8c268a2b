package io.icebench.regression;

import io.icebench.spi.report.InconclusivePolicy;
import io.icebench.spi.PluginKind;
import io.icebench.spi.report.Bound;
import io.icebench.spi.report.Outcome;
import io.icebench.spi.PluginReport;
import io.icebench.spi.report.RunStatus;
import io.icebench.spi.report.ThresholdVerdict;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The gate suite must fail loudly and usefully: these tests feed it verdicts instead of measuring. */
class GateSuiteFailureMessageTest {

    private static PluginReport gate(RunStatus status, ThresholdVerdict verdict) {
        return new PluginReport("dataloader-throughput", PluginKind.REGRESSION_GATE, "", "built-in", status,
                status.failed() ? Optional.of("plugin 'dataloader-throughput' threw java.io.IOException: gone")
                        : Optional.empty(),
                Duration.ofSeconds(3), Map.of(), List.of(), List.of(), List.of(), Map.of(), List.of(verdict), List.of());
    }

    private static ThresholdVerdict verdict(Outcome outcome, double measured) {
        return new ThresholdVerdict("events_per_second", "median", Bound.MIN, 100, "events/s",
                "the seed's floor: the loader must feed a training loop at 100 events/s",
                OptionalDouble.of(measured), outcome, "median(events_per_second) = " + measured + " events/s", Optional.empty(), InconclusivePolicy.WARN, Optional.empty());
    }

    private static List<DynamicTest> testsOf(PluginReport report) {
        return GateSuiteTest.tests(report).map(DynamicNode.class::cast).map(DynamicTest.class::cast).toList();
    }

    @Test
    void aFailedThresholdIsAFailedTestShowingValueBoundAndRationale() {
        List<DynamicTest> tests = testsOf(gate(RunStatus.COMPLETED, verdict(Outcome.FAIL, 42)));

        assertThatCode(() -> tests.get(0).getExecutable().execute()).doesNotThrowAnyException();
        assertThatThrownBy(() -> tests.get(2).getExecutable().execute())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("measured 42 events/s")
                .hasMessageContaining("bound min 100 events/s")
                .hasMessageContaining("Why this bound: the seed's floor");
        assertThat(tests.get(2).getDisplayName())
                .isEqualTo("median(events_per_second) >= 100 events/s");
    }

    /**
     * Three tests, the last named by its threshold, none of which fails. Their source is the CI profile, so that
     * surefire names them by their container (the plugin) and their own name, not by the factory method and an index.
     */
    @Test
    void aPassedThresholdIsAPassedTest() {
        List<DynamicTest> tests = testsOf(gate(RunStatus.COMPLETED, verdict(Outcome.PASS, 420)));

        assertThat(tests).extracting(DynamicTest::getDisplayName).containsExactly(
                "is a regression gate that runs to completion",
                "has at least one threshold in the CI profile",
                "median(events_per_second) >= 100 events/s");
        assertThat(tests).allSatisfy(test -> assertThat(test.getTestSourceUri()).as(test.getDisplayName())
                .hasValueSatisfying(uri -> assertThat(uri.getPath()).endsWith("/config/ci.yaml")));
        for (DynamicTest test : tests) {
            assertThatCode(() -> test.getExecutable().execute()).as(test.getDisplayName())
                    .doesNotThrowAnyException();
        }
    }

    /** The same gate, with its threshold failed: the test that passed above is the one that fails now. */
    @Test
    void theThresholdsTestIsWhatTellsAPassFromAFail() {
        DynamicTest passed = testsOf(gate(RunStatus.COMPLETED, verdict(Outcome.PASS, 420))).get(2);
        DynamicTest failed = testsOf(gate(RunStatus.COMPLETED, verdict(Outcome.FAIL, 42))).get(2);

        assertThat(failed.getDisplayName()).isEqualTo(passed.getDisplayName());
        assertThatCode(() -> passed.getExecutable().execute()).doesNotThrowAnyException();
        assertThatThrownBy(() -> failed.getExecutable().execute()).isInstanceOf(AssertionError.class);
    }

    @Test
    void aGateWithoutThresholdsFailsItsSecondTest() {
        PluginReport none = new PluginReport("dataloader-throughput", PluginKind.REGRESSION_GATE, "", "built-in",
                RunStatus.COMPLETED, Optional.empty(), Duration.ofSeconds(3), Map.of(), List.of(), List.of(),
                List.of(), Map.of(), List.of(), List.of());
        List<DynamicTest> tests = testsOf(none);

        assertThat(tests).hasSize(2);
        assertThatThrownBy(() -> tests.get(1).getExecutable().execute())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("thresholds of dataloader-throughput in config/ci.yaml");
    }

    @Test
    void aGateThatDidNotRunIsAFailedTestWithItsReason() {
        List<DynamicTest> tests = testsOf(gate(RunStatus.ERROR, verdict(Outcome.ERROR, 0)));

        assertThatThrownBy(() -> tests.get(0).getExecutable().execute())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("ERROR: plugin 'dataloader-throughput' threw java.io.IOException: gone");
    }

    @Test
    void aRelativeThresholdWithoutABaselineIsASkippedTestSayingWhy() {
        List<DynamicTest> tests = testsOf(gate(RunStatus.COMPLETED, new ThresholdVerdict("events_per_second",
                "median", Bound.MAX, 10, "%", "a baseline comparison", OptionalDouble.of(420), Outcome.NONE,
                "NOT JUDGED: no baseline: pass --baseline NAME|latest|FILE", Optional.empty(), InconclusivePolicy.WARN, Optional.empty())));

        assertThatThrownBy(() -> tests.get(2).getExecutable().execute())
                .isInstanceOf(org.opentest4j.TestAbortedException.class)
                .hasMessageContaining("NOT JUDGED: no baseline");
    }

    @Test
    void aThresholdMadeUnreliableByABusyMachineIsASkippedTestNamingTheEvidenceAndTheFix() {
        List<DynamicTest> tests = testsOf(gate(RunStatus.COMPLETED, new ThresholdVerdict("events_per_second",
                "median", Bound.MIN, 100, "events/s", "the seed's floor", OptionalDouble.of(42), Outcome.UNRELIABLE,
                "median(events_per_second) = 42 events/s; UNRELIABLE, not FAIL: the machine was busy (other"
                        + " processes used 1.3 of 2 cores (66%, limit 25%)): rerun on a quiet runner, or judge the"
                        + " change against its base with --against HEAD~1", Optional.empty(), InconclusivePolicy.WARN,
                Optional.empty())));

        assertThatThrownBy(() -> tests.get(2).getExecutable().execute())
                .isInstanceOf(org.opentest4j.TestAbortedException.class)
                .hasMessageContaining("UNRELIABLE")
                .hasMessageContaining("other processes used 1.3 of 2 cores")
                .hasMessageContaining("rerun on a quiet runner");
    }
}
