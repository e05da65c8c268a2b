package io.icebench.plugins.support;

import io.icebench.spi.Table;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MarkdownTest {

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
    void aTableRightAlignsItsNumberColumnsAndGivesDoublesFourSignificantDigits() {
        Table table = Table.builder("t", "name", "pulses/s", "ratio", "count", "flag")
                .row("a|b", 12_345_678.9, 0.45678, 3_600_000L, null)
                .row("c", null, 2.0, 7, true).build();

        assertThat(Markdown.table(table)).isEqualTo("""
                | name | pulses/s | ratio | count | flag |
                | --- | ---: | ---: | ---: | --- |
                | a\\|b | 12350000 | 0.4568 | 3600000 |  |
                | c |  | 2 | 7 | true |
                """);
    }

    @Test
    void aPluginReportShowsTheTableAsTheSummaryDoesUnderItsTitle() {
        Table table = Table.builder("t", "x").title("Reads *warm*").row(1.5).build();

        assertThat(new MarkdownReport().table(table).toString())
                .isEqualTo("**Reads \\*warm\\***\n\n" + Markdown.table(table) + "\n");
    }
}
