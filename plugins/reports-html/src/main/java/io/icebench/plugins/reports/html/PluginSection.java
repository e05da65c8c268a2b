package io.icebench.plugins.reports.html;

import io.icebench.plugins.support.Html;
import io.icebench.spi.Series;
import io.icebench.spi.Table;
import io.icebench.spi.MetricReport;
import io.icebench.spi.PluginReport;
import io.icebench.spi.report.Summary;
import io.icebench.spi.report.ThresholdVerdict;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.icebench.plugins.reports.html.Text.NONE;
import static io.icebench.plugins.reports.html.Text.compact;
import static io.icebench.plugins.reports.html.Text.duration;
import static io.icebench.plugins.reports.html.Text.interval;
import static io.icebench.plugins.reports.html.Text.pluginBadge;

/**
 * One plugin's section: its status and parameters, its metrics with their distributions and thresholds drawn,
 * its tables, its charts and the files it wrote.
 */
final class PluginSection {

    private PluginSection() {
    }

    static void render(Page page, PluginReport plugin) {
        page.html.append("<section class=\"plugin\" id=\"plugin-").append(Html.escape(plugin.id())).append("\">\n")
                .append("<h2><code>").append(Html.escape(plugin.id())).append("</code> ")
                .append(pluginBadge(plugin)).append(" <small>").append(Html.escape(plugin.kind().label()))
                .append("</small></h2>\n");
        if (!plugin.description().isBlank()) {
            page.html.append("<p class=\"description\">").append(Html.escape(plugin.description())).append("</p>\n");
        }
        page.html.append("<p class=\"meta\">status <b>").append(plugin.status().name()).append("</b> · took ")
                .append(duration(plugin.duration())).append(" · source ")
                .append(Html.escape(plugin.source())).append("</p>\n");
        plugin.failure().ifPresent(failure -> page.html.append("<p class=\"failure\">")
                .append(plugin.status().name()).append(": ").append(Html.escape(failure)).append("</p>\n"));
        if (!plugin.parameters().isEmpty() || !plugin.properties().isEmpty()) {
            page.html.append("<div class=\"pair\">\n");
            page.keyValues("Parameters", plugin.parameters());
            page.keyValues("Recorded", plugin.properties());
            page.html.append("</div>\n");
        }
        metrics(page, plugin);
        for (Table table : plugin.tables()) {
            exploratory(page, table);
        }
        series(page, plugin);
        files(page, plugin);
        page.html.append("</section>\n");
    }

    private static void metrics(Page page, PluginReport plugin) {
        if (plugin.metrics().isEmpty()) {
            if (!plugin.status().failed()) {
                page.html.append("<p>No metrics.</p>\n");
            }
            return;
        }
        page.html.append("<h3>Metrics</h3>\n");
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
                s.medianInterval().map(i -> interval("[" + compact(i.low()) + ", " + compact(i.high()) + "]"))
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
        page.table(new String[] {"Metric", "Unit", "Better", "n", "Median", "Median CI", "Mean", "SD", "Min", "Max",
            "p90", "p99", "IQR", "Outliers"},
                new boolean[] {false, false, false, true, true, false, true, true, true, true, true, true, true,
                    true}, rows, "metrics");
        page.html.append("<div class=\"charts\">\n");
        for (MetricReport m : plugin.metrics()) {
            if (m.samples().length == 0) {
                continue;
            }
            List<ThresholdVerdict> onIt = plugin.verdicts().stream()
                    .filter(v -> v.metric().equals(m.metric().name())).toList();
            String alt = "Distribution of " + m.metric().name() + " (" + m.samples().length
                    + (m.samples().length == 1 ? " sample)" : " samples)")
                    + (onIt.isEmpty() ? "" : " with its thresholds");
            page.chart(alt, "metric", () -> Charts.dataUri(DistributionChart.of(m, onIt)));
        }
        page.html.append("</div>\n");
    }

    private static void series(Page page, PluginReport plugin) {
        Map<String, List<Series>> byChart = new LinkedHashMap<>();
        for (Series s : plugin.series()) {
            byChart.computeIfAbsent(s.chart(), k -> new ArrayList<>()).add(s);
        }
        if (byChart.isEmpty()) {
            return;
        }
        page.html.append("<h3>Charts</h3>\n<div class=\"charts\">\n");
        for (Map.Entry<String, List<Series>> entry : byChart.entrySet()) {
            page.chart(entry.getKey(), "wide", () -> Charts.dataUri(Charts.lines(entry.getKey(), entry.getValue())));
        }
        page.html.append("</div>\n");
    }

    private static void exploratory(Page page, Table table) {
        page.html.append("<h3>").append(Html.escape(table.title().isBlank() ? table.name() : table.title()))
                .append(" <small><code>").append(Html.escape(table.name())).append("</code></small></h3>\n");
        page.html.append(Html.table(table, "data"));
    }

    private static void files(Page page, PluginReport plugin) {
        if (plugin.files().isEmpty()) {
            return;
        }
        page.html.append("<h3>Files written by the plugin</h3>\n<ul class=\"files\">\n");
        for (String file : plugin.files()) {
            page.html.append("<li><a href=\"").append(Html.escape(Html.relativeUrl(file))).append("\">")
                    .append(Html.escape(file)).append("</a></li>\n");
        }
        page.html.append("</ul>\n");
        for (String file : plugin.files()) {
            String lower = file.toLowerCase(Locale.ROOT);
            if (lower.endsWith(".png") || lower.endsWith(".svg") || lower.endsWith(".jpg")
                    || lower.endsWith(".jpeg") || lower.endsWith(".gif")) {
                page.html.append("<figure class=\"wide\"><img alt=\"").append(Html.escape(file)).append("\" src=\"")
                        .append(Html.escape(Html.relativeUrl(file))).append("\"><figcaption>")
                        .append(Html.escape(file)).append("</figcaption></figure>\n");
            }
        }
    }

    private static String percentile(Summary summary, String name) {
        Double value = summary.percentiles().get(name);
        return value == null ? NONE : compact(value);
    }
}
