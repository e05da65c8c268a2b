package io.icebench.plugins.reports;

import io.icebench.spi.report.InconclusivePolicy;
import io.icebench.spi.PluginKind;
import io.icebench.spi.report.BaselineRef;
import io.icebench.spi.report.Bound;
import io.icebench.spi.report.Comparison;
import io.icebench.spi.report.Outcome;
import io.icebench.spi.PluginReport;
import io.icebench.spi.RunReport;
import io.icebench.spi.report.RunStatus;
import io.icebench.spi.report.ThresholdVerdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;

class MarkdownReportWriterTest {

    @ParameterizedTest(name = "under {0}")
    @MethodSource("io.icebench.plugins.reports.Golden#settings")
    void markdownSummaryMatchesTheGoldenFile(Golden.Setting setting) throws IOException {
        Golden.assertMatches(new MarkdownReportWriter(), "summary.md", setting);
    }

    @Test
    void everyRowOfTheMainTableHasSixCells() {
        String markdown = MarkdownReportWriter.render(ReportFixture.run());

        List<String> rows = markdown.lines()
                .dropWhile(line -> !line.startsWith("| Plugin |"))
                .takeWhile(line -> line.startsWith("|"))
                .toList();

        // threshold rows 4, metrics without threshold 2, the timed-out plugin 1; plus header and rule
        assertThat(rows).hasSize(9);
        assertThat(rows).allSatisfy(row -> assertThat(row.split("(?<!\\\\)\\|", -1)).hasSize(8));
    }

    @Test
    void titleSaysCompletedWhenNothingWasJudged() throws IOException {
        RunReport run = ReportFixture.run();
        RunReport explore = new RunReport("r1", "explore", run.startedAt(), run.finishedAt(), "dev", Map.of(),
                Map.of(), List.of(ReportFixture.domPackingStudy()), List.of(), 0, Optional.empty());

        String markdown = new String(Golden.render(new MarkdownReportWriter(), explore, "summary.md"),
                StandardCharsets.UTF_8);

        assertThat(markdown).startsWith("## icebench explore run `r1`: COMPLETED\n")
                .doesNotContain("Why these thresholds", "### Problems");
    }

    @Test
    void theComparisonListsRegressionsFirstThenImprovedUnchangedAndNotJudged() {
        RunReport run = ReportFixture.run();
        String baselineRun = "20250310T081500Z-regression-0f3c";
        List<ThresholdVerdict> verdicts = List.of(
                relative("a_unchanged", Outcome.PASS, new Comparison(Comparison.Method.STORED_BASELINE, Comparison.Verdict.UNCHANGED, 5, baselineRun,
                        100, 101, 0.5, -1.25, 2, 0.95, 0.31, 0.01, 0)),
                relative("b_not_judged", Outcome.NONE, Comparison.notJudged(Comparison.Method.STORED_BASELINE, 5)),
                relative("c_improved", Outcome.PASS, new Comparison(Comparison.Method.STORED_BASELINE, Comparison.Verdict.IMPROVED, 5, baselineRun,
                        20, 17, -15, -17.5, -12.25, 0.95, 0.000012, 0.01, 0)),
                relative("d_regressed", Outcome.FAIL, new Comparison(Comparison.Method.STORED_BASELINE, Comparison.Verdict.REGRESSED, 5, baselineRun,
                        10, 11, 9.75, 8.5, 11.25, 0.95, 0.0021, 0.01, 0)));
        PluginReport gate = new PluginReport("gate", PluginKind.REGRESSION_GATE, "", "built-in",
                RunStatus.COMPLETED, Optional.empty(), Duration.ofSeconds(1), Map.of(), List.of(), List.of(),
                List.of(), Map.of(), verdicts, List.of());
        RunReport compared = new RunReport("r3", "regression", run.startedAt(), run.finishedAt(), "dev", Map.of(),
                Map.of(), List.of(gate), List.of(), 1,
                Optional.of(new BaselineRef(Comparison.Method.STORED_BASELINE, "base", baselineRun, "base.json", List.of())));

        List<String> rows = MarkdownReportWriter.render(compared).lines()
                .dropWhile(line -> !line.startsWith("### Compared with baseline"))
                .filter(line -> line.startsWith("| `gate`")).toList();

        assertThat(rows).hasSize(4);
        assertThat(rows.get(0)).isEqualTo("| `gate` | `d_regressed` | 10 | 11 | ms | +9.75% | [+8.5%, +11.25%] "
                + "| 0.0021 | ❌ REGRESSED |");
        assertThat(rows.get(1)).contains("`c_improved`", "| -15% | [-17.5%, -12.25%] | 1.2e-05 | ✅ IMPROVED |");
        assertThat(rows.get(2)).contains("`a_unchanged`", "| +0.5% | [-1.25%, +2%] | 0.31 | ✅ UNCHANGED |");
        assertThat(rows.get(3)).isEqualTo("| `gate` | `b_not_judged` | — | — | ms | — | — | — | NOT JUDGED |");
    }

    private static ThresholdVerdict relative(String metric, Outcome outcome, Comparison comparison) {
        return new ThresholdVerdict(metric, "median", Bound.MAX, 5, "ms", "why", OptionalDouble.of(1), outcome,
                comparison.verdict().name(), Optional.empty(), InconclusivePolicy.WARN, Optional.of(comparison));
    }

    @Test
    void aRunWithoutPluginsSaysSo() {
        RunReport run = ReportFixture.run();
        RunReport empty = new RunReport("r2", "regression", run.startedAt(), run.startedAt(), "dev", Map.of(),
                Map.of(), List.of(), List.of("nothing to run"), 2, Optional.empty());

        assertThat(MarkdownReportWriter.render(empty))
                .contains("No plugin ran.", "### Problems\n\n- nothing to run\n")
                .doesNotContain("| Plugin |");
    }
}
