package io.icebench.plugins.reports;

import io.icebench.plugins.support.Markdown;
import io.icebench.plugins.support.Outcomes;
import io.icebench.spi.ReportOutput;
import io.icebench.spi.ReportWriter;
import io.icebench.spi.Table;
import io.icebench.spi.report.BaselineRef;
import io.icebench.spi.report.Comparison;
import io.icebench.spi.MetricReport;
import io.icebench.spi.report.Numbers;
import io.icebench.spi.report.Outcome;
import io.icebench.spi.PluginReport;
import io.icebench.spi.RunReport;
import io.icebench.spi.report.ThresholdVerdict;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes {@code summary.md}, GitHub-flavoured Markdown for {@code $GITHUB_STEP_SUMMARY} or a pull-request comment:
 * the verdict in the title, one table row per threshold and per metric without one, why each threshold is what it
 * is, the problems of the run, and the exploratory tables folded away. Numbers have four significant digits
 * ({@link Numbers#format}); the raw values are in {@code results.json}.
 */
public final class MarkdownReportWriter implements ReportWriter {

    public static final String ID = "markdown";
    public static final String FILE_NAME = "summary.md";

    private static final String NONE = "—";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "summary.md: verdicts and thresholds as Markdown, for $GITHUB_STEP_SUMMARY or a pull-request comment";
    }

    @Override
    public void write(RunReport report, ReportOutput output) throws IOException {
        output.write(FILE_NAME, out -> render(report, out));
    }

    /** Writes the document to {@code out}, which is not closed. */
    static void render(RunReport report, OutputStream out) throws IOException {
        out.write(render(report).getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    static String render(RunReport report) {
        StringBuilder md = new StringBuilder(4096);
        md.append("## icebench ").append(Markdown.text(report.mode())).append(" run ")
                .append(Markdown.code(report.runId(), false)).append(": ")
                .append(Outcomes.word(report.outcome())).append("\n\n");
        md.append("Started ").append(report.startedAt()).append(", took ")
                .append(Numbers.format(Formats.seconds(Formats.runDuration(report)))).append(" s; icebench ")
                .append(Markdown.text(report.icebenchVersion())).append(", exit code ").append(report.exitCode())
                .append(".\n\n");

        if (report.plugins().isEmpty()) {
            md.append("No plugin ran.\n");
        } else {
            mainTable(md, report);
        }
        comparison(md, report);
        rationales(md, report);
        problems(md, report);
        files(md, report);
        for (PluginReport plugin : report.plugins()) {
            if (!plugin.tables().isEmpty()) {
                details(md, plugin);
            }
        }
        return md.toString();
    }

    private static void mainTable(StringBuilder md, RunReport report) {
        md.append("| Plugin | Metric | Value | Unit | Threshold | Verdict |\n");
        md.append("| --- | --- | ---: | --- | --- | --- |\n");
        for (PluginReport plugin : report.plugins()) {
            String id = Markdown.code(plugin.id(), true);
            int rows = 0;
            if (plugin.status().failed()) {
                row(md, id, NONE, NONE, NONE, NONE, "⚠️ " + plugin.status().name() + ": "
                        + Markdown.text(plugin.failure().orElse("did not run to completion")));
                rows++;
            }
            for (ThresholdVerdict verdict : plugin.verdicts()) {
                row(md, id, statistic(verdict.relative() ? "change" : verdict.statistic(), verdict.metric()),
                        verdict.measured().isPresent() ? verdict.measuredText() : NONE,  // numbers only: nothing to escape
                        Markdown.text(verdict.unit()),
                        Markdown.code(verdict.relative()
                                ? "max_regression " + Numbers.format(verdict.comparison().get().maxRegressionPercent())
                                        + "%"
                                : verdict.bound().operator() + " " + Numbers.format(verdict.limit()), true),
                        verdict(verdict));
                rows++;
            }
            Set<String> judged = plugin.verdicts().stream().map(ThresholdVerdict::metric).collect(Collectors.toSet());
            for (MetricReport metric : plugin.metrics()) {
                if (!judged.contains(metric.metric().name())) {
                    row(md, id, statistic("median", metric.metric().name()),
                            Numbers.format(metric.summary().median()),
                            Markdown.text(metric.metric().unit().symbol()), NONE, NONE);
                    rows++;
                }
            }
            if (rows == 0) {
                row(md, id, NONE, NONE, NONE, NONE, NONE);
            }
        }
    }

    private static String statistic(String statistic, String metric) {
        return Markdown.code(statistic + "(" + metric + ")", true);
    }

    /** Old against new for every relative threshold, regressions first; only when the run had a baseline. */
    private static void comparison(StringBuilder md, RunReport report) {
        if (report.baseline().isEmpty()) {
            return;
        }
        BaselineRef baseline = report.baseline().get();
        if (baseline.paired()) {
            md.append("\n### Compared with the base ").append(Markdown.code(baseline.runId(), false))
                    .append(", measured in this job, fork against fork (").append(Markdown.code(baseline.name(),
                            false)).append(")\n\n");
        } else {
            md.append("\n### Compared with baseline ").append(Markdown.code(baseline.name(), false)).append(" (run ")
                    .append(Markdown.code(baseline.runId(), false)).append(")\n\n");
        }
        List<String[]> rows = new ArrayList<>();
        for (PluginReport plugin : report.plugins()) {
            for (ThresholdVerdict verdict : plugin.verdicts()) {
                if (verdict.comparison().isEmpty()) {
                    continue;
                }
                Comparison c = verdict.comparison().get();
                rows.add(new String[] {String.valueOf(c.verdict().ordinal()), Markdown.code(plugin.id(), true),
                    Markdown.code(verdict.metric(), true), number(c.oldMedian()), number(c.newMedian()),
                    Markdown.text(verdict.unit()), c.judged() ? Comparison.percent(c.changePercent()) : NONE,
                    c.judged() ? "[" + Comparison.percent(c.changeLow()) + ", " + Comparison.percent(c.changeHigh())
                            + "]" + (c.paired() ? " " + Markdown.text(c.ratioText()) : "") : NONE,
                    c.judged() ? c.pValueText() : NONE, change(c)});
            }
        }
        if (rows.isEmpty()) {
            md.append("No relative thresholds (`max_regression`) were configured.\n");
        } else {
            // the interval's confidence level, said once when every row shares it (they do within one run)
            java.util.Set<Double> levels = new java.util.TreeSet<>();
            report.plugins().stream().flatMap(p -> p.verdicts().stream())
                    .flatMap(v -> v.comparison().stream()).map(Comparison::level).filter(Double::isFinite)
                    .forEach(levels::add);
            String interval = levels.size() == 1
                    ? "Interval (" + Numbers.format(levels.iterator().next() * 100) + "%)" : "Interval";
            md.append("| Plugin | Metric | Old median | New median | Unit | Change | ").append(interval)
                    .append(" | p-value | Verdict |\n");
            md.append("| --- | --- | ---: | ---: | --- | ---: | --- | ---: | --- |\n");
            rows.stream().sorted(java.util.Comparator.comparing((String[] r) -> r[0]))
                    .forEach(r -> row(md, java.util.Arrays.copyOfRange(r, 1, r.length)));
        }
        for (String difference : baseline.differences()) {
            md.append("\nFingerprint differs: ").append(Markdown.text(difference)).append('\n');
        }
    }

    private static String change(Comparison c) {
        return switch (c.verdict()) {
            case REGRESSED -> "❌ REGRESSED";
            case IMPROVED -> "✅ IMPROVED";
            case UNCHANGED -> "✅ UNCHANGED";
            case INCONCLUSIVE -> "⚠️ INCONCLUSIVE";
            case NOT_JUDGED -> "NOT JUDGED";
        };
    }

    private static String number(double value) {
        return Double.isFinite(value) ? Numbers.format(value) : NONE;
    }

    private static String verdict(ThresholdVerdict verdict) {
        if (verdict.relative() && verdict.outcome() != Outcome.ERROR) {
            Comparison c = verdict.comparison().get();
            return switch (c.verdict()) {
                case REGRESSED -> "❌ " + Markdown.text(verdict.message());
                case IMPROVED -> "✅ IMPROVED: " + Markdown.text(c.changeText());
                case UNCHANGED -> "✅ UNCHANGED: " + Markdown.text(c.changeText());
                case INCONCLUSIVE -> (verdict.inconclusiveFails() ? "❌ INCONCLUSIVE (counts as FAIL): "
                        : "⚠️ INCONCLUSIVE: ") + Markdown.text(verdict.message());
                case NOT_JUDGED -> Markdown.text(verdict.message());
            };
        }
        return switch (verdict.outcome()) {
            case PASS -> "✅ PASS";
            case FAIL -> "❌ FAIL: " + Markdown.text(verdict.message());
            case ERROR -> "⚠️ ERROR: " + Markdown.text(verdict.message());
            case INCONCLUSIVE -> (verdict.inconclusiveFails() ? "❌ INCONCLUSIVE (counts as FAIL): "
                    : "⚠️ INCONCLUSIVE (warning): ") + Markdown.text(verdict.message());
            case UNRELIABLE -> "⚠️ UNRELIABLE (machine busy): " + Markdown.text(verdict.message());
            case NONE -> NONE;
        };
    }

    private static void row(StringBuilder md, String... cells) {
        Markdown.row(md, List.of(cells));
    }

    private static void rationales(StringBuilder md, RunReport report) {
        List<String> items = new ArrayList<>();
        for (PluginReport plugin : report.plugins()) {
            for (ThresholdVerdict verdict : plugin.verdicts()) {
                items.add(Markdown.code(plugin.id(), false) + " " + Markdown.code(verdict.describe(), false) + ": "
                        + (verdict.rationale().isBlank() ? "(no rationale given)" : Markdown.text(verdict.rationale())));
            }
        }
        if (!items.isEmpty()) {
            md.append("\n### Why these thresholds\n\n");
            items.forEach(item -> md.append("- ").append(item).append('\n'));
        }
    }

    private static void problems(StringBuilder md, RunReport report) {
        if (!report.problems().isEmpty()) {
            md.append("\n### Problems\n\n");
            report.problems().forEach(problem -> md.append("- ").append(Markdown.leadingText(problem)).append('\n'));
        }
    }

    /** Links to the files plugins wrote (reports, plots); images are shown inline. Paths are relative to this file. */
    private static void files(StringBuilder md, RunReport report) {
        if (report.plugins().stream().allMatch(p -> p.files().isEmpty())) {
            return;
        }
        md.append("\n### Files written by plugins\n\n");
        for (PluginReport plugin : report.plugins()) {
            for (String file : plugin.files()) {
                String name = file.substring(file.lastIndexOf('/') + 1);
                md.append("- ").append(Markdown.code(plugin.id(), true)).append(": [")
                        .append(Markdown.text(name)).append("](").append(link(file)).append(")\n");
            }
        }
        for (PluginReport plugin : report.plugins()) {
            for (String file : plugin.files()) {
                if (file.endsWith(".png") || file.endsWith(".svg")) {
                    md.append("\n![").append(Markdown.text(plugin.id() + ": " + file.substring(file.lastIndexOf('/') + 1)))
                            .append("](").append(link(file)).append(")\n");
                }
            }
        }
    }

    /** A relative path as a Markdown link destination: characters that end or confuse one are percent-encoded. */
    private static String link(String path) {
        StringBuilder out = new StringBuilder(path.length());
        for (char c : path.toCharArray()) {
            switch (c) {
                case ' ' -> out.append("%20");
                case '(' -> out.append("%28");
                case ')' -> out.append("%29");
                case '<' -> out.append("%3C");
                case '>' -> out.append("%3E");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static void details(StringBuilder md, PluginReport plugin) {
        int tables = plugin.tables().size();
        md.append("\n<details><summary>").append(Markdown.html(plugin.id())).append(": ").append(tables)
                .append(tables == 1 ? " table" : " tables").append("</summary>\n");
        for (Table table : plugin.tables()) {
            md.append('\n');
            if (table.title().isBlank()) {
                md.append(Markdown.code(table.name(), false));
            } else {
                md.append("**").append(Markdown.text(table.title())).append("** (")
                        .append(Markdown.code(table.name(), false)).append(')');
            }
            md.append("\n\n");
            md.append(Markdown.table(table));
        }
        if (!plugin.series().isEmpty()) {
            md.append("\nChart data (").append(plugin.series().size()).append(" series) is in `results.json`.\n");
        }
        md.append("\n</details>\n");
    }
}
