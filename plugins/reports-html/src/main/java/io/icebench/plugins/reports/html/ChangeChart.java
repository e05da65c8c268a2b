package io.icebench.plugins.reports.html;

import io.icebench.spi.report.Comparison;
import io.icebench.spi.report.Numbers;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * A forest plot of relative thresholds: one row per judged comparison, the estimated change as a diamond on the
 * line of its confidence interval, over the band the threshold tolerates.
 */
final class ChangeChart {

    static {
        io.icebench.plugins.support.Charts.headless();
    }

    /** Percentage points of change beyond which the chart's axis is the log of new/old. */
    static final double CHANGE_LOG_SPAN = 60;

    private ChangeChart() {
    }

    /** One row of the chart: what was compared, and how it came out. */
    record Change(String label, Comparison comparison) {
    }

    /**
     * A forest plot of relative thresholds: one row per judged comparison, the estimated change as a diamond on the
     * line of its confidence interval (red REGRESSED, green IMPROVED, grey UNCHANGED), over a grey band from
     * −max_regression to +max_regression, and a line at no change. Each row is named above its line.
     */
    static XYChart of(List<Change> rows) {
        int n = rows.size();
        double level = rows.get(0).comparison().level();
        boolean log = logAxis(rows);
        DoubleUnaryOperator at = log ? v -> Math.log1p(v / 100) : v -> v;
        XYChart chart = new XYChartBuilder().width(Charts.SERIES_WIDTH).height(96 + 58 * n)
                .title("Change against the baseline: estimate (◆) and " + Numbers.format(level * 100)
                        + " % interval; grey band ±max regression")
                .xAxisTitle("change of the median (new vs old), %" + (log ? ", on a log scale of new/old" : ""))
                .build();
        Charts.style(chart.getStyler());
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setYAxisTicksVisible(false);
        chart.getStyler().setMarkerSize(11);
        chart.getStyler().setAnnotationTextFont(Charts.TEXT);
        chart.getStyler().setAnnotationTextFontColor(new Color(31, 35, 40));
        chart.getStyler().setxAxisTickLabelsFormattingFunction(Comparison::percent);

        double[] range = range(rows, log, at);
        double low = range[0];
        double high = range[1];
        double top = n + 0.75;
        chart.getStyler().setXAxisMin(low);
        chart.getStyler().setXAxisMax(high);
        chart.getStyler().setYAxisMin(0.35);
        chart.getStyler().setYAxisMax(top);

        if (log) {
            logTicks(chart, low, high, top);
        }
        XYSeries zero = chart.addSeries("no change", new double[] {0, 0}, new double[] {0.35, top});
        zero.setLineColor(new Color(87, 96, 106));
        zero.setLineStyle(new BasicStroke(1f));
        zero.setMarker(SeriesMarkers.NONE);
        for (int i = 0; i < n; i++) {
            row(chart, i, n - i, rows.get(i), at, (low + high) / 2);
        }
        return chart;
    }

    /**
     * A change is a ratio: when they span more than CHANGE_LOG_SPAN percentage points (a loaded machine's -65 %
     * beside a +3753 %), a linear axis shrinks every small change, its interval and the band to a dot; then the
     * axis is the log of new/old, labelled in percent.
     */
    private static boolean logAxis(List<Change> rows) {
        double span = 0;
        boolean positive = true;
        for (Change row : rows) {
            Comparison c = row.comparison();
            for (double v : new double[] {c.changeLow(), c.changeHigh(), c.changePercent()}) {
                if (Double.isFinite(v)) {
                    span = Math.max(span, Math.abs(v));
                    positive &= v > -100;
                }
            }
        }
        return positive && span > CHANGE_LOG_SPAN;
    }

    /** The x axis: every change, interval and band, and no change, with a margin. */
    private static double[] range(List<Change> rows, boolean log, DoubleUnaryOperator at) {
        double low = 0;
        double high = 0;
        for (Change row : rows) {
            Comparison c = row.comparison();
            for (double v : new double[] {c.changeLow(), c.changeHigh(), c.changePercent(),
                -c.maxRegressionPercent(), c.maxRegressionPercent()}) {
                if (Double.isFinite(v) && (!log || v > -100)) {
                    low = Math.min(low, at.applyAsDouble(v));
                    high = Math.max(high, at.applyAsDouble(v));
                }
            }
        }
        double pad = Math.max(log ? 0.01 : 1, (high - low) * 0.08);
        return new double[] {low - pad, high + pad};
    }

