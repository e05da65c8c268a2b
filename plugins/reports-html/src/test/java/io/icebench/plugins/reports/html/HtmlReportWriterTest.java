package io.icebench.plugins.reports.html;

import java.util.Optional;
import io.icebench.plugins.support.Html;
import io.icebench.spi.ReportWriter;
import io.icebench.spi.Spi;
import io.icebench.spi.RunReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fixture run rendered once. The page is also left at {@code target/fixture-report/report.html} for the
 * browser check described in the module's README.
 */
class HtmlReportWriterTest {

    private static String page;

    @BeforeAll
    static void render() throws IOException {
        HtmlFixture.InMemoryOutput output = new HtmlFixture.InMemoryOutput();
        new HtmlReportWriter().write(HtmlFixture.run(), output);
        assertThat(output.files()).containsOnlyKeys("report.html");
        byte[] bytes = output.files().get("report.html");
        page = new String(bytes, StandardCharsets.UTF_8);
        Path folder = Path.of("target", "fixture-report");
        Files.createDirectories(folder);
        Files.write(folder.resolve("report.html"), bytes);
        // the image the fixture's gate says it wrote, so that the browser check shows it embedded
        Path image = folder.resolve("plugins/ingest-throughput/latency.png");
        Files.createDirectories(image.getParent());
        String uri = Charts.dataUri(Charts.lines("latency.png, written by the plugin",
                HtmlFixture.domPackingStudy().series().subList(0, 1)));
        Files.write(image, java.util.Base64.getDecoder().decode(uri.substring(uri.indexOf(',') + 1)));
    }

    @Test
    void theWriterIsFoundByServiceLoaderAsHtml() {
        List<ReportWriter> writers = ServiceLoader.load(ReportWriter.class).stream()
                .map(ServiceLoader.Provider::get).filter(w -> w instanceof HtmlReportWriter).toList();
        assertThat(writers).hasSize(1);
        assertThat(writers.get(0).id()).isEqualTo("html");
        assertThat(writers.get(0).spiVersion()).isEqualTo(Spi.VERSION);
    }

    @Test
    void thePageFetchesNothingFromTheNetwork() {
        assertThat(page).doesNotContainIgnoringCase("http://").doesNotContainIgnoringCase("https://");
        assertThat(page).doesNotContainPattern("(?i)(src|href)\\s*=\\s*\"?\\s*//");
        assertThat(page).doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("<link")
                .doesNotContainIgnoringCase("@import").doesNotContainIgnoringCase("url(");
        Matcher sources = Pattern.compile("\\ssrc=\"([^\"]*)\"").matcher(page);
        while (sources.find()) {
            assertThat(sources.group(1)).matches("data:image/png;base64,[A-Za-z0-9+/=]+|plugins/[^:]*");
        }
    }

    @Test
    void theVerdictComesBeforeTheFirstPluginSection() {
        int verdict = page.indexOf("id=\"verdict\"");
        assertThat(verdict).isPositive();
        assertThat(page.substring(verdict, verdict + 200)).contains("ERROR");
        assertThat(verdict).isLessThan(page.indexOf("class=\"plugin\""));
        assertThat(page.indexOf("id=\"thresholds\"")).isBetween(verdict, page.indexOf("class=\"plugin\""));
        assertThat(page).contains("exit code <b>3</b>", "<b>1</b> passed", "<b>1</b> failed",
                "<b>1</b> inconclusive", "<b>1</b> errors");
    }

    @Test
    void chartsAreEmbeddedAsImages() {
        // 3 + 1 distributions, 2 line charts
        assertThat(count(page, "src=\"data:image/png;base64,")).isEqualTo(6);
    }

    @Test
    void pluginTextIsEscaped() {
        assertThat(page).doesNotContain("<script>alert(1)</script>")
                .contains("Decodes events &lt;script&gt;alert(1)&lt;/script&gt; &amp; more")
                .contains("&lt;b&gt;not bold&lt;/b&gt;", "greedy<br>(fallback) &lt;i&gt;", "-Dx=&lt;y&gt;");
    }

