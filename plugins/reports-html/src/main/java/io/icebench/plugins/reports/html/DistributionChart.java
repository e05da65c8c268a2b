package io.icebench.plugins.reports.html;

import io.icebench.spi.report.Comparison;
import io.icebench.spi.MetricReport;
import io.icebench.spi.report.Numbers;
import io.icebench.spi.report.ThresholdVerdict;
import org.knowm.xchart.Histogram;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A metric's samples with its thresholds: a histogram (XChart's {@link Histogram} binning, drawn as a stepped area)
 * with the median as a grey line and every threshold's limit as a dashed line named in the legend. A histogram on a
 * numeric axis rather than XChart's {@code BoxChart}: the box chart ignores the y-axis range, so a limit outside the
 * samples' range could not be shown; here the axis always stretches to include every limit. Samples of one value
 * (a single sample, say) are a stem with a dot at that value: as a bar, they filled the whole plot.
 */
final class DistributionChart {

    static {
        io.icebench.plugins.support.Charts.headless();
    }

    /** Samples from which a histogram's long tail is cut off at the 1st and 99th percentile. */
    static final int TAIL_CLIP_SAMPLES = 100;
    /** Decades of range from which a histogram is binned on a log axis. */
    static final double LOG_DECADES = 2;

    private static final Color FILL = new Color(84, 130, 197, 150);
    private static final Color EDGE = new Color(54, 95, 160);

    private DistributionChart() {
    }

    /** The range drawn: min to max, or p1 to p99 with {@code outside} samples left out. */
    private record Range(double min, double max, int outside) {
    }

    static XYChart of(MetricReport metric, List<ThresholdVerdict> verdicts) {
        String unit = metric.metric().unit().symbol();
        double[] samples = metric.samples();
        // a relative threshold's limit is a percentage, not a value on this axis: it is drawn as the baseline's
        // median instead, and not at all when there was no baseline
        verdicts = verdicts.stream().filter(v -> v.comparison().map(Comparison::judged).orElse(true)).toList();
        // legend entries: the median and one per threshold; more than two do not fit side by side in 560 px
        int entries = 1 + verdicts.size();
        boolean stacked = entries > 2;
        Range range = range(metric);
        String title = metric.metric().name() + " (" + samples.length + (samples.length == 1 ? " sample" : " samples")
                + (range.outside() > 0 ? "; " + range.outside() + " outside p1-p99 not drawn" : "") + ")";
        XYChart chart = new XYChartBuilder().width(Charts.METRIC_WIDTH)
                .height(Charts.METRIC_HEIGHT + (stacked ? 18 * (entries - 1) : 0))
                .title(title)
                .xAxisTitle(unit).yAxisTitle("samples").build();
        Charts.style(chart.getStyler());
        // below the plot: inside it, the legend hid the tallest bars
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(stacked ? Styler.LegendLayout.Vertical : Styler.LegendLayout.Horizontal);
        chart.getStyler().setMarkerSize(0);
        List<Double> values = new ArrayList<>(samples.length);
        for (double v : samples) {
            if (Double.isFinite(v) && v >= range.min() && v <= range.max()) {
                values.add(v);
            }
        }
        double highest;
        boolean log = false;
        if (range.max() > range.min()) {
            // samples spanning more than LOG_DECADES decades (batch waits from 0.15 µs to 6 ms) sat in the first bar
            // of a linear histogram: they are binned by their logarithm and drawn on a log axis, when everything
            // drawn on that axis (samples, limits, the baseline's median) is positive
            log = values.size() >= 20 && range.min() > 0 && range.max() / range.min() >= Math.pow(10, LOG_DECADES)
                    && verdicts.stream().allMatch(v -> v.comparison().map(c -> c.oldMedian() > 0)
                    .orElse(v.limit() > 0));
            highest = histogram(chart, values, range, log, unit);
        } else {
            highest = stem(chart, range.min(), values.size());
        }
        double top = Math.max(1, highest) * 1.08;
        lines(chart, metric, verdicts, unit, top);
        chart.getStyler().setYAxisMin(0.0);
        if (!(range.max() > range.min())) {
            around(chart, range.min());
        }
        if (Math.max(Math.abs(range.min()), Math.abs(range.max())) >= 1e4 && !log) {
            // 4.02E8 and 2E4 under the ticks read badly: 402 M as in the metrics table, 20000 as it is
            chart.getStyler().setxAxisTickLabelsFormattingFunction(Charts::prefixed);
        }
        return chart;
    }

    /**
     * A long tail (a few stalls among thousands of samples) squeezed every other sample into the first bin: with
     * enough samples, the 1st to 99th percentile are binned and the title says how many lie outside.
     */
    private static Range range(MetricReport metric) {
        double[] samples = metric.samples();
        double min = metric.summary().min();
        double max = metric.summary().max();
        if (samples.length >= TAIL_CLIP_SAMPLES) {
            double[] sorted = Arrays.stream(samples).filter(Double::isFinite).sorted().toArray();
            double low = sorted[(int) Math.floor(0.01 * (sorted.length - 1))];
            double high = sorted[(int) Math.ceil(0.99 * (sorted.length - 1))];
            if (high > low && max - min > 3 * (high - low)) {
                int outside = (int) Arrays.stream(sorted).filter(v -> v < low || v > high).count();
                return new Range(low, high, outside);
            }
        }
        return new Range(min, max, 0);
    }

