package io.icebench.plugins.reports.html;

import io.icebench.plugins.support.Html;
import io.icebench.plugins.support.Outcomes;
import io.icebench.spi.report.Comparison;
import io.icebench.spi.report.Numbers;
import io.icebench.spi.report.Outcome;
import io.icebench.spi.PluginReport;
import io.icebench.spi.RunReport;
import io.icebench.spi.report.ThresholdVerdict;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.icebench.plugins.reports.html.Text.NONE;
import static io.icebench.plugins.reports.html.Text.badge;
import static io.icebench.plugins.reports.html.Text.changeInterval;
import static io.icebench.plugins.reports.html.Text.cssClass;
import static io.icebench.plugins.reports.html.Text.duration;
import static io.icebench.plugins.reports.html.Text.interval;
import static io.icebench.plugins.reports.html.Text.percent;

/**
 * One rendering of {@code report.html}: the page being written, in the order a reader goes through it, and the
 * chart budget ({@link HtmlReportWriter#MAX_CHARTS}, {@link HtmlReportWriter#CHART_BUDGET}) it keeps.
 */
final class Page {

    final RunReport report;
    final StringBuilder html = new StringBuilder(64 * 1024);
    private int charts;
    private long chartBytes;
    private int chartsLeftOut;

    Page(RunReport report) {
        this.report = report;
    }

    String render() {
        head();
        verdict();
        ComparisonSection.render(this);
        thresholds();
        for (PluginReport plugin : report.plugins()) {
            PluginSection.render(this, plugin);
        }
        environment();
        configuration();
        problems();
        if (chartsLeftOut > 0) {
            html.append("<p class=\"note\">").append(chartsLeftOut)
                    .append(" chart(s) were left out to keep this page small; every value is in results.json.</p>\n");
        }
        html.append("<footer>icebench ").append(Html.escape(report.icebenchVersion()))
                .append(" · run <code>").append(Html.escape(report.runId())).append("</code></footer>\n");
        html.append("</main>\n</body>\n</html>\n");
        return html.toString();
    }

    private void head() {
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>icebench ").append(Html.escape(report.mode())).append(' ')
                .append(Html.escape(report.runId())).append(": ").append(Outcomes.word(report.outcome()))
                .append("</title>\n<style>\n").append(Style.CSS).append("</style>\n</head>\n<body>\n<main>\n");
    }

    private void verdict() {
        Outcome outcome = report.outcome();
        int passed = 0;
        int failed = 0;
        int inconclusive = 0;
        int errors = 0;
        int notJudged = 0;
        for (PluginReport plugin : report.plugins()) {
            for (ThresholdVerdict v : plugin.verdicts()) {
                switch (v.outcome()) {
                    case PASS -> passed++;
                    case FAIL -> failed++;
                    case INCONCLUSIVE -> inconclusive++;
                    case ERROR -> errors++;
                    case NONE -> notJudged++;
                }
            }
        }
        long pluginErrors = report.plugins().stream().filter(p -> p.status().failed()).count();
        html.append("<header id=\"verdict\" class=\"verdict ").append(cssClass(outcome)).append("\">\n")
                .append("<div class=\"word\">").append(Outcomes.word(outcome)).append("</div>\n")
                .append("<div class=\"what\"><h1>icebench ").append(Html.escape(report.mode()))
                .append(" run <code>").append(Html.escape(report.runId())).append("</code></h1>\n")
                .append("<p>exit code <b>").append(report.exitCode()).append("</b> · started ")
                .append(Html.escape(report.startedAt().toString())).append(" · took ")
                .append(duration(Duration.between(report.startedAt(), report.finishedAt())))
                .append(" · ").append(report.plugins().size())
                .append(report.plugins().size() == 1 ? " plugin" : " plugins").append("</p></div>\n")
                .append("</header>\n");
        html.append("<ul class=\"counts\">\n");
        count("passed", passed, "pass");
        count("failed", failed, failed > 0 ? "fail" : "zero");
        count("inconclusive", inconclusive, inconclusive > 0 ? "inconclusive" : "zero");
        long unreliable = report.plugins().stream().flatMap(p -> p.verdicts().stream())
                .filter(v -> v.outcome() == Outcome.UNRELIABLE).count();
        if (unreliable > 0) {
            // wall-clock thresholds missed on a busy machine: neither passed nor failed (exit 7)
            count("unreliable (machine busy)", (int) unreliable, "inconclusive");
        }
        count("errors", errors, errors > 0 ? "error" : "zero");
        if (notJudged > 0) {
            // relative thresholds without a baseline: they do not change the exit code, but must not vanish
            count("not judged (no baseline)", notJudged, "zero");
        }
        count("plugins failed to run", (int) pluginErrors, pluginErrors > 0 ? "error" : "zero");
        html.append("</ul>\n");
        if (report.plugins().stream().flatMap(p -> p.verdicts().stream()).anyMatch(ThresholdVerdict::warning)) {
            html.append("<p class=\"warning\">Some thresholds were INCONCLUSIVE and passed with a warning "
                    + "(inconclusive: warn): the interval of the median straddles the limit.</p>\n");
        }
    }