    @Test
    void everyThresholdShowsItsRationale() {
        RunReport run = HtmlFixture.run();
        run.plugins().forEach(plugin -> plugin.verdicts().forEach(
                verdict -> assertThat(page).contains(Html.escape(verdict.rationale()))));
        assertThat(page).contains("Keeps a batch &quot;interactive&quot; for the &lt;dom-packing&gt; step &amp;");
    }

    @Test
    void thePageIsWellFormedEnough() {
        assertThat(page).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
        for (String element : List.of("table", "section", "tr", "td", "th", "ul", "li", "figure", "code", "div",
                "h2", "h3", "p")) {
            assertThat(count(page, "<" + element + ">") + count(page, "<" + element + " "))
                    .as(element).isEqualTo(count(page, "</" + element + ">"));
        }
    }

    @Test
    void filesThePluginWroteAreLinkedRelatively() {
        assertThat(page).contains("<a href=\"plugins/ingest-throughput/notes%20%28draft%29.md\">",
                "<img alt=\"plugins/ingest-throughput/latency.png\" src=\"plugins/ingest-throughput/latency.png\">");
    }

    @Test
    void theFingerprintAndConfigurationAreShown() {
        assertThat(page).contains("Machine fingerprint", "Hard: must match", "cpu.model", "Soft: the moment",
                "load.average", "config/icebench.yaml", "Problems", "broken-plugin.jar");
        assertThat(page.indexOf("Machine fingerprint")).isGreaterThan(page.lastIndexOf("class=\"plugin\""));
    }

    @Test
    void aRunWithThirtyMetricsStaysUnderTwoMegabytes() throws IOException {
        RunReport base = HtmlFixture.run();
        RunReport big = new RunReport("big", "regression", base.startedAt(), base.finishedAt(), "dev",
                base.environment(), base.configuration(),
                List.of(HtmlFixture.manyMetrics(30, 500), HtmlFixture.domPackingStudy()), List.of(), 0, Optional.empty());

        String html = HtmlReportWriter.render(big);
        Path folder = Path.of("target", "fixture-report-30-metrics");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("report.html"), html);

