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
        boolean paired = rows.stream().anyMatch(row -> row.comparison().paired());
        List<String> header = new java.util.ArrayList<>(List.of("PLUGIN", "METRIC", "OLD MEDIAN", "NEW MEDIAN", "UNIT",
                "CHANGE", "INTERVAL", "P-VALUE", "VERDICT"));
        if (paired) {
            header.add(2, "K");
            header.add(3, "B/A");
        }
        TextTable table = new TextTable(header.toArray(String[]::new));
        rows.stream().sorted(Comparator.comparingInt(row -> order(row.comparison().verdict()))).forEach(row -> {
            Comparison c = row.comparison();
            List<String> cells = new java.util.ArrayList<>(List.of(row.plugin(), row.metric(), number(c.oldMedian()),
                    number(c.newMedian()), row.unit(), Comparison.percent(c.changePercent()),
                    c.judged() ? "[" + Comparison.percent(c.changeLow()) + ", " + Comparison.percent(c.changeHigh())
                            + "]" : "-",
                    c.pValueText(),
                    c.verdict() + (c.judged() ? " (max " + Numbers.format(c.maxRegressionPercent()) + "%)" : "")));
            if (paired) {
                cells.add(2, c.paired() && c.judged() ? Integer.toString(c.blocks()) : "-");
                cells.add(3, c.paired() && c.judged() ? String.format(java.util.Locale.ROOT, "%.4f",
                        1 + c.changePercent() / 100) : "-");
            }
            table.row(cells.toArray(String[]::new));
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