    void count(String label, int n, String css) {
        html.append("<li class=\"").append(css).append("\"><b>").append(n).append("</b> ").append(label)
                .append("</li>\n");
    }

    private void thresholds() {
        html.append("<section id=\"thresholds\">\n<h2>Thresholds</h2>\n");
        List<String[]> rows = new ArrayList<>();
        for (PluginReport plugin : report.plugins()) {
            for (ThresholdVerdict v : plugin.verdicts()) {
                String link = "<a href=\"#plugin-" + Html.escape(plugin.id()) + "\">" + Html.escape(plugin.id())
                        + "</a>";
                String rationale = v.rationale().isBlank() ? "<i>no rationale given</i>"
                        : Html.escape(v.rationale());
                String verdict = badge(v) + "<div class=\"message\">" + Html.escape(v.message()) + "</div>";
                if (v.relative()) {
                    // the value is the change against the baseline, not a statistic against a limit
                    Comparison c = v.comparison().get();
                    rows.add(new String[] {link,
                        "<code>" + Html.escape("change of " + v.statistic() + "(" + v.metric() + ")")
                                + "</code><div class=\"message\">" + (c.paired()
                                ? "against the base, fork against fork" : "against the baseline") + "</div>",
                        c.judged() ? Html.escape(Comparison.percent(c.changePercent())) : NONE,
                        c.judged() ? interval(Html.escape(changeInterval(c))) + "<br><small>" + percent(c.level())
                                + (c.paired() ? " (t, k = " + c.blocks() + ")" : " (Hodges-Lehmann)")
                                + "</small>" : NONE,
                        "max regression " + Html.escape(Numbers.format(c.maxRegressionPercent())) + "&nbsp;%",
                        verdict, rationale});
                    continue;
                }
                rows.add(new String[] {link,
                    "<code>" + Html.escape(v.statistic() + "(" + v.metric() + ")") + "</code>",
                    v.measured().isPresent() ? Numbers.format(v.measured().getAsDouble()) : NONE,
                    v.interval().map(i -> interval(Html.escape(i.format())) + "<br><small>" + percent(i.level())
                            + (i.tooFewSamples() ? ", too few samples: min..max" : "") + "</small>").orElse(NONE),
                    Html.escape(v.bound().operator() + " " + Numbers.format(v.limit()) + " " + v.unit()),
                    verdict, rationale});
            }
        }
        if (rows.isEmpty()) {
            html.append("<p>No threshold was judged in this run.</p>\n");
        } else {
            table(new String[] {"Plugin", "Threshold", "Value", "Interval", "Bound", "Verdict", "Rationale"},
                    new boolean[] {false, false, true, false, false, false, false}, rows, "thresholds");
        }
        html.append("</section>\n");
    }

