package io.icebench.runner.cli;

import io.icebench.runner.verdict.Reliability;
import io.icebench.spi.report.Comparison;
import io.icebench.spi.MetricReport;
import io.icebench.spi.report.Numbers;
import io.icebench.spi.report.Outcome;
import io.icebench.spi.PluginReport;
import io.icebench.spi.RunReport;
import io.icebench.spi.report.ThresholdVerdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The short table a run prints: plugin, metric, value, unit, threshold, verdict; then the run's verdict. */
final class ConsoleTable {

    private ConsoleTable() {
    }

    static String render(RunReport report) {
        // With --against and no --baseline, the report's baseline names the base measured in this job.
        boolean storedBaseline = report.baseline().filter(baseline -> !baseline.paired()).isPresent();
        boolean againstGiven = report.configuration().containsKey("against");
        List<ComparisonTable.Row> rows = comparisonRows(report);
        List<ComparisonTable.Row> paired = rows.stream().filter(r -> r.comparison().paired()).toList();
        List<ComparisonTable.Row> stored = rows.stream().filter(r -> !r.comparison().paired()).toList();
        String relative = counts("relative thresholds", stored, storedBaseline ? "" : NO_BASELINE)
                + counts("paired thresholds", paired, againstGiven ? "" : NO_BASE);
        return metricTable(report, storedBaseline, againstGiven).render("")
                + comparisons(report, storedBaseline, stored, paired) + "\n" + relative + summary(report)
                + unreliableLines(report) + warnings(report);
    }

    /** A row per threshold verdict, then one per metric without a threshold; a failed plugin's row first. */
    private static TextTable metricTable(RunReport report, boolean storedBaseline, boolean againstGiven) {
        TextTable table = new TextTable("PLUGIN", "METRIC", "VALUE", "UNIT", "THRESHOLD", "VERDICT");
        for (PluginReport plugin : report.plugins()) {
            if (plugin.status().failed()) {
                table.row(plugin.id(), "-", "-", "", "", plugin.status() + ": " + plugin.failure().orElse(""));
            }
            for (ThresholdVerdict verdict : plugin.verdicts()) {
                verdictRow(table, plugin, verdict, storedBaseline, againstGiven);
            }
            Set<String> judged = plugin.verdicts().stream().map(ThresholdVerdict::metric).collect(Collectors.toSet());
            for (MetricReport metric : plugin.metrics()) {
                if (!judged.contains(metric.metric().name())) {
                    table.row(plugin.id(), "median(" + metric.metric().name() + ")",
                            Numbers.format(metric.summary().median()), metric.metric().unit().symbol(), "",
                            meaning(metric.metric().description()));
                }
            }
        }
        return table;
    }

    /** A verdict's row: a relative one not compared, a paired change, a change against a stored baseline, a bound. */
    private static void verdictRow(TextTable table, PluginReport plugin, ThresholdVerdict verdict,
                                   boolean storedBaseline, boolean againstGiven) {
        if (verdict.relative() && verdict.outcome() != Outcome.ERROR
                && !verdict.comparison().get().judged()) {
            // Nothing was compared: the value is this run's own statistic, not a change, and why the
            // threshold was not judged is said once, below the table, when it is the same for every row.
            table.row(plugin.id(), verdict.statistic() + "(" + verdict.metric() + ")", verdict.measuredText(),
                    verdict.unit(), relativeThreshold(verdict.comparison().get()),
                    notJudgedCell(verdict, storedBaseline, againstGiven));
            return;
        }
        if (verdict.relative() && verdict.comparison().get().paired()) {
            Comparison c = verdict.comparison().get();
            table.row(plugin.id(), "change(" + verdict.metric() + ")", verdict.measuredText(), verdict.unit(),
                    relativeThreshold(c),
                    verdict.outcome() == Outcome.ERROR ? "ERROR: " + verdict.message()
                            : c.verdict() + ": " + c.ratioText() + ", change " + c.changeText()
                                    + (verdict.effectiveOutcome() == Outcome.FAIL && c.verdict()
                                            == Comparison.Verdict.INCONCLUSIVE ? " (counts as FAIL)" : ""));
            return;
        }
        if (verdict.relative()) {
            table.row(plugin.id(), "change(" + verdict.metric() + ")", verdict.measuredText(), verdict.unit(),
                    relativeThreshold(verdict.comparison().get()),
                    verdict.outcome() == Outcome.ERROR ? "ERROR: " + verdict.message() : verdict.message());
            return;
        }
        table.row(plugin.id(), verdict.statistic() + "(" + verdict.metric() + ")",
                verdict.measuredText(),
                verdict.unit(), verdict.bound().operator() + " " + Numbers.format(verdict.limit()),
                verdictCell(verdict));
    }

