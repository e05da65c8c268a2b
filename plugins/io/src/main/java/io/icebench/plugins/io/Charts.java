package io.icebench.plugins.io;

import io.icebench.spi.Series;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.DoubleFunction;

/**
 * The study's PNG plots, drawn with XChart from the same {@link Series} the runner receives, so a plot never shows
 * numbers the report does not have. Headless: no display is needed.
 */
final class Charts {

    private static final int WIDTH = 1000;
    private static final int HEIGHT = 600;

    static {
        // Must be set before AWT initialises; a caller's explicit choice is respected.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private Charts() {
    }

    /**
     * A histogram with a logarithmic count axis. Empty bins draw no bar: the axis starts below one, where a log
     * axis has room, instead of at zero, where it has none.
     */
    static void histogram(String title, String xLabel, LogHistogram histogram, Path file) throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xLabel).yAxisTitle("events (log scale)").build();
        style(chart.getStyler());
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setYAxisMin(0.5);
        chart.getStyler().setXAxisLabelRotation(90);
        chart.getStyler().setAvailableSpaceFill(0.95);
        List<String> labels = new ArrayList<>();
        List<Number> counts = new ArrayList<>();
        for (int bin = 0; bin < histogram.bins(); bin++) {
            labels.add(histogram.label(bin));
            long count = histogram.counts()[bin];
            counts.add(count == 0 ? null : count);
        }
        chart.addSeries("events", labels, counts);
        save(chart, file);
    }

    /** Lines with markers, one per series, on linear axes. */
    static void lines(String title, List<Series> series, Path file) throws IOException {
        requireSome(series, title);
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(series.get(0).xLabel()).yAxisTitle(series.get(0).yLabel()).build();
        style(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setYAxisMin(0.0);
        for (Series one : series) {
            XYSeries line = chart.addSeries(one.name(), one.x(), one.y());
            line.setMarker(SeriesMarkers.CIRCLE);
        }
        save(chart, file);
    }

    /**
     * Grouped bars: one group per x value (named by {@code category}), one bar per series. A series may lack some
     * x values (a figure that was not measured, such as an unverified cold read): it then draws no bar there.
     */
    static void bars(String title, List<Series> series, DoubleFunction<String> category, Path file)
            throws IOException {
        requireSome(series, title);
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(series.get(0).xLabel()).yAxisTitle(series.get(0).yLabel()).build();
        style(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        TreeSet<Double> xs = new TreeSet<>();
        for (Series one : series) {
            for (double x : one.x()) {
                xs.add(x);
            }
        }
        List<String> categories = new ArrayList<>();
        for (double x : xs) {
            categories.add(category.apply(x));
        }
        for (Series one : series) {
            Map<Double, Double> byX = new HashMap<>();
            double[] x = one.x();
            double[] y = one.y();
            for (int i = 0; i < x.length; i++) {
                byX.put(x[i], y[i]);
            }
            List<Number> values = new ArrayList<>();
            for (double value : xs) {
                values.add(byX.get(value));
            }
            chart.addSeries(one.name(), categories, values);
        }
        save(chart, file);
    }

    private static void style(org.knowm.xchart.style.AxesChartStyler styler) {
        styler.setChartBackgroundColor(java.awt.Color.WHITE);
        styler.setPlotGridLinesVisible(true);
        styler.setChartTitleBoxVisible(false);
        styler.setAntiAlias(true);
    }

    private static void requireSome(List<Series> series, String title) {
        if (series.isEmpty()) {
            throw new IllegalArgumentException("chart '" + title + "' has no series");
        }
    }

    private static void save(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        }
    }
}
