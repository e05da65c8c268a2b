package io.icebench.plugins.reports.html;

import io.icebench.spi.Series;
import io.icebench.spi.report.Numbers;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * Charts drawn by XChart and embedded as PNG data URIs. XChart's SVG output draws every glyph as a path (about
 * 100 KB per small chart), which would put a run with 30 metrics well over 2 MB; a PNG of the same chart is ~15 KB.
 */
final class Charts {

    // before anything touches AWT (the colours and fonts below included): charts are drawn without a display
    static {
        io.icebench.plugins.support.Charts.headless();
    }

    static final int METRIC_WIDTH = 560;
    static final int METRIC_HEIGHT = 320;
    static final int SERIES_WIDTH = 1120;
    static final int SERIES_HEIGHT = 380;
    /** Points per line series at most; longer series are thinned evenly (every point stays in results.json). */
    static final int MAX_POINTS = 2000;

    static final Color LIMIT = new Color(200, 30, 30);
    static final Color BETTER = new Color(26, 127, 55);
    static final Color UNCHANGED = new Color(87, 96, 106);
    static final Font TEXT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 13);

    private Charts() {
    }

    /** One line chart for the series sharing {@link Series#chart()}; axis labels come from the first series. */
    static XYChart lines(String title, List<Series> series) {
        Series first = series.get(0);
        XYChart chart = new XYChartBuilder().width(SERIES_WIDTH).height(SERIES_HEIGHT).title(title)
                .xAxisTitle(first.xLabel()).yAxisTitle(first.yLabel()).build();
        style(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setMarkerSize(5);
        // a plugin that labels an axis "log scale" means it: drawn linear, its small series were a flat line at 0
        chart.getStyler().setXAxisLogarithmic(logScale(first.xLabel(), series, true));
        chart.getStyler().setYAxisLogarithmic(logScale(first.yLabel(), series, false));
        // a grid line per decade: XChart's default, one per unit of each decade, greyed the plot
        chart.getStyler().setXAxisLogarithmicDecadeOnly(true);
        chart.getStyler().setYAxisLogarithmicDecadeOnly(true);
        int index = 0;
        for (Series s : series) {
            double[] x = thin(s.x());
            double[] y = thin(s.y());
            if (x.length == 0) {
                continue;
            }
            XYSeries line = chart.addSeries(io.icebench.plugins.support.Charts.uniqueName(chart, s.name()), x, y);
            io.icebench.plugins.support.Charts.distinguish(line, index++);
            if (x.length > 60) {
                line.setMarker(SeriesMarkers.NONE);
            }
        }
        return chart;
    }

    /** Whether an axis says it is on a log scale and every value on it is positive (XChart cannot draw others). */
    private static boolean logScale(String label, List<Series> series, boolean x) {
        if (!label.toLowerCase(Locale.ROOT).contains("log scale")) {
            return false;
        }
        for (Series s : series) {
            for (double v : x ? s.x() : s.y()) {
                if (!(v > 0)) {
                    return false;
                }
            }
        }
        return true;
    }

    static void style(Styler styler) {
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderVisible(false);
        styler.setLegendBorderColor(Color.WHITE);
        styler.setChartTitleFont(TITLE);
        styler.setChartTitleBoxVisible(false);
        styler.setLegendFont(TEXT);
        styler.setAntiAlias(true);
        if (styler instanceof org.knowm.xchart.style.AxesChartStyler axes) {
            axes.setLocale(Locale.ROOT);
            axes.setAxisTitleFont(TEXT);
            axes.setAxisTickLabelsFont(TEXT);
            axes.setPlotGridLinesColor(new Color(225, 225, 225));
            axes.setAxisTickMarksColor(new Color(150, 150, 150));
        }
    }

    private static double[] thin(double[] values) {
        if (values.length <= MAX_POINTS) {
            return values;
        }
        double[] out = new double[MAX_POINTS];
        for (int i = 0; i < MAX_POINTS; i++) {
            out[i] = values[(int) ((long) i * (values.length - 1) / (MAX_POINTS - 1))];
        }
        return out;
    }

    /** {@code 402 M}, {@code 1.5 G}: a value from a million up with an SI prefix; smaller ones as they are. */
    static String prefixed(double value) {
        double magnitude = Math.abs(value);
        if (!Double.isFinite(value) || magnitude < 1e6) {
            return Numbers.format(value);
        }
        String[] prefixes = {"M", "G", "T", "P", "E"};
        int step = Math.min(prefixes.length - 1, (int) Math.floor(Math.log10(magnitude) / 3) - 2);
        double scaled = value / Math.pow(1000, step + 2);
        if (Math.abs(scaled) >= 999.95 && step < prefixes.length - 1) {  // 999999999 would read 1000 M
            scaled /= 1000;
            step++;
        }
        return Numbers.format(scaled) + " " + prefixes[step];
    }

    /** The chart as a PNG data URI. */
    static String dataUri(Chart<?, ?> chart) throws IOException {
        return io.icebench.plugins.support.Charts.dataUri(chart);
    }
}