        assertThat(html.getBytes(StandardCharsets.UTF_8).length).isLessThan(2_000_000);
        assertThat(count(html, "src=\"data:image/png;base64,")).isEqualTo(30 + 1 + 1 + 2);  // distributions, the long series, pack_time, two charts
    }

    @Test
    void chartsBeyondTheBudgetAreLeftOutWithANote() {
        RunReport base = HtmlFixture.run();
        RunReport huge = new RunReport("huge", "explore", base.startedAt(), base.finishedAt(), "dev", Map.of(),
                Map.of(), List.of(HtmlFixture.manyMetrics(HtmlReportWriter.MAX_CHARTS + 5, 20)), List.of(), 0, Optional.empty());

        String html = HtmlReportWriter.render(huge);

        assertThat(count(html, "src=\"data:image/png;base64,")).isLessThanOrEqualTo(HtmlReportWriter.MAX_CHARTS);
        assertThat(html).contains("were left out to keep this page small");
    }

    @Test
    void aRunWithoutPluginsStillRenders() {
        RunReport base = HtmlFixture.run();
        RunReport empty = new RunReport("r2", "explore", base.startedAt(), base.startedAt(), "dev", Map.of(),
                Map.of(), List.of(), List.of("nothing to run"), 2, Optional.empty());

        String html = HtmlReportWriter.render(empty);

        assertThat(html).contains("COMPLETED", "No threshold was judged", "nothing to run")
                .doesNotContain("class=\"plugin\"");
    }

    @Test
    void withoutABaselineThereIsNoComparisonSection() {
        assertThat(page).doesNotContain("id=\"comparison\"", "Compared with baseline");
    }

    @Test
    void theComparisonComesAfterTheVerdictAndBeforeTheThresholds() throws IOException {
        String html = renderWithBaseline();
        int verdict = html.indexOf("id=\"verdict\"");
        int comparison = html.indexOf("<section id=\"comparison\">");
        assertThat(comparison).isGreaterThan(verdict).isLessThan(html.indexOf("<section id=\"thresholds\">"));
        assertThat(html).contains("<h2>Compared with baseline <code>nightly &lt;img src=x onerror=alert(1)&gt; "
                + "&amp; &quot;friends&quot;</code> (run <code>20250310T081500Z-regression-0f3c</code>)</h2>");
        assertThat(html).contains("<code>results/baselines/&lt;nightly&gt;.json</code>");
    }

    @Test
    void regressionsComeFirstThenImprovedUnchangedAndNotJudged() {
        String table = comparisonTable(HtmlReportWriter.render(HtmlFixture.withBaseline()));
        List<String> rows = Pattern.compile("<tr class=\"([a-z-]+)\">").matcher(table).results()
                .map(m -> m.group(1)).toList();
        assertThat(rows).containsExactly("regressed", "improved", "unchanged", "not-judged");
        assertThat(table.indexOf("heap_peak")).isLessThan(table.indexOf("batch_latency"));
        assertThat(table.indexOf("batch_latency")).isLessThan(table.indexOf("events_per_second"));
        assertThat(table.indexOf("events_per_second")).isLessThan(table.indexOf("rss_peak"));
    }

    @Test
    void eachRowShowsOldNewTheChangeWithItsIntervalThePValueAndTheVerdict() {
        String table = comparisonTable(HtmlReportWriter.render(HtmlFixture.withBaseline()));
        String regressed = row(table, "regressed");
        assertThat(regressed).contains(">heap_peak<", "lower is better", "398.5 <small>MiB</small>", "412 <small>MiB</small>",
                "<b>+3.388%</b>", "[+2.875%, +4.125%]", "0.003968 <small>α 0.01</small>", "max regression 2&nbsp;%",
                "<span class=\"badge fail\">REGRESSED</span>");
        assertThat(row(table, "improved")).contains("21.4 <small>ms</small>", "18.2 <small>ms</small>", "<b>-14.95%</b>", "[-17.5%, -12.25%]",
                "1.2e-05", "<span class=\"badge pass\">IMPROVED</span>");
        assertThat(row(table, "unchanged")).contains("<b>+0.1964%</b>", "[-1.25%, +1.75%]", "0.3821",
                "higher is better", "UNCHANGED");
        assertThat(row(table, "not-judged")).contains("NOT JUDGED", "max regression 10&nbsp;%: NOT JUDGED: baseline run",
                "has no samples of &lt;rss&gt;")
                .doesNotContain("NaN");
        // one confidence level for every row: said once, in the header
        assertThat(table).contains("<th class=\"num\">Interval <small>95 %</small></th>");
        assertThat(HtmlReportWriter.render(HtmlFixture.withBaseline()))
                .contains("<b>1</b> regressed", "<b>1</b> improved", "<b>1</b> unchanged", "<b>1</b> not judged");
    }

    @Test
    void everyIntervalStaysOnOneLine() {
        String html = HtmlReportWriter.render(HtmlFixture.withBaseline());
        java.util.regex.Matcher intervals = java.util.regex.Pattern.compile("(.{0,30})\\[[^\\]<]*, [^\\]<]*\\]")
                .matcher(html.substring(html.indexOf("<section id=\"comparison\">"), html.indexOf("<footer>")));
        int found = 0;
        while (intervals.find()) {
            if (intervals.group(1).contains("<td") || intervals.group(1).contains("<td class=\"num\">")) {
                assertThat(intervals.group(1)).as("an interval in a table cell").endsWith("<span class=\"interval\">");
                found++;
            }
        }
        assertThat(found).as("intervals in table cells").isGreaterThanOrEqualTo(3);
        assertThat(html).contains(".interval{white-space:nowrap}");
    }

    @Test
    void theComparisonHasAChartAndTheFingerprintDifferences() {
        String html = HtmlReportWriter.render(HtmlFixture.withBaseline());
        String section = html.substring(html.indexOf("<section id=\"comparison\">"),
                html.indexOf("<section id=\"thresholds\">"));
        assertThat(count(section, "src=\"data:image/png;base64,")).isEqualTo(1);
        assertThat(section).contains("alt=\"Change of each metric against the baseline")
                .contains("<li><code>soft.load_average (&#39;0.52&#39; vs &#39;1.75&#39;)</code></li>",
                        "<li><code>hard.cpu.model (&#39;&lt;Xeon&gt;&#39; vs &#39;EPYC &amp; co&#39;)</code></li>");
    }

    @Test
    void relativeThresholdsReadAsChangesInTheThresholdTable() {
        String html = HtmlReportWriter.render(HtmlFixture.withBaseline());
        String thresholds = html.substring(html.indexOf("<section id=\"thresholds\">"),
                html.indexOf("class=\"plugin\""));
        // the limit of a relative threshold is a percentage: never "<= 2 MiB"
        assertThat(thresholds).contains("change of median(heap_peak)", "max regression 2&nbsp;%", "+3.388%",
                "[+2.875%, +4.125%]").doesNotContain("&lt;= 2 MiB");
        assertThat(thresholds).contains("<span class=\"badge none\">NOT JUDGED</span>");
    }

    @Test
    void baselineAndPluginTextIsEscapedInTheComparison() {
        String html = HtmlReportWriter.render(HtmlFixture.withBaseline());
        assertThat(html).doesNotContain("<img src=x", "<rss>", "<Xeon>", "<nightly>", "MiB<&>",
                "ingest<throughput>");
        assertThat(html).contains("has no samples of &lt;rss&gt;", "MiB&lt;&amp;&gt;",
                "href=\"#plugin-ingest&lt;throughput&gt;\"");
        for (String element : List.of("table", "section", "tr", "td", "ul", "li", "div", "code", "small", "b")) {
            assertThat(count(html, "<" + element + ">") + count(html, "<" + element + " "))
                    .as(element).isEqualTo(count(html, "</" + element + ">"));
        }
    }

    @Test
    void aBaselineWithoutRelativeThresholdsSaysSo() {
        RunReport base = HtmlFixture.run();
        RunReport run = new RunReport("r3", "regression", base.startedAt(), base.finishedAt(), "dev", Map.of(),
                Map.of(), List.of(HtmlFixture.ingestThroughput()), List.of(), 1,
                java.util.Optional.of(new io.icebench.spi.report.BaselineRef(
                        io.icebench.spi.report.Comparison.Method.STORED_BASELINE, "base", "r0", "b.json", List.of())));

        String html = HtmlReportWriter.render(run);

        assertThat(html).contains("Compared with baseline <code>base</code>",
                "No relative thresholds (<code>max_regression</code>) were configured").doesNotContain("differs");
    }

    private static String renderWithBaseline() throws IOException {
        HtmlFixture.InMemoryOutput output = new HtmlFixture.InMemoryOutput();
        new HtmlReportWriter().write(HtmlFixture.withBaseline(), output);
        byte[] bytes = output.files().get("report.html");
        // left for the browser check, beside the fixture's page
        Path folder = Path.of("target", "fixture-report-baseline");
        Files.createDirectories(folder);
        Files.write(folder.resolve("report.html"), bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static String comparisonTable(String html) {
        int start = html.indexOf("<table class=\"comparison\">");
        assertThat(start).isPositive();
        return html.substring(start, html.indexOf("</table>", start));
    }

    private static String row(String table, String css) {
        int start = table.indexOf("<tr class=\"" + css + "\">");
        assertThat(start).as(css).isPositive();
        return table.substring(start, table.indexOf("</tr>", start));
    }

    static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }
}