    /** The histogram as a stepped area; returns its tallest bin. */
    private static double histogram(XYChart chart, List<Double> values, Range range, boolean log, String unit) {
        int bins = Math.max(5, Math.min(40, (int) Math.ceil(Math.sqrt(values.size()))));
        double from = log ? Math.log10(range.min()) : range.min();
        double to = log ? Math.log10(range.max()) : range.max();
        List<Double> binned = log ? values.stream().map(Math::log10).toList() : values;
        Histogram histogram = new Histogram(binned, bins, from, to);
        double width = (to - from) / bins;
        double[] x = new double[bins + 1];
        double[] y = new double[bins + 1];
        double highest = 0;
        List<Double> counts = histogram.getyAxisData();
        for (int i = 0; i < bins; i++) {
            x[i] = log ? Math.pow(10, from + i * width) : from + i * width;
            y[i] = counts.get(i);
            highest = Math.max(highest, y[i]);
        }
        x[bins] = range.max();
        y[bins] = y[bins - 1];
        if (log) {
            chart.getStyler().setXAxisLogarithmic(true);
            chart.getStyler().setXAxisLogarithmicDecadeOnly(true);
            chart.setXAxisTitle(unit + ", log scale (bins of equal width in log)");
        }
        XYSeries bars = chart.addSeries("samples", x, y);
        bars.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.StepArea);
        bars.setFillColor(FILL);
        bars.setLineColor(EDGE);
        bars.setMarker(SeriesMarkers.NONE);
        bars.setShowInLegend(false);
        return highest;
    }

    /** Samples of one value: a stem from zero to their count with a dot on top; returns the count. */
    private static double stem(XYChart chart, double value, int count) {
        XYSeries stem = chart.addSeries("samples", new double[] {value, value}, new double[] {0, count});
        stem.setLineColor(EDGE);
        stem.setLineStyle(new BasicStroke(3f));
        stem.setMarker(SeriesMarkers.NONE);
        stem.setShowInLegend(false);
        XYSeries dot = chart.addSeries("sample", new double[] {value}, new double[] {count});
        dot.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        dot.setMarker(SeriesMarkers.CIRCLE);
        dot.setMarkerColor(EDGE);
        dot.setShowInLegend(false);
        chart.getStyler().setMarkerSize(10);
        return count;
    }

    /** The median as a grey line, and each threshold's limit (or the baseline's median) in its verdict's colour. */
    private static void lines(XYChart chart, MetricReport metric, List<ThresholdVerdict> verdicts, String unit,
                              double top) {
        double middle = metric.summary().median();
        XYSeries median = chart.addSeries("median " + Numbers.format(middle) + " " + unit,
                new double[] {middle, middle}, new double[] {0, top});
        median.setLineColor(Charts.UNCHANGED);
        median.setLineStyle(new BasicStroke(1.5f));
        median.setMarker(SeriesMarkers.NONE);
        for (ThresholdVerdict verdict : verdicts) {
            double at = verdict.limit();
            String name = verdict.statistic() + " " + verdict.bound().operator() + " " + Numbers.format(verdict.limit())
                    + " " + unit + ": " + verdict.outcome().name();
            if (verdict.comparison().isPresent()) {
                Comparison c = verdict.comparison().get();
                at = c.oldMedian();
                name = "baseline median " + Numbers.format(at) + " " + unit + ": " + c.verdict().name() + " "
                        + Comparison.percent(c.changePercent());
            }
            XYSeries limit = chart.addSeries(io.icebench.plugins.support.Charts.uniqueName(chart, name),
                    new double[] {at, at}, new double[] {0, top});
            limit.setLineColor(colour(verdict));
            // the baseline's median dotted, a limit dashed: a slowed-down run put both at the same place
            limit.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    verdict.relative() ? new float[] {2f, 3f} : new float[] {6f, 4f}, 0f));
            limit.setMarker(SeriesMarkers.NONE);
        }
    }

    /**
     * The x axis around a single value: 1 % of it either side (XChart cannot draw an empty range), stretched to
     * every line drawn, so a limit far from the value is still on the chart.
     */
    private static void around(XYChart chart, double value) {
        double half = Math.abs(value) * 0.01 + 1e-9;
        double low = value - half;
        double high = value + half;
        for (XYSeries series : chart.getSeriesMap().values()) {
            low = Math.min(low, series.getXMin());
            high = Math.max(high, series.getXMax());
        }
        chart.getStyler().setXAxisMin(low);
        chart.getStyler().setXAxisMax(high);
        // XChart labelled the ticks of so narrow an axis 480.8035546865
        chart.getStyler().setxAxisTickLabelsFormattingFunction(Numbers::format);
    }

    /** The limit line's colour says the verdict: red FAIL, amber INCONCLUSIVE, green PASS, dark red ERROR. */
    private static Color colour(ThresholdVerdict verdict) {
        if (verdict.comparison().isPresent() && verdict.comparison().get().verdict()
                == Comparison.Verdict.UNCHANGED) {
            return Charts.UNCHANGED;
        }
        return switch (verdict.outcome()) {
            case PASS -> Charts.BETTER;
            case INCONCLUSIVE -> new Color(191, 135, 0);
            case ERROR -> new Color(139, 26, 26);
            default -> Charts.LIMIT;
        };
    }
}