    /** Every verdict that carries a comparison, as a row of {@link ComparisonTable}. */
    private static List<ComparisonTable.Row> comparisonRows(RunReport report) {
        List<ComparisonTable.Row> rows = new ArrayList<>();
        for (PluginReport plugin : report.plugins()) {
            for (ThresholdVerdict judged : plugin.verdicts()) {
                judged.comparison().ifPresent(c -> rows.add(new ComparisonTable.Row(plugin.id(), judged.metric(),
                        judged.unit(), c)));
            }
        }
        return rows;
    }

    /** The stored baseline (with its fingerprint differences) and the base measured in this job, if judged. */
    private static String comparisons(RunReport report, boolean storedBaseline, List<ComparisonTable.Row> stored,
                                      List<ComparisonTable.Row> paired) {
        StringBuilder comparison = new StringBuilder();
        if (storedBaseline) {
            var baseline = report.baseline().get();
            comparison.append("\nbaseline: ").append(baseline.name()).append(" = run ").append(baseline.runId())
                    .append(" (").append(baseline.source()).append(")\n");
            baseline.differences().forEach(line -> comparison.append("  fingerprint differs: ").append(line)
                    .append('\n'));
            if (!stored.isEmpty()) {
                comparison.append(ComparisonTable.render(stored, ""));
            }
        }
        if (paired.stream().anyMatch(r -> r.comparison().judged())) {
            comparison.append("\nagainst: ").append(report.configuration().getOrDefault("against", "?"))
                    .append(" (A), fork against fork; this build is B\n")
                    .append(ComparisonTable.render(paired, ""));
        }
        return comparison.toString();
    }

    /** The run's line: its verdict, the thresholds by outcome, the plugins that failed, the exit code. */
    private static String summary(RunReport report) {
        long passed = count(report, Outcome.PASS);
        long failed = count(report, Outcome.FAIL);
        long errors = count(report, Outcome.ERROR);
        long unjudged = count(report, Outcome.NONE);
        long inconclusive = count(report, Outcome.INCONCLUSIVE);
        long unreliable = count(report, Outcome.UNRELIABLE);
        long broken = report.plugins().stream().filter(p -> p.status().failed()).count();
        return report.mode() + " run " + report.runId() + ": " + runVerdict(report, broken) + " ("
                + report.plugins().size() + " plugins, " + passed + " thresholds passed, " + failed + " failed, "
                + inconclusive + " inconclusive, " + (unreliable == 0 ? "" : unreliable + " unreliable, ")
                + errors + " could not be judged, " + unjudged
                + " not judged (no baseline), " + broken
                + " plugins failed to run; exit " + report.exitCode() + ")\n";
    }

    /** The run's verdict in words; {@code broken} plugins failed to run. */
    private static String runVerdict(RunReport report, long broken) {
        String verdict = switch (report.outcome()) {
            case PASS -> "PASSED";
            case FAIL -> report.mode().equals("explore") ? "COMPLETED (thresholds failed, explore mode)" : "FAILED";
            case ERROR -> "ERROR";
            case NONE -> "COMPLETED";
            case INCONCLUSIVE -> "INCONCLUSIVE";  // runs are never INCONCLUSIVE, only thresholds
            case UNRELIABLE -> "UNRELIABLE";
        };
        if (report.exitCode() == io.icebench.runner.ExitCodes.PLUGIN_FAILED && broken == 0) {
            // Every plugin ran, but a report or the history could not be written: the run did not pass.
            verdict = "ERROR: a report or the history could not be written";
        }
        return verdict;
    }

    /** A line per UNRELIABLE verdict, with why the machine was judged too busy. */
    private static String unreliableLines(RunReport report) {
        StringBuilder unreliableLines = new StringBuilder();
        for (PluginReport plugin : report.plugins()) {
            plugin.verdicts().stream().filter(v -> v.outcome() == Outcome.UNRELIABLE).forEach(v -> unreliableLines
                    .append("UNRELIABLE: ").append(plugin.id()).append(' ').append(v.statistic()).append('(')
                    .append(v.metric()).append(") ").append(v.measuredText()).append(' ').append(v.unit())
                    .append(" against ").append(v.bound().label()).append(' ')
                    .append(Numbers.format(v.limit())).append(": ")
                    .append(plugin.properties().getOrDefault(Reliability.REASON, "the machine was busy"))
                    .append('\n'));
        }
        return unreliableLines.toString();
    }