    /** Row {@code i} at height {@code y}: its band, its interval, its estimate and its label. */
    private static void row(XYChart chart, int i, double y, Change row, DoubleUnaryOperator at, double middle) {
        Comparison c = row.comparison();
        double max = c.maxRegressionPercent();
        if (Double.isFinite(max)) {
            XYSeries band = chart.addSeries("band " + i,
                    new double[] {at.applyAsDouble(Math.max(-max, -99)), at.applyAsDouble(max)},
                    new double[] {y, y});
            band.setLineColor(new Color(0, 0, 0, 30));
            band.setLineStyle(new BasicStroke(18f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER));
            band.setMarker(SeriesMarkers.NONE);
        }
        Color colour = switch (c.verdict()) {
            case REGRESSED -> Charts.LIMIT;
            case IMPROVED -> Charts.BETTER;
            default -> Charts.UNCHANGED;
        };
        if (Double.isFinite(c.changeLow()) && Double.isFinite(c.changeHigh())) {
            XYSeries interval = chart.addSeries("interval " + i,
                    new double[] {at.applyAsDouble(c.changeLow()), at.applyAsDouble(c.changeHigh())},
                    new double[] {y, y});
            interval.setLineColor(colour);
            interval.setLineStyle(new BasicStroke(3f));
            interval.setMarker(SeriesMarkers.NONE);
        }
        if (Double.isFinite(c.changePercent())) {
            XYSeries estimate = chart.addSeries("estimate " + i,
                    new double[] {at.applyAsDouble(c.changePercent())}, new double[] {y});
            estimate.setMarker(SeriesMarkers.DIAMOND);
            estimate.setMarkerColor(colour);
            estimate.setLineStyle(new BasicStroke(0f));
            estimate.setLineColor(new Color(0, 0, 0, 0));
        }
        chart.addAnnotation(new AnnotationText(row.label() + ": " + c.verdict().name() + " "
                + c.changeText(), middle, y + 0.38, false));
    }

    /** Round changes a reader can place: XChart's ticks on the log axis read +64.87 %, +171.8 %, +348.2 %. */
    private static final double[] NICE_CHANGES = {-99.9, -99, -98, -95, -90, -80, -75, -50, -25, -10, 10, 25, 50, 100,
        200, 300, 500, 1000, 2000, 3000, 5000, 10_000, 20_000, 50_000, 100_000, 1_000_000};

    /**
     * Ticks of a log-of-new/old axis at round changes, labelled at the foot of the plot with a faint grid line each,
     * thinned to about a dozen; XChart's own ticks and vertical grid are hidden.
     */
    private static void logTicks(XYChart chart, double low, double high, double top) {
        chart.getStyler().setXAxisTicksVisible(false);
        chart.getStyler().setPlotGridVerticalLinesVisible(false);
        double gap = (high - low) / 12;
        List<Double> ticks = new ArrayList<>(List.of(0.0));
        double right = 0;
        double left = 0;
        for (double change : NICE_CHANGES) {  // rightwards from no change
            double x = Math.log1p(change / 100);
            if (change > 0 && x <= high && x - right >= gap) {
                ticks.add(change);
                right = x;
            }
        }
        for (int i = NICE_CHANGES.length - 1; i >= 0; i--) {  // leftwards from no change
            double change = NICE_CHANGES[i];
            double x = Math.log1p(change / 100);
            if (change < 0 && x >= low && left - x >= gap) {
                ticks.add(change);
                left = x;
            }
        }
        for (double change : ticks) {
            double x = Math.log1p(change / 100);
            if (change != 0) {
                XYSeries line = chart.addSeries("tick " + Comparison.percent(change), new double[] {x, x},
                        new double[] {0.35, top});
                line.setLineColor(new Color(225, 225, 225));
                line.setLineStyle(new BasicStroke(1f));
                line.setMarker(SeriesMarkers.NONE);
            }
            chart.addAnnotation(new AnnotationText(change == 0 ? "0%" : Comparison.percent(change), x, 0.47, false));
        }
    }
}
