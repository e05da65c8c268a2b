package io.icebench.plugins.reports.html;

import io.icebench.spi.ReportOutput;
import io.icebench.spi.ReportWriter;
import io.icebench.spi.Series;
import io.icebench.spi.Table;
import io.icebench.spi.report.BaselineRef;
import io.icebench.spi.report.Comparison;
import io.icebench.spi.MetricReport;
import io.icebench.spi.report.Numbers;
import io.icebench.spi.report.Outcome;
import io.icebench.spi.PluginReport;
import io.icebench.spi.RunReport;
import io.icebench.spi.report.Summary;
import io.icebench.spi.report.ThresholdVerdict;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes {@code report.html}: one self-contained page per run (inline CSS, charts as PNG data URIs drawn by XChart,
 * no scripts, nothing fetched from the network). It opens with the run's verdict, then, when the run had a baseline,
 * the comparison with it (regressions first, with a chart of the changes), then every threshold, then each
 * plugin with its metrics, their distributions with the thresholds drawn on them, its tables, charts and files, and
 * ends with the machine fingerprint, the configuration and the problems of the run. Every string from a plugin, the
 * configuration or the machine is escaped with {@link Html#escape}.
 */
public final class HtmlReportWriter implements ReportWriter {

    public static final String ID = "html";
    public static final String FILE_NAME = "report.html";

    /** Charts per page at most, so that a large run stays a page of a few megabytes at worst. */
    static final int MAX_CHARTS = 60;
    /** Bytes of embedded charts at most; charts beyond it are left out with a note. */
    static final long CHART_BUDGET = 1_600_000;

    private static final String NONE = "—";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "report.html: one self-contained page with verdicts, distributions, tables and charts";
    }

    @Override
    public void write(RunReport report, ReportOutput output) throws IOException {
        byte[] page = render(report).getBytes(StandardCharsets.UTF_8);
        output.write(FILE_NAME, out -> out.write(page));
    }

    static String render(RunReport report) {
        return new Page(report).render();
    }

    /** One rendering; keeps the chart budget. */
    private static final class Page {
        private final RunReport report;
        private final StringBuilder html = new StringBuilder(64 * 1024);
        private int charts;
        private long chartBytes;
        private int chartsLeftOut;

        Page(RunReport report) {
            this.report = report;
        }

        String render() {
            head();
            verdict();
            comparison();
            thresholds();
            for (PluginReport plugin : report.plugins()) {
                plugin(plugin);
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
                    .append(Html.escape(report.runId())).append(": ").append(verdictWord(report.outcome()))
                    .append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n<main>\n");
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
                    .append("<div class=\"word\">").append(verdictWord(outcome)).append("</div>\n")
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

        private void count(String label, int n, String css) {
            html.append("<li class=\"").append(css).append("\"><b>").append(n).append("</b> ").append(label)
                    .append("</li>\n");
        }

        /** A relative threshold's row in the comparison: the plugin, its verdict and the metric's direction. */
        private record Compared(PluginReport plugin, ThresholdVerdict verdict, Comparison comparison,
                                String better) {
        }

        /**
         * Old against new for every relative threshold, regressions first, then improvements, unchanged and not
         * judged; a chart of each change with its interval and the tolerated band; the fingerprint keys that differ.
         * Only when the run was compared with a baseline.
         */
        private void comparison() {
            if (report.baseline().isEmpty()) {
                return;
            }
            BaselineRef baseline = report.baseline().get();
            if (baseline.paired()) {
                html.append("<section id=\"comparison\">\n<h2>Compared with the base <code>")
                        .append(Html.escape(baseline.runId())).append("</code></h2>\n")
                        .append("<p class=\"meta\">").append(Html.escape(baseline.source())).append(" (<code>")
                        .append(Html.escape(baseline.name())).append("</code>): k blocks of one fork of each side;"
                                + " the interval is the ratio's, B/A</p>\n");
            } else {
                html.append("<section id=\"comparison\">\n<h2>Compared with baseline <code>")
                        .append(Html.escape(baseline.name())).append("</code> (run <code>")
                        .append(Html.escape(baseline.runId())).append("</code>)</h2>\n")
                        .append("<p class=\"meta\">baseline samples read from <code>")
                        .append(Html.escape(baseline.source())).append("</code></p>\n");
            }
            List<Compared> rows = new ArrayList<>();
            for (PluginReport plugin : report.plugins()) {
                for (ThresholdVerdict v : plugin.verdicts()) {
                    if (v.comparison().isEmpty()) {
                        continue;
                    }
                    String better = plugin.metrics().stream().filter(m -> m.metric().name().equals(v.metric()))
                            .findFirst().map(m -> m.metric().direction().label()).orElse("");
                    rows.add(new Compared(plugin, v, v.comparison().get(), better));
                }
            }
            // stable: within a verdict, the order of the plugins and their thresholds
            rows.sort(java.util.Comparator.comparingInt(r -> r.comparison().verdict().ordinal()));
            if (rows.isEmpty()) {
                html.append("<p>No relative thresholds (<code>max_regression</code>) were configured, so nothing "
                        + "was compared with the baseline.</p>\n");
            } else {
                html.append("<ul class=\"counts\">\n");
                for (Comparison.Verdict verdict : Comparison.Verdict.values()) {
                    int n = (int) rows.stream().filter(r -> r.comparison().verdict() == verdict).count();
                    String css = n == 0 ? "zero" : switch (verdict) {
                        case REGRESSED -> "fail";
                        case IMPROVED -> "pass";
                        default -> "zero";
                    };
                    count(verdict.name().toLowerCase(Locale.ROOT).replace('_', ' '), n, css);
                }
                html.append("</ul>\n");
                java.util.Set<Double> levels = new java.util.TreeSet<>();
                rows.stream().map(r -> r.comparison().level()).filter(Double::isFinite).forEach(levels::add);
                boolean oneLevel = levels.size() == 1;
                boolean paired = rows.stream().anyMatch(r -> r.comparison().paired());
                List<String[]> cells = new ArrayList<>();
                List<String> classes = new ArrayList<>();
                for (Compared r : rows) {
                    Comparison c = r.comparison();
                    ThresholdVerdict v = r.verdict();
                    String[] row = new String[] {
                        "<a href=\"#plugin-" + Html.escape(r.plugin().id()) + "\">" + Html.escape(r.plugin().id())
                                + "</a>",
                        "<code>" + Html.escape(v.metric()) + "</code>"
                                + (r.better().isEmpty() ? "" : "<div class=\"message\">" + Html.escape(r.better())
                                + " is better</div>"),
                        withUnit(c.oldMedian(), v.unit()),
                        withUnit(c.newMedian(), v.unit()),
                        c.judged() ? "<b>" + Html.escape(Comparison.percent(c.changePercent())) + "</b>" : NONE,
                        c.judged() ? Html.escape(changeInterval(c))
                                + (oneLevel ? "" : " <small>" + percent(c.level()) + "</small>") : NONE,
                        c.judged() ? Html.escape(c.pValueText()) + " <small>α " + Numbers.format(c.alpha())
                                + "</small>" : NONE,
                        badge(v) + "<div class=\"message\">max regression "
                                + Html.escape(Numbers.format(c.maxRegressionPercent())) + "&nbsp;%"
                                + (c.judged() && v.outcome() != Outcome.ERROR ? "" : ": " + Html.escape(v.message()))
                                + "</div>"};
                    if (paired) {
                        List<String> widened = new ArrayList<>(List.of(row));
                        widened.add(2, c.paired() && c.judged() ? Integer.toString(c.blocks()) : NONE);
                        widened.add(3, c.paired() && c.judged() ? String.format(Locale.ROOT, "%.4f",
                                1 + c.changePercent() / 100) : NONE);
                        row = widened.toArray(String[]::new);
                    }
                    cells.add(row);
                    classes.add(c.verdict().name().toLowerCase(Locale.ROOT).replace('_', '-'));
                }
                String interval = oneLevel ? "Interval <small>" + percent(levels.iterator().next()) + "</small>"
                        : "Interval";
                if (paired) {
                    table(new String[] {"Plugin", "Metric", "k", "B/A", "Old median", "New median", "Change",
                        interval, "p-value", "Verdict"},
                            new boolean[] {false, false, true, true, true, true, true, true, true, false}, cells,
                            "comparison", classes);
                } else {
                    table(new String[] {"Plugin", "Metric", "Old median", "New median", "Change", interval,
                        "p-value", "Verdict"},
                            new boolean[] {false, false, true, true, true, true, true, false}, cells,
                            "comparison", classes);
                }
                if (rows.stream().anyMatch(r -> !r.comparison().paired())) {
                    html.append("<p class=\"explain\">Change against a stored baseline: the Hodges-Lehmann estimate"
                            + " of new/old − 1 (positive when the value went up, whatever is better), with its"
                            + " distribution-free confidence interval. REGRESSED: the one-sided Mann-Whitney p-value"
                            + " towards worse is below α <i>and</i> the estimate is worse than max regression;"
                            + " IMPROVED likewise towards better; anything else is UNCHANGED.</p>\n");
                }
                if (paired) {
                    html.append("<p class=\"explain\">Paired (<code>--against</code>): k blocks, each one fork of the"
                            + " base (A) and one of this build (B), each giving its statistic; old and new are the"
                            + " medians of those per-fork figures. B/A is the geometric mean of the blocks' ratios,"
                            + " the interval Student's t interval of the mean log ratio. REGRESSED: the whole interval"
                            + " is worse than max regression; IMPROVED: wholly better than minus it; UNCHANGED: wholly"
                            + " on the good side of it; INCONCLUSIVE: the budget ran out with the interval straddling"
                            + " it.</p>\n");
                }
                List<Charts.Change> changes = rows.stream().filter(r -> r.comparison().judged())
                        .map(r -> new Charts.Change(r.plugin().id() + " / " + r.verdict().metric()
                                + (r.better().isEmpty() ? "" : " (" + r.better() + " is better)"), r.comparison()))
                        .toList();
                if (!changes.isEmpty()) {
                    html.append("<div class=\"charts\">\n");
                    chart("Change of each metric against the baseline, with its interval and the ±max regression band",
                            "wide", () -> Charts.dataUri(Charts.changes(changes)));
                    html.append("</div>\n");
                }
            }
            if (!baseline.differences().isEmpty()) {
                html.append("<div class=\"warning\">The machine fingerprint differs from the baseline's "
                        + "(baseline vs this run):\n<ul class=\"differences\">\n");
                baseline.differences().forEach(d -> html.append("<li><code>").append(Html.escape(d))
                        .append("</code></li>\n"));
                html.append("</ul></div>\n");
            }
            html.append("</section>\n");
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
                            c.judged() ? Html.escape(changeInterval(c)) + "<br><small>" + percent(c.level())
                                    + (c.paired() ? " (t, k = " + c.blocks() + ")" : " (Hodges-Lehmann)")
                                    + "</small>" : NONE,
                            "max regression " + Html.escape(Numbers.format(c.maxRegressionPercent())) + "&nbsp;%",
                            verdict, rationale});
                        continue;
                    }
                    rows.add(new String[] {link,
                        "<code>" + Html.escape(v.statistic() + "(" + v.metric() + ")") + "</code>",
                        v.measured().isPresent() ? Numbers.format(v.measured().getAsDouble()) : NONE,
                        v.interval().map(i -> i.format() + "<br><small>" + percent(i.level())
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

        private void plugin(PluginReport plugin) {
            html.append("<section class=\"plugin\" id=\"plugin-").append(Html.escape(plugin.id())).append("\">\n")
                    .append("<h2><code>").append(Html.escape(plugin.id())).append("</code> ")
                    .append(pluginBadge(plugin)).append(" <small>").append(Html.escape(plugin.kind().label()))
                    .append("</small></h2>\n");
            if (!plugin.description().isBlank()) {
                html.append("<p class=\"description\">").append(Html.escape(plugin.description())).append("</p>\n");
            }
            html.append("<p class=\"meta\">status <b>").append(plugin.status().name()).append("</b> · took ")
                    .append(duration(plugin.duration())).append(" · source ")
                    .append(Html.escape(plugin.source())).append("</p>\n");
            plugin.failure().ifPresent(failure -> html.append("<p class=\"failure\">")
                    .append(plugin.status().name()).append(": ").append(Html.escape(failure)).append("</p>\n"));
            if (!plugin.parameters().isEmpty() || !plugin.properties().isEmpty()) {
                html.append("<div class=\"pair\">\n");
                keyValues("Parameters", plugin.parameters());
                keyValues("Recorded", plugin.properties());
                html.append("</div>\n");
            }
            metrics(plugin);
            for (Table table : plugin.tables()) {
                exploratory(table);
            }
            series(plugin);
            files(plugin);
            html.append("</section>\n");
        }

        private void metrics(PluginReport plugin) {
            if (plugin.metrics().isEmpty()) {
                if (!plugin.status().failed()) {
                    html.append("<p>No metrics.</p>\n");
                }
                return;
            }
            html.append("<h3>Metrics</h3>\n");
            List<String[]> rows = new ArrayList<>();
            for (MetricReport m : plugin.metrics()) {
                Summary s = m.summary();
                rows.add(new String[] {
                    "<code>" + Html.escape(m.metric().name()) + "</code>"
                            + (m.metric().description().isBlank() ? ""
                            : "<div class=\"metric-description\">" + Html.escape(m.metric().description())
                            + "</div>"),
                    Html.escape(m.metric().unit().symbol()),
                    Html.escape(m.metric().direction().label()),
                    Integer.toString(s.count()),
                    compact(s.median()),
                    s.medianInterval().map(i -> "[" + compact(i.low()) + ", " + compact(i.high()) + "]")
                            .orElse(NONE),
                    compact(s.mean()),
                    compact(s.standardDeviation()),
                    compact(s.min()),
                    compact(s.max()),
                    percentile(s, "p90"),
                    percentile(s, "p99"),
                    Double.isNaN(s.interquartileRange()) ? NONE : compact(s.interquartileRange()),
                    s.outliers() < 0 ? NONE : Integer.toString(s.outliers())});
            }
            table(new String[] {"Metric", "Unit", "Better", "n", "Median", "Median CI", "Mean", "SD", "Min", "Max",
                "p90", "p99", "IQR", "Outliers"},
                    new boolean[] {false, false, false, true, true, false, true, true, true, true, true, true, true,
                        true}, rows, "metrics");
            html.append("<div class=\"charts\">\n");
            for (MetricReport m : plugin.metrics()) {
                if (m.samples().length == 0) {
                    continue;
                }
                List<ThresholdVerdict> onIt = plugin.verdicts().stream()
                        .filter(v -> v.metric().equals(m.metric().name())).toList();
                String alt = "Distribution of " + m.metric().name() + " (" + m.samples().length + " samples)"
                        + (onIt.isEmpty() ? "" : " with its thresholds");
                chart(alt, "metric", () -> Charts.dataUri(Charts.distribution(m, onIt)));
            }
            html.append("</div>\n");
        }

        private void series(PluginReport plugin) {
            Map<String, List<Series>> byChart = new LinkedHashMap<>();
            for (Series s : plugin.series()) {
                byChart.computeIfAbsent(s.chart(), k -> new ArrayList<>()).add(s);
            }
            if (byChart.isEmpty()) {
                return;
            }
            html.append("<h3>Charts</h3>\n<div class=\"charts\">\n");
            for (Map.Entry<String, List<Series>> entry : byChart.entrySet()) {
                chart(entry.getKey(), "wide", () -> Charts.dataUri(Charts.lines(entry.getKey(), entry.getValue())));
            }
            html.append("</div>\n");
        }

        private interface Drawing {
            String draw() throws Exception;
        }

        /** Embeds one chart, unless the page's chart budget is spent or XChart cannot draw it. */
        private void chart(String alt, String css, Drawing drawing) {
            if (charts >= MAX_CHARTS || chartBytes >= CHART_BUDGET) {
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

        private void exploratory(Table table) {
            html.append("<h3>").append(Html.escape(table.title().isBlank() ? table.name() : table.title()))
                    .append(" <small><code>").append(Html.escape(table.name())).append("</code></small></h3>\n");
            if (table.columns().isEmpty()) {
                html.append("<p>(no columns)</p>\n");
                return;
            }
            int columns = table.columns().size();
            boolean[] numeric = new boolean[columns];
            for (int c = 0; c < columns; c++) {
                numeric[c] = numeric(table, c);
            }
            List<String[]> rows = new ArrayList<>();
            for (List<Object> row : table.rows()) {
                rows.add(row.stream().map(Page::cell).toArray(String[]::new));
            }
            table(table.columns().stream().map(Html::escape).toArray(String[]::new), numeric, rows, "data");
        }

        private void files(PluginReport plugin) {
            if (plugin.files().isEmpty()) {
                return;
            }
            html.append("<h3>Files written by the plugin</h3>\n<ul class=\"files\">\n");
            for (String file : plugin.files()) {
                html.append("<li><a href=\"").append(Html.escape(Html.relativeUrl(file))).append("\">")
                        .append(Html.escape(file)).append("</a></li>\n");
            }
            html.append("</ul>\n");
            for (String file : plugin.files()) {
                String lower = file.toLowerCase(Locale.ROOT);
                if (lower.endsWith(".png") || lower.endsWith(".svg") || lower.endsWith(".jpg")
                        || lower.endsWith(".jpeg") || lower.endsWith(".gif")) {
                    html.append("<figure class=\"wide\"><img alt=\"").append(Html.escape(file)).append("\" src=\"")
                            .append(Html.escape(Html.relativeUrl(file))).append("\"><figcaption>")
                            .append(Html.escape(file)).append("</figcaption></figure>\n");
                }
            }
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

        private void keyValues(String title, Map<String, String> values) {
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
        private void table(String[] headers, boolean[] numeric, List<String[]> rows, String css) {
            table(headers, numeric, rows, css, List.of());
        }

        /** As above, with a CSS class per row ({@code rowClasses} may be shorter than {@code rows}). */
        private void table(String[] headers, boolean[] numeric, List<String[]> rows, String css,
                           List<String> rowClasses) {
            html.append("<div class=\"scroll\"><table class=\"").append(css).append("\">\n<thead><tr>");
            for (int c = 0; c < headers.length; c++) {
                html.append(numeric[c] ? "<th class=\"num\">" : "<th>").append(headers[c]).append("</th>");
            }
            html.append("</tr></thead>\n<tbody>\n");
            for (int r = 0; r < rows.size(); r++) {
                String[] row = rows.get(r);
                html.append(r < rowClasses.size() ? "<tr class=\"" + rowClasses.get(r) + "\">" : "<tr>");
                for (int c = 0; c < row.length; c++) {
                    html.append(numeric[c] ? "<td class=\"num\">" : "<td>").append(row[c]).append("</td>");
                }
                html.append("</tr>\n");
            }
            html.append("</tbody>\n</table></div>\n");
        }

        private static boolean numeric(Table table, int column) {
            boolean any = false;
            for (List<Object> row : table.rows()) {
                Object cell = row.get(column);
                if (cell instanceof Number) {
                    any = true;
                } else if (cell != null) {
                    return false;
                }
            }
            return any;
        }

        private static String cell(Object value) {
            if (value == null) {
                return "";
            }
            if (value instanceof Double real) {
                return Numbers.format(real);
            }
            return Html.escape(value.toString()).replace("\n", "<br>");
        }

        private static String percentile(Summary summary, String name) {
            Double value = summary.percentiles().get(name);
            return value == null ? NONE : compact(value);
        }
    }

    private static String badge(ThresholdVerdict v) {
        if (v.relative() && v.outcome() != Outcome.ERROR) {
            return comparisonBadge(v.comparison().get());
        }
        return switch (v.outcome()) {
            case PASS -> "<span class=\"badge pass\">PASS</span>";
            case FAIL -> "<span class=\"badge fail\">FAIL</span>";
            case ERROR -> "<span class=\"badge error\">ERROR</span>";
            case INCONCLUSIVE -> v.inconclusiveFails()
                    ? "<span class=\"badge fail\">INCONCLUSIVE</span> <small>counts as FAIL</small>"
                    : "<span class=\"badge inconclusive\">INCONCLUSIVE</span> <small>warning</small>";
            case UNRELIABLE -> "<span class=\"badge inconclusive\">UNRELIABLE</span> <small>machine busy</small>";
            case NONE -> NONE;
        };
    }

    /** REGRESSED (a FAIL), IMPROVED and UNCHANGED (both pass), NOT JUDGED (no baseline: the exit code is unaffected). */
    static String comparisonBadge(Comparison c) {
        return switch (c.verdict()) {
            case REGRESSED -> "<span class=\"badge fail\">REGRESSED</span>";
            case IMPROVED -> "<span class=\"badge pass\">IMPROVED</span>";
            case UNCHANGED -> "<span class=\"badge unchanged\">UNCHANGED</span>";
            case INCONCLUSIVE -> "<span class=\"badge inconclusive\">INCONCLUSIVE</span>";
            case NOT_JUDGED -> "<span class=\"badge none\">NOT JUDGED</span>";
        };
    }

    /** {@code [+8.1%, +15%]}. */
    static String changeInterval(Comparison c) {
        return "[" + Comparison.percent(c.changeLow()) + ", " + Comparison.percent(c.changeHigh()) + "]";
    }

    private static String pluginBadge(PluginReport plugin) {
        Outcome outcome = plugin.outcome();
        return "<span class=\"badge " + cssClass(outcome) + "\">" + verdictWord(outcome) + "</span>";
    }

    static String verdictWord(Outcome outcome) {
        return switch (outcome) {
            case PASS -> "PASSED";
            case FAIL -> "FAILED";
            case ERROR -> "ERROR";
            case NONE -> "COMPLETED";
            case INCONCLUSIVE -> "INCONCLUSIVE";
            case UNRELIABLE -> "UNRELIABLE";
        };
    }

    private static String cssClass(Outcome outcome) {
        return switch (outcome) {
            case PASS -> "pass";
            case FAIL -> "fail";
            case ERROR -> "error";
            case INCONCLUSIVE, UNRELIABLE -> "inconclusive";
            case NONE -> "none";
        };
    }

    /**
     * A number for a table of many numeric columns: from a million up with an SI prefix, {@code 416.5 M} with the
     * full value as a tooltip, since eleven columns of {@code 416500000} pushed the metrics table off the page.
     */
    static String compact(double value) {
        if (!Double.isFinite(value) || Math.abs(value) < 1e6) {
            return Numbers.format(value);
        }
        return "<span title=\"" + Numbers.format(value) + "\">" + Charts.prefixed(value).replace(" ", "&nbsp;")
                + "</span>";
    }

    /** {@code 398.5 <small>MiB</small>}, or {@code —}. */
    private static String withUnit(double value, String unit) {
        return Double.isFinite(value) ? Numbers.format(value) + " <small>" + Html.escape(unit) + "</small>" : NONE;
    }

    private static String percent(double level) {
        return Numbers.format(level * 100) + " %";
    }

    private static String duration(Duration duration) {
        double seconds = duration.getSeconds() + duration.getNano() / 1e9;
        if (seconds < 120) {
            return Numbers.format(seconds) + " s";
        }
        long total = Math.round(seconds);
        return String.format(Locale.ROOT, "%d min %02d s (%s s)", total / 60, total % 60, Numbers.format(seconds));
    }

    private static final String CSS = """
            :root{--pass:#1a7f37;--pass-bg:#dafbe1;--fail:#cf222e;--fail-bg:#ffebe9;--amber:#9a6700;--amber-bg:#fff8c5;
            --error:#8b1a1a;--error-bg:#ffd8d3;--none:#57606a;--none-bg:#eaeef2;--line:#d0d7de;--zebra:#f6f8fa}
            *{box-sizing:border-box}
            body{margin:0;background:#fff;color:#1f2328;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,
            "Helvetica Neue",Arial,sans-serif}
            main{max-width:1180px;margin:0 auto;padding:20px}
            h1{font-size:20px;margin:0}
            h2{font-size:18px;margin:32px 0 8px;padding-bottom:4px;border-bottom:1px solid var(--line)}
            h3{font-size:15px;margin:20px 0 6px}
            h2 code{font-size:inherit}
            h4{font-size:13px;margin:8px 0 4px;color:var(--none)}
            small{color:var(--none);font-weight:normal}
            code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px}
            a{color:#0969da}
            .verdict{display:flex;align-items:center;gap:18px;padding:14px 18px;border-radius:8px;border:1px solid}
            .verdict .word{font-size:26px;font-weight:700;letter-spacing:.04em}
            .verdict p{margin:4px 0 0}
            .verdict.pass{background:var(--pass-bg);border-color:var(--pass);color:var(--pass)}
            .verdict.fail{background:var(--fail-bg);border-color:var(--fail);color:var(--fail)}
            .verdict.error{background:var(--error-bg);border-color:var(--error);color:var(--error)}
            .verdict.none{background:var(--none-bg);border-color:var(--none);color:var(--none)}
            .verdict .what{color:#1f2328}
            .counts{list-style:none;display:flex;flex-wrap:wrap;gap:10px;padding:0;margin:12px 0}
            .counts li{padding:6px 12px;border-radius:6px;border:1px solid var(--line);background:var(--zebra)}
            .counts li b{font-size:16px}
            .counts .pass{color:var(--pass);border-color:var(--pass)}
            .counts .fail{color:var(--fail);border-color:var(--fail);background:var(--fail-bg)}
            .counts .inconclusive{color:var(--amber);border-color:var(--amber);background:var(--amber-bg)}
            .counts .error{color:var(--error);border-color:var(--error);background:var(--error-bg)}
            .counts .zero{color:var(--none)}
            .badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600;
            vertical-align:middle;white-space:nowrap}
            .badge.pass{background:var(--pass-bg);color:var(--pass)}
            .badge.fail{background:var(--fail-bg);color:var(--fail)}
            .badge.error{background:var(--error-bg);color:var(--error)}
            .badge.inconclusive{background:var(--amber-bg);color:var(--amber)}
            .badge.none{background:var(--none-bg);color:var(--none)}
            .badge.unchanged{background:var(--none-bg);color:#1f2328}
            .warning{padding:8px 12px;background:var(--amber-bg);border-left:4px solid var(--amber)}
            .failure{padding:8px 12px;background:var(--error-bg);border-left:4px solid var(--error)}
            .note{color:var(--none);font-style:italic}
            .message{font-size:12px;color:var(--none);margin-top:2px;overflow-wrap:anywhere}
            .description{margin:4px 0}
            .meta{margin:4px 0;color:var(--none)}
            .scroll{overflow-x:auto;max-width:100%}
            table{border-collapse:collapse;margin:6px 0 12px;font-size:13px}
            th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
            th{background:#eaeef2;font-weight:600}
            tbody tr:nth-child(even){background:var(--zebra)}
            td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
            table.thresholds td:first-child,table.thresholds td:nth-child(3),table.thresholds td:nth-child(5){white-space:nowrap}
            table.thresholds td:nth-child(4){min-width:8em}
            table.thresholds td:nth-child(6){min-width:180px}
            table.thresholds td:nth-child(7){min-width:200px;max-width:360px}
            table.metrics td:first-child{min-width:12em}
            table.comparison td:nth-child(-n+2){white-space:nowrap}
            table.comparison td:last-child{min-width:150px}
            table.comparison tr.regressed td{background:var(--fail-bg)}
            table.comparison tr.improved td{background:var(--pass-bg)}
            .explain{font-size:12px;color:var(--none);max-width:900px;margin:0 0 10px}
            ul.differences{margin:4px 0 0}
            .metric-description{color:#555;font-size:.85em;margin-top:.2em}
            table.kv td:first-child{white-space:nowrap}
            table.kv td:last-child{word-break:break-word}
            .pair{display:flex;flex-wrap:wrap;gap:0 28px}
            .pair>div{min-width:300px;max-width:100%}
            .charts{display:flex;flex-wrap:wrap;gap:12px}
            figure{margin:0}
            figure img{max-width:100%;height:auto;border:1px solid var(--line);border-radius:4px}
            figcaption{font-size:12px;color:var(--none)}
            .plugin{margin-top:28px}
            ul.files{margin:4px 0}
            footer{margin-top:36px;color:var(--none);font-size:12px}
            """;
}
