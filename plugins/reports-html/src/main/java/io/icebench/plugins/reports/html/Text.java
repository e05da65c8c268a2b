package io.icebench.plugins.reports.html;

import io.icebench.plugins.support.Html;
import io.icebench.plugins.support.Outcomes;
import io.icebench.spi.report.Comparison;
import io.icebench.spi.report.Numbers;
import io.icebench.spi.report.Outcome;
import io.icebench.spi.PluginReport;
import io.icebench.spi.report.ThresholdVerdict;

import java.time.Duration;
import java.util.Locale;

/** The page's small pieces of HTML: badges, numbers with units, intervals, durations. */
final class Text {

    static final String NONE = "—";

    private Text() {
    }

    static String badge(ThresholdVerdict v) {
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

    /** An interval kept on one line: wrapped after its comma, {@code [20.23,} over {@code 70.82]} read as two values. */
    static String interval(String html) {
        return "<span class=\"interval\">" + html + "</span>";
    }

    /** {@code [+8.1%, +15%]}. */
    static String changeInterval(Comparison c) {
        return "[" + Comparison.percent(c.changeLow()) + ", " + Comparison.percent(c.changeHigh()) + "]";
    }

    static String pluginBadge(PluginReport plugin) {
        Outcome outcome = plugin.outcome();
        return "<span class=\"badge " + cssClass(outcome) + "\">" + Outcomes.word(outcome) + "</span>";
    }

    static String cssClass(Outcome outcome) {
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
    static String withUnit(double value, String unit) {
        return Double.isFinite(value) ? Numbers.format(value) + " <small>" + Html.escape(unit) + "</small>" : NONE;
    }

    static String percent(double level) {
        return Numbers.format(level * 100) + " %";
    }

    static String duration(Duration duration) {
        double seconds = duration.getSeconds() + duration.getNano() / 1e9;
        if (seconds < 120) {
            return Numbers.format(seconds) + " s";
        }
        long total = Math.round(seconds);
        return String.format(Locale.ROOT, "%d min %02d s (%s s)", total / 60, total % 60, Numbers.format(seconds));
    }
}
