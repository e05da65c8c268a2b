package io.icebench.plugins.support;

import io.icebench.spi.Series;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

/**
 * XChart for the built-in plugins and report writers: headless (no display is needed, and a caller's explicit
 * {@code java.awt.headless} is respected), the studies' plain style, line charts whose overlapping series stay
 * visible, and PNG output to a file or a data URI. Plots are drawn from the same {@link Series} the runner
 * receives, so a plot never shows numbers the report does not have.
 */
public final class Charts {

    /** The size of a study's PNG. */
    public static final int WIDTH = 1000;
    public static final int HEIGHT = 600;

    /** Shapes that differ in outline, so markers drawn at the same point are all seen. */
    private static final Marker[] MARKERS = {SeriesMarkers.CIRCLE, SeriesMarkers.DIAMOND, SeriesMarkers.SQUARE,
        SeriesMarkers.TRIANGLE_UP, SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.CROSS};
    /** The first solid, the others dashed each its own way: where lines coincide, those below show in the gaps. */
    private static final float[][] DASHES = {null, {12f, 6f}, {3f, 5f}, {8f, 4f, 2f, 4f}, {2f, 8f}, {16f, 5f}};

    static {
        // Must be set before AWT initialises.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private Charts() {
    }

    /**
     * Makes sure AWT runs headless; call it before a class touches AWT in its own static initialiser (a
     * {@code Color} constant, say).
     */
    public static void headless() {
        // the static initialiser did the work
    }

    /** The studies' look: white, a grid, no box around the title. */
    public static void plain(AxesChartStyler styler) {
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotGridLinesVisible(true);
        styler.setChartTitleBoxVisible(false);
        styler.setAntiAlias(true);
    }

    /** An empty category chart of a study's size and look. */
    public static CategoryChart category(String title, String xLabel, String yLabel) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        plain(chart.getStyler());
        return chart;
    }

    /**
     * Lines with markers, one per series (series without points are left out), each axis linear or logarithmic;
     * axis titles come from the first series. Each series gets its own marker, dash and width
     * ({@link #distinguish}) and the legend goes below the plot ({@link #legendBelow}).
     */
    public static XYChart lines(String title, List<Series> series, boolean logX, boolean logY) {
        requireSome(series, title);
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(series.get(0).xLabel()).yAxisTitle(series.get(0).yLabel()).build();
        plain(chart.getStyler());
        chart.getStyler().setXAxisLogarithmic(logX);
        chart.getStyler().setYAxisLogarithmic(logY);
        if (!logY) {
            chart.getStyler().setYAxisMin(0.0);
        }
        int index = 0;
        for (Series one : series) {
            if (one.x().length > 0) {
                distinguish(chart.addSeries(uniqueName(chart, one.name()), one.x(), one.y()), index++);
            }
        }
        legendBelow(chart.getStyler(), series.stream().map(Series::name).toList(), WIDTH);
        return chart;
    }

    /** {@link #lines} saved as a PNG. */
    public static void lines(String title, List<Series> series, boolean logX, boolean logY, Path file)
            throws IOException {
        save(lines(title, series, logX, logY), file);
    }

    /**
     * The {@code index}th series' marker, dash and line width: the first solid and widest, later ones narrower and
     * dashed, so a series drawn exactly over another (two algorithms that pack alike) leaves the other visible
     * around it and in its gaps.
     */
    public static void distinguish(XYSeries series, int index) {
        series.setMarker(MARKERS[index % MARKERS.length]);
        float width = Math.max(1.5f, 5f - index);
        float[] dash = DASHES[index % DASHES.length];
        series.setLineStyle(dash == null ? new BasicStroke(width)
                : new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, dash, 0f));
    }

    /**
     * The legend under the plot: side by side when the names fit in {@code width}, otherwise one per line. A
     * legend wider than the chart was clipped on both sides and hid the series it named.
     */
    public static void legendBelow(Styler styler, List<String> names, int width) {
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        Font font = styler.getLegendFont();
        FontRenderContext context = new FontRenderContext(null, true, true);
        double needed = styler.getLegendPadding();
        for (String name : names) {
            needed += font.getStringBounds(name, context).getWidth() + styler.getLegendSeriesLineLength()
                    + 3.0 * styler.getLegendPadding();
        }
        styler.setLegendLayout(needed < width - 20 ? Styler.LegendLayout.Horizontal : Styler.LegendLayout.Vertical);
    }

    /** {@code name}, or {@code name #2}, {@code name #3}...: legend names must be unique within an XChart chart. */
    public static String uniqueName(XYChart chart, String name) {
        String unique = name;
        for (int n = 2; chart.getSeriesMap().containsKey(unique); n++) {
            unique = name + " #" + n;
        }
        return unique;
    }

    public static void requireSome(List<?> series, String title) {
        if (series.isEmpty()) {
            throw new IllegalArgumentException("chart '" + title + "' has no series");
        }
    }

    public static void save(Chart<?, ?> chart, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        }
    }

    /** The chart as a PNG data URI, for a self-contained page. */
    public static String dataUri(Chart<?, ?> chart) throws IOException {
        byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
    }
}
