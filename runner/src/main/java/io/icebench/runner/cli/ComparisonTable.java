package io.icebench.runner.cli;

import io.icebench.spi.report.Comparison;
import io.icebench.spi.report.Numbers;

import java.util.Comparator;
import java.util.List;

/** The comparison table of {@code runner compare} and of a run against a baseline: regressions first. */
final class ComparisonTable {

    /** One compared metric. */
    record Row(String plugin, String metric, String unit, Comparison comparison) {
    }

    private ComparisonTable() {
    }

    static String render(List<Row> rows, String indent) {
        TextTable table = new TextTable("PLUGIN", "METRIC", "OLD MEDIAN", "NEW MEDIAN", "UNIT", "CHANGE",
                "INTERVAL", "P-VALUE", "VERDICT");
        rows.stream().sorted(Comparator.comparingInt(row -> order(row.comparison().verdict()))).forEach(row -> {
            Comparison c = row.comparison();
            table.row(row.plugin(), row.metric(), number(c.oldMedian()), number(c.newMedian()), row.unit(),
                    Comparison.percent(c.changePercent()),
                    c.judged() ? "[" + Comparison.percent(c.changeLow()) + ", " + Comparison.percent(c.changeHigh())
                            + "]" : "-",
                    c.pValueText(),
                    c.verdict() + (c.judged() ? " (max " + Numbers.format(c.maxRegressionPercent()) + "%)" : ""));
        });
        return table.render(indent);
    }

    /** REGRESSED, then IMPROVED, UNCHANGED, NOT_JUDGED. */
    static int order(Comparison.Verdict verdict) {
        return verdict.ordinal();
    }

    private static String number(double value) {
        return Double.isFinite(value) ? Numbers.format(value) : "-";
    }
}
