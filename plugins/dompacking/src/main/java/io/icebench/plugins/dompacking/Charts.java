package io.icebench.plugins.dompacking;

import io.icebench.spi.Series;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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

    /** Lines with markers, one per series; each axis linear or logarithmic. */
    static void lines(String title, List<Series> series, boolean logX, boolean logY, Path file) throws IOException {
        if (series.isEmpty()) {
            throw new IllegalArgumentException("chart '" + title + "' has no series");
        }
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(series.get(0).xLabel()).yAxisTitle(series.get(0).yLabel()).build();
        var styler = chart.getStyler();
        styler.setChartBackgroundColor(java.awt.Color.WHITE);
        styler.setPlotGridLinesVisible(true);
        styler.setChartTitleBoxVisible(false);
        styler.setAntiAlias(true);
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setXAxisLogarithmic(logX);
        styler.setYAxisLogarithmic(logY);
        if (!logY) {
            styler.setYAxisMin(0.0);
        }
        for (Series one : series) {
            double[] x = one.x();
            double[] y = one.y();
            if (x.length == 0) {
                continue;
            }
            XYSeries line = chart.addSeries(one.name(), x, y);
            line.setMarker(SeriesMarkers.CIRCLE);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        }
    }
}
