package io.icebench.plugins.reports;

import io.icebench.spi.report.RunReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

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
    void pipesAndLineBreaksInCellsAreEscaped() {
        assertThat(Markdown.text("a | b\nc\r\nd")).isEqualTo("a \\| b<br>c<br>d");
        assertThat(Markdown.code("x|y", true)).isEqualTo("`x\\|y`");
        assertThat(Markdown.code("a `tick`", false)).isEqualTo("`` a `tick` ``");
    }

    @Test
    void textThatWouldBecomeMarkupIsEscaped() {
        assertThat(Markdown.text("<b>*bold*</b> & $x$ [link](y) ~z~ a_b"))
                .isEqualTo("\\<b\\>\\*bold\\*\\</b\\> \\& \\$x\\$ \\[link\\](y) \\~z\\~ a\\_b");
        assertThat(Markdown.leadingText("# not a heading")).isEqualTo("\\# not a heading");
        assertThat(Markdown.leadingText("1. not a list")).isEqualTo("1\\. not a list");
        assertThat(Markdown.html("a <b> & c")).isEqualTo("a &lt;b&gt; &amp; c");
    }

    @Test
    void titleSaysCompletedWhenNothingWasJudged() throws IOException {
        RunReport run = ReportFixture.run();
        RunReport explore = new RunReport("r1", "explore", run.startedAt(), run.finishedAt(), "dev", Map.of(),
                Map.of(), List.of(ReportFixture.domPackingStudy()), List.of(), 0);

        String markdown = new String(Golden.render(new MarkdownReportWriter(), explore, "summary.md"),
                StandardCharsets.UTF_8);

        assertThat(markdown).startsWith("## icebench explore run `r1`: COMPLETED\n")
                .doesNotContain("Why these thresholds", "### Problems");
    }

    @Test
    void aRunWithoutPluginsSaysSo() {
        RunReport run = ReportFixture.run();
        RunReport empty = new RunReport("r2", "regression", run.startedAt(), run.startedAt(), "dev", Map.of(),
                Map.of(), List.of(), List.of("nothing to run"), 2);

        assertThat(MarkdownReportWriter.render(empty))
                .contains("No plugin ran.", "### Problems\n\n- nothing to run\n")
                .doesNotContain("| Plugin |");
    }
}
