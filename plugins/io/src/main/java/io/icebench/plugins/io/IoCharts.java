package io.icebench.plugins.io;

import io.icebench.plugins.support.Charts;
import io.icebench.spi.Series;
import org.knowm.xchart.CategoryChart;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.DoubleFunction;

/**
 * The study's two kinds of bar chart, on {@link Charts}' headless XChart; its line charts are {@link Charts#lines}.
 */
final class IoCharts {

    private IoCharts() {
    }

    /**
     * A histogram with a logarithmic count axis. Empty bins draw no bar: the axis starts below one, where a log
     * axis has room, instead of at zero, where it has none.
     */
    static void histogram(String title, String xLabel, LogHistogram histogram, Path file) throws IOException {
        CategoryChart chart = Charts.category(title, xLabel, "events (log scale)");
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
        Charts.save(chart, file);
    }

    /**
     * Grouped bars: one group per x value (named by {@code category}), one bar per series. A series may lack some
     * x values (a figure that was not measured, such as an unverified cold read): it then draws no bar there.
     */
    static void bars(String title, List<Series> series, DoubleFunction<String> category, Path file)
            throws IOException {
        Charts.requireSome(series, title);
        CategoryChart chart = Charts.category(title, series.get(0).xLabel(), series.get(0).yLabel());
        Charts.legendBelow(chart.getStyler(), series.stream().map(Series::name).toList(), Charts.WIDTH);
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
        Charts.save(chart, file);
    }
}
