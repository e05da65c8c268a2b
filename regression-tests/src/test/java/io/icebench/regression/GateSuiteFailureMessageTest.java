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
        org.assertj.core.api.Assertions.assertThat(tests.get(2).getDisplayName())
                .isEqualTo("median(events_per_second) >= 100 events/s");
    }

    @Test
    void aPassedThresholdIsAPassedTest() {
        List<DynamicTest> tests = testsOf(gate(RunStatus.COMPLETED, verdict(Outcome.PASS, 420)));

        for (DynamicTest test : tests) {
            assertThatCode(() -> test.getExecutable().execute()).doesNotThrowAnyException();
        }
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
