package io.icebench.plugins.reports.html;

import io.icebench.plugins.support.Html;
import io.icebench.spi.report.BaselineRef;
import io.icebench.spi.report.Comparison;
import io.icebench.spi.report.Numbers;
import io.icebench.spi.report.Outcome;
import io.icebench.spi.PluginReport;
import io.icebench.spi.report.ThresholdVerdict;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import static io.icebench.plugins.reports.html.Text.NONE;
import static io.icebench.plugins.reports.html.Text.badge;
import static io.icebench.plugins.reports.html.Text.changeInterval;
import static io.icebench.plugins.reports.html.Text.interval;
import static io.icebench.plugins.reports.html.Text.percent;
import static io.icebench.plugins.reports.html.Text.withUnit;

/**
 * The comparison with the baseline, when the run had one: old against new for every relative threshold,
 * regressions first, with a chart of the changes and the fingerprint keys that differ.
 */
final class ComparisonSection {

    private ComparisonSection() {
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
    static void render(Page page) {
        if (page.report.baseline().isEmpty()) {
            return;
        }
        BaselineRef baseline = page.report.baseline().get();
        heading(page, baseline);
        List<Compared> rows = rows(page);
        if (rows.isEmpty()) {
            page.html.append("<p>No relative thresholds (<code>max_regression</code>) were configured, so nothing "
                    + "was compared with the baseline.</p>\n");
        } else {
            counts(page, rows);
            table(page, rows);
            explain(page, rows);
            chart(page, rows);
        }
        if (!baseline.differences().isEmpty()) {
            page.html.append("<div class=\"warning\">The machine fingerprint differs from the baseline's "
                    + "(baseline vs this run):\n<ul class=\"differences\">\n");
            baseline.differences().forEach(d -> page.html.append("<li><code>").append(Html.escape(d))
                    .append("</code></li>\n"));
            page.html.append("</ul></div>\n");
        }
        page.html.append("</section>\n");
    }

    private static void heading(Page page, BaselineRef baseline) {
        if (baseline.paired()) {
            page.html.append("<section id=\"comparison\">\n<h2>Compared with the base <code>")
                    .append(Html.escape(baseline.runId())).append("</code></h2>\n")
                    .append("<p class=\"meta\">").append(Html.escape(baseline.source())).append(" (<code>")
                    .append(Html.escape(baseline.name())).append("</code>): k blocks of one fork of each side;"
                            + " the interval is the ratio's, B/A</p>\n");
        } else {
            page.html.append("<section id=\"comparison\">\n<h2>Compared with baseline <code>")
                    .append(Html.escape(baseline.name())).append("</code> (run <code>")
                    .append(Html.escape(baseline.runId())).append("</code>)</h2>\n")
                    .append("<p class=\"meta\">baseline samples read from <code>")
                    .append(Html.escape(baseline.source())).append("</code></p>\n");
        }
    }

    /** Every relative threshold's comparison, by verdict; stable within one, in the plugins' order. */
    private static List<Compared> rows(Page page) {
        List<Compared> rows = new ArrayList<>();
        for (PluginReport plugin : page.report.plugins()) {
            for (ThresholdVerdict v : plugin.verdicts()) {
                if (v.comparison().isEmpty()) {
                    continue;
                }
                String better = plugin.metrics().stream().filter(m -> m.metric().name().equals(v.metric()))
                        .findFirst().map(m -> m.metric().direction().label()).orElse("");
                rows.add(new Compared(plugin, v, v.comparison().get(), better));
            }
        }
        rows.sort(Comparator.comparingInt(r -> r.comparison().verdict().ordinal()));
        return rows;
    }

    private static void counts(Page page, List<Compared> rows) {
        page.html.append("<ul class=\"counts\">\n");
        for (Comparison.Verdict verdict : Comparison.Verdict.values()) {
            int n = (int) rows.stream().filter(r -> r.comparison().verdict() == verdict).count();
            String css = n == 0 ? "zero" : switch (verdict) {
                case REGRESSED -> "fail";
                case IMPROVED -> "pass";
                default -> "zero";
            };
            page.count(verdict.name().toLowerCase(Locale.ROOT).replace('_', ' '), n, css);
        }
        page.html.append("</ul>\n");
    }

    private static void table(Page page, List<Compared> rows) {
        Set<Double> levels = new TreeSet<>();
        rows.stream().map(r -> r.comparison().level()).filter(Double::isFinite).forEach(levels::add);
        boolean oneLevel = levels.size() == 1;
        boolean paired = rows.stream().anyMatch(r -> r.comparison().paired());
        List<String[]> cells = new ArrayList<>();
        List<String> classes = new ArrayList<>();
        for (Compared r : rows) {
            cells.add(row(r, oneLevel, paired));
            classes.add(r.comparison().verdict().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        String interval = oneLevel ? "Interval <small>" + percent(levels.iterator().next()) + "</small>"
                : "Interval";
        if (paired) {
            page.table(new String[] {"Plugin", "Metric", "k", "B/A", "Old median", "New median", "Change",
                interval, "p-value", "Verdict"},
                    new boolean[] {false, false, true, true, true, true, true, true, true, false}, cells,
                    "comparison", classes);
        } else {
            page.table(new String[] {"Plugin", "Metric", "Old median", "New median", "Change", interval,
                "p-value", "Verdict"},
                    new boolean[] {false, false, true, true, true, true, true, false}, cells,
                    "comparison", classes);
        }
    }

    /** One row; with {@code paired} rows in the table, k and B/A after the metric. */
    private static String[] row(Compared r, boolean oneLevel, boolean paired) {
        Comparison c = r.comparison();
        ThresholdVerdict v = r.verdict();
        String[] row = new String[] {
            "<a href=\"#plugin-" + Html.escape(r.plugin().id()) + "\">" + Html.escape(r.plugin().id()) + "</a>",
            "<code>" + Html.escape(v.metric()) + "</code>"
                    + (r.better().isEmpty() ? "" : "<div class=\"message\">" + Html.escape(r.better())
                    + " is better</div>"),
            withUnit(c.oldMedian(), v.unit()),
            withUnit(c.newMedian(), v.unit()),
            c.judged() ? "<b>" + Html.escape(Comparison.percent(c.changePercent())) + "</b>" : NONE,
            c.judged() ? interval(Html.escape(changeInterval(c)))
                    + (oneLevel ? "" : " <small>" + percent(c.level()) + "</small>") : NONE,
            c.judged() ? Html.escape(c.pValueText()) + " <small>α " + Numbers.format(c.alpha())
                    + "</small>" : NONE,
            badge(v) + "<div class=\"message\">max regression "
                    + Html.escape(Numbers.format(c.maxRegressionPercent())) + "&nbsp;%"
                    + (c.judged() && v.outcome() != Outcome.ERROR ? "" : ": " + Html.escape(v.message()))
                    + "</div>"};
        if (!paired) {
            return row;
        }
        List<String> widened = new ArrayList<>(List.of(row));
        widened.add(2, c.paired() && c.judged() ? Integer.toString(c.blocks()) : NONE);
        widened.add(3, c.paired() && c.judged() ? String.format(Locale.ROOT, "%.4f", 1 + c.changePercent() / 100)
                : NONE);
        return widened.toArray(String[]::new);
    }

    private static void explain(Page page, List<Compared> rows) {
        if (rows.stream().anyMatch(r -> !r.comparison().paired())) {
            page.html.append("<p class=\"explain\">Change against a stored baseline: the Hodges-Lehmann estimate"
                    + " of new/old − 1 (positive when the value went up, whatever is better), with its"
                    + " distribution-free confidence interval. REGRESSED: the one-sided Mann-Whitney p-value"
                    + " towards worse is below α <i>and</i> the estimate is worse than max regression;"
                    + " IMPROVED likewise towards better; anything else is UNCHANGED.</p>\n");
        }
        if (rows.stream().anyMatch(r -> r.comparison().paired())) {
            page.html.append("<p class=\"explain\">Paired (<code>--against</code>): k blocks, each one fork of the"
                    + " base (A) and one of this build (B), each giving its statistic; old and new are the"
                    + " medians of those per-fork figures. B/A is the geometric mean of the blocks' ratios,"
                    + " the interval Student's t interval of the mean log ratio. REGRESSED: the whole interval"
                    + " is worse than max regression; IMPROVED: wholly better than minus it; UNCHANGED: wholly"
                    + " on the good side of it; INCONCLUSIVE: the budget ran out with the interval straddling"
                    + " it.</p>\n");
        }
    }

    private static void chart(Page page, List<Compared> rows) {
        List<ChangeChart.Change> changes = rows.stream().filter(r -> r.comparison().judged())
                .map(r -> new ChangeChart.Change(r.plugin().id() + " / " + r.verdict().metric()
                        + (r.better().isEmpty() ? "" : " (" + r.better() + " is better)"), r.comparison()))
                .toList();
        if (!changes.isEmpty()) {
            page.html.append("<div class=\"charts\">\n");
            page.chart("Change of each metric against the baseline, with its interval and the ±max regression band",
                    "wide", () -> Charts.dataUri(ChangeChart.of(changes)));
            page.html.append("</div>\n");
        }
    }
}