    /** The warnings for thresholds that passed while inconclusive: absolute or relative ones, and paired ones. */
    private static String warnings(RunReport report) {
        long warnings = report.plugins().stream().flatMap(p -> p.verdicts().stream())
                .filter(ThresholdVerdict::warning).count();
        long pairedWarnings = report.plugins().stream().flatMap(p -> p.verdicts().stream())
                .filter(v -> v.warning() && v.comparison().filter(Comparison::paired).isPresent()).count();
        return (warnings - pairedWarnings == 0 ? "" : "WARNING: " + (warnings - pairedWarnings)
                        + " threshold(s) inconclusive: the statistic's confidence interval still straddles the limit"
                        + " after the re-runs; passed under 'inconclusive: warn' (more iterations, or"
                        + " icebench.inconclusive-reruns, narrow it)\n")
                + (pairedWarnings == 0 ? "" : "WARNING: " + pairedWarnings + " paired threshold(s) inconclusive: the"
                        + " budget ran out with the ratio's interval straddling the threshold; passed under"
                        + " 'inconclusive: warn' (a busy machine widens it: rerun on a quiet one, or raise"
                        + " paired.max-blocks and paired.budget)\n");
    }

    /** Why relative thresholds were not judged, said once below the table; it fits in 80 columns. */
    static final String NO_BASELINE = "  no baseline: pass --baseline NAME|latest|FILE (runner baseline save makes"
            + " one)";

    /** Why paired thresholds were not judged, said once below the table; it fits in 80 columns. */
    static final String NO_BASE = "  no base: pass --against REF (a git revision: HEAD~1) or --against-app DIR";

    /** The longest description shown in a row; the rest is in {@code runner describe ID} and the reports. */
    static final int MEANING_CHARS = 48;

    /**
     * What a metric without a threshold measures, in brackets in the verdict column it leaves empty: a figure such
     * as {@code batch_latency 0.0009 ms} reads as a load time unless the row says it is the consumer's wait.
     */
    static String meaning(String description) {
        if (description == null || description.isBlank()) {
            return "";
        }
        String text = description.strip();
        if (text.length() > MEANING_CHARS) {
            text = text.substring(0, MEANING_CHARS - 1).stripTrailing() + "…";
        }
        return "(" + text + ")";
    }

    private static String relativeThreshold(Comparison comparison) {
        return (comparison.paired() ? "paired_max_regression " : "max_regression ")
                + Numbers.format(comparison.maxRegressionPercent()) + "%";
    }

    /**
     * A NOT JUDGED verdict's cell: short when the reason is the run's (no --baseline, no --against) and the line
     * below the table gives it; the verdict's own message when it is the row's (the baseline lacks this metric).
     */
    private static String notJudgedCell(ThresholdVerdict verdict, boolean storedBaseline, boolean againstGiven) {
        boolean paired = verdict.comparison().get().paired();
        if (paired && !againstGiven) {
            return "NOT JUDGED: no base (see below)";
        }
        if (!paired && !storedBaseline) {
            return "NOT JUDGED: no baseline (see below)";
        }
        return verdict.message();
    }

    private static String counts(String what, List<ComparisonTable.Row> rows, String hint) {
        if (rows.isEmpty()) {
            return "";
        }
        StringBuilder line = new StringBuilder(what).append(":");
        String separator = " ";
        for (Comparison.Verdict verdict : Comparison.Verdict.values()) {
            long n = rows.stream().filter(r -> r.comparison().verdict() == verdict).count();
            if (n > 0 || verdict != Comparison.Verdict.INCONCLUSIVE) {
                line.append(separator).append(n).append(' ').append(verdict.name().toLowerCase(java.util.Locale.ROOT)
                        .replace('_', ' '));
                separator = ", ";
            }
        }
        line.append('\n');
        if (!hint.isEmpty() && rows.stream().anyMatch(r -> !r.comparison().judged())) {
            line.append(hint).append('\n');
        }
        return line.toString();
    }

    private static String verdictCell(ThresholdVerdict verdict) {
        return switch (verdict.outcome()) {
            case PASS -> "PASS";
            case INCONCLUSIVE -> (verdict.inconclusiveFails() ? "INCONCLUSIVE (counts as FAIL): "
                    : "INCONCLUSIVE (warning): ") + verdict.message();
            default -> verdict.outcome() + ": " + verdict.message();
        };
    }

    private static long count(RunReport report, Outcome outcome) {
        return report.plugins().stream().flatMap(p -> p.verdicts().stream())
                .filter(v -> v.outcome() == outcome).count();
    }
}