    interface Drawing {
        String draw() throws Exception;
    }

    /** Embeds one chart, unless the page's chart budget is spent or XChart cannot draw it. */
    void chart(String alt, String css, Drawing drawing) {
        if (charts >= HtmlReportWriter.MAX_CHARTS || chartBytes >= HtmlReportWriter.CHART_BUDGET) {
            chartsLeftOut++;
            return;
        }
        String uri;
        try {
            uri = drawing.draw();
        } catch (Exception | LinkageError e) {
            html.append("<p class=\"note\">Chart “").append(Html.escape(alt)).append("” could not be drawn: ")
                    .append(Html.escape(String.valueOf(e.getMessage()))).append("</p>\n");
            return;
        }
        charts++;
        chartBytes += uri.length();
        html.append("<figure class=\"").append(css).append("\"><img alt=\"").append(Html.escape(alt))
                .append("\" src=\"").append(uri).append("\"></figure>\n");
    }

    private void environment() {
        Map<String, String> hard = new LinkedHashMap<>();
        Map<String, String> soft = new LinkedHashMap<>();
        Map<String, String> other = new LinkedHashMap<>();
        report.environment().forEach((key, value) -> {
            if (key.startsWith("hard.")) {
                hard.put(key.substring(5), value);
            } else if (key.startsWith("soft.")) {
                soft.put(key.substring(5), value);
            } else {
                other.put(key, value);
            }
        });
        html.append("<section id=\"environment\">\n<h2>Machine fingerprint</h2>\n");
        if (report.environment().isEmpty()) {
            html.append("<p>Not recorded.</p>\n");
        } else {
            html.append("<div class=\"pair\">\n");
            keyValues("Hard: must match for two runs to be comparable", hard);
            keyValues("Soft: the moment's state", soft);
            keyValues("Other", other);
            html.append("</div>\n");
        }
        html.append("</section>\n");
    }

    private void configuration() {
        html.append("<section id=\"configuration\">\n<h2>Configuration</h2>\n");
        if (report.configuration().isEmpty()) {
            html.append("<p>Not recorded.</p>\n");
        } else {
            keyValues(null, report.configuration());
        }
        html.append("</section>\n");
    }

    private void problems() {
        html.append("<section id=\"problems\">\n<h2>Problems</h2>\n");
        if (report.problems().isEmpty()) {
            html.append("<p>None: every plugin found could be loaded.</p>\n");
        } else {
            html.append("<ul class=\"problems\">\n");
            report.problems().forEach(p -> html.append("<li>").append(Html.escape(p)).append("</li>\n"));
            html.append("</ul>\n");
        }
        html.append("</section>\n");
    }

    void keyValues(String title, Map<String, String> values) {
        if (values.isEmpty()) {
            return;
        }
        html.append("<div>\n");
        if (title != null) {
            html.append("<h4>").append(Html.escape(title)).append("</h4>\n");
        }
        List<String[]> rows = new ArrayList<>();
        values.forEach((k, v) -> rows.add(new String[] {"<code>" + Html.escape(k) + "</code>", Html.escape(v)}));
        table(new String[] {"Key", "Value"}, new boolean[] {false, false}, rows, "kv");
        html.append("</div>\n");
    }

    /** Cells are HTML already (escaped by the caller); headers likewise. */
    void table(String[] headers, boolean[] numeric, List<String[]> rows, String css) {
        table(headers, numeric, rows, css, List.of());
    }

    /** As above, with a CSS class per row ({@code rowClasses} may be shorter than {@code rows}). */
    void table(String[] headers, boolean[] numeric, List<String[]> rows, String css,
                       List<String> rowClasses) {
        html.append(Html.table(List.of(headers), numeric, rows, css, rowClasses));
    }
}
