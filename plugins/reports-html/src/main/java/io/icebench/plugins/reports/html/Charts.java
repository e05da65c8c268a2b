package io.icebench.plugins.reports.html;

import io.icebench.spi.Series;
import io.icebench.spi.report.Comparison;
import io.icebench.spi.MetricReport;
import io.icebench.spi.report.Numbers;
import io.icebench.spi.report.ThresholdVerdict;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.Histogram;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Charts drawn by XChart and embedded as PNG data URIs. XChart's SVG output draws every glyph as a path (about
 * 100 KB per small chart), which would put a run with 30 metrics well over 2 MB; a PNG of the same chart is ~15 KB.
 */
final class Charts {

    // before anything touches AWT (the colours and fonts below included): charts are drawn without a display
    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }


    static final int METRIC_WIDTH = 560;
    static final int METRIC_HEIGHT = 320;
    static final int SERIES_WIDTH = 1120;
    static final int SERIES_HEIGHT = 380;
    /** Points per line series at most; longer series are thinned evenly (every point stays in results.json). */
    static final int MAX_POINTS = 2000;
    /** Samples from which a histogram's long tail is cut off at the 1st and 99th percentile. */
    static final int TAIL_CLIP_SAMPLES = 100;
    /** Percentage points of change beyond which the change chart's axis is the log of new/old. */
    static final double CHANGE_LOG_SPAN = 60;
    /** Decades of range from which a histogram is binned on a log axis. */
    static final double LOG_DECADES = 2;

    private static final Color LIMIT = new Color(200, 30, 30);
    private static final Color BETTER = new Color(26, 127, 55);
    private static final Color UNCHANGED = new Color(87, 96, 106);
    private static final Font TEXT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 13);

    private Charts() {
    }

    /**
     * A histogram of the metric's raw samples (XChart's {@link Histogram} binning, drawn as a stepped area) with
     * the median as a grey line and every threshold's limit as a red dashed line named in the legend. A histogram on
     * a numeric axis rather than XChart's {@code BoxChart}: the box chart ignores the y-axis range, so a limit
     * outside the samples' range could not be shown; here the axis always stretches to include every limit.
     */
    static XYChart distribution(MetricReport metric, List<ThresholdVerdict> verdicts) {
        String unit = metric.metric().unit().symbol();
        double[] samples = metric.samples();
        // a relative threshold's limit is a percentage, not a value on this axis: it is drawn as the baseline's
        // median instead, and not at all when there was no baseline
        verdicts = verdicts.stream().filter(v -> v.comparison().map(Comparison::judged).orElse(true)).toList();
        // legend entries: the median and one per threshold; more than two do not fit side by side in 560 px
        int entries = 1 + verdicts.size();
        boolean stacked = entries > 2;
        double min = metric.summary().min();
        double max = metric.summary().max();
        // a long tail (a few stalls among thousands of samples) squeezed every other sample into the first bin:
        // with enough samples, bin the 1st to 99th percentile and say how many lie outside
        int outside = 0;
        if (samples.length >= TAIL_CLIP_SAMPLES) {
            double[] sorted = java.util.Arrays.stream(samples).filter(Double::isFinite).sorted().toArray();
            double low = sorted[(int) Math.floor(0.01 * (sorted.length - 1))];
            double high = sorted[(int) Math.ceil(0.99 * (sorted.length - 1))];
            if (high > low && max - min > 3 * (high - low)) {
                min = low;
                max = high;
                for (double v : sorted) {
                    if (v < low || v > high) {
                        outside++;
                    }
                }
            }
        }
        String title = metric.metric().name() + " (" + samples.length + (samples.length == 1 ? " sample" : " samples")
                + (outside > 0 ? "; " + outside + " outside p1-p99 not drawn" : "") + ")";
        XYChart chart = new XYChartBuilder().width(METRIC_WIDTH)
                .height(METRIC_HEIGHT + (stacked ? 18 * (entries - 1) : 0))
                .title(title)
                .xAxisTitle(unit).yAxisTitle("samples").build();
        style(chart.getStyler());
        // below the plot: inside it, the legend hid the tallest bars
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(stacked ? Styler.LegendLayout.Vertical : Styler.LegendLayout.Horizontal);
        chart.getStyler().setMarkerSize(0);

        int bins = Math.max(5, Math.min(40, (int) Math.ceil(Math.sqrt(samples.length))));
        List<Double> values = new ArrayList<>(samples.length);
        for (double v : samples) {
            if (Double.isFinite(v) && v >= min && v <= max) {
                values.add(v);
            }
        }
        if (!(max > min)) {  // one distinct value: a single bar around it
            double half = Math.abs(min) * 0.01 + 1e-9;
            min -= half;
            max += half;
            bins = 1;
        }
        // samples spanning more than LOG_DECADES decades (batch waits from 0.15 µs to 6 ms) sat in the first bar of
        // a linear histogram: they are binned by their logarithm and drawn on a log axis, when everything drawn on
        // that axis (samples, limits, the baseline's median) is positive
        boolean log = values.size() >= 20 && min > 0 && max / min >= Math.pow(10, LOG_DECADES)
                && verdicts.stream().allMatch(v -> v.comparison().map(c -> c.oldMedian() > 0).orElse(v.limit() > 0));
        double from = log ? Math.log10(min) : min;
        double to = log ? Math.log10(max) : max;
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
        x[bins] = max;
        if (log) {
            chart.getStyler().setXAxisLogarithmic(true);
            chart.getStyler().setXAxisLogarithmicDecadeOnly(true);
            chart.setXAxisTitle(unit + ", log scale (bins of equal width in log)");
        }
        y[bins] = y[bins - 1];
        XYSeries bars = chart.addSeries("samples", x, y);
        bars.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.StepArea);
        bars.setFillColor(new Color(84, 130, 197, 150));
        bars.setLineColor(new Color(54, 95, 160));
        bars.setMarker(SeriesMarkers.NONE);
        bars.setShowInLegend(false);

        double top = Math.max(1, highest) * 1.08;
        XYSeries median = chart.addSeries("median " + Numbers.format(metric.summary().median()) + " " + unit,
                new double[] {metric.summary().median(), metric.summary().median()}, new double[] {0, top});
        median.setLineColor(new Color(87, 96, 106));
        median.setLineStyle(new BasicStroke(1.5f));
        median.setMarker(SeriesMarkers.NONE);
        int index = 0;
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
            while (chart.getSeriesMap().containsKey(name)) {
                name = name + " #" + (++index);
            }
            XYSeries limit = chart.addSeries(name, new double[] {at, at}, new double[] {0, top});
            limit.setLineColor(colour(verdict));
            // the baseline's median dotted, a limit dashed: a slowed-down run put both at the same place
            limit.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    verdict.relative() ? new float[] {2f, 3f} : new float[] {6f, 4f}, 0f));
            limit.setMarker(SeriesMarkers.NONE);
        }
        chart.getStyler().setYAxisMin(0.0);
        if (Math.max(Math.abs(min), Math.abs(max)) >= 1e4 && !log) {
            // 4.02E8 and 2E4 under the ticks read badly: 402 M as in the metrics table, 20000 as it is
            chart.getStyler().setxAxisTickLabelsFormattingFunction(Charts::prefixed);
        }
        return chart;
    }

    /** The limit line's colour says the verdict: red FAIL, amber INCONCLUSIVE, green PASS, dark red ERROR. */
    private static Color colour(ThresholdVerdict verdict) {
        if (verdict.comparison().isPresent() && verdict.comparison().get().verdict()
                == Comparison.Verdict.UNCHANGED) {
            return UNCHANGED;
        }
        return switch (verdict.outcome()) {
            case PASS -> new Color(26, 127, 55);
            case INCONCLUSIVE -> new Color(191, 135, 0);
            case ERROR -> new Color(139, 26, 26);
            default -> LIMIT;
        };
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
            // legend names must be unique within an XChart chart
            String name = s.name();
            while (chart.getSeriesMap().containsKey(name)) {
                name = s.name() + " #" + (++index);
            }
            XYSeries line = chart.addSeries(name, x, y);
            line.setMarker(x.length > 60 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
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

    /** One row of {@link #changes}: what was compared, and how it came out. */
    record Change(String label, Comparison comparison) {
    }

    /**
     * A forest plot of relative thresholds: one row per judged comparison, the estimated change as a diamond on the
     * line of its confidence interval (red REGRESSED, green IMPROVED, grey UNCHANGED), over a grey band from
     * −max_regression to +max_regression, and a line at no change. Each row is named above its line.
     */
    static XYChart changes(List<Change> rows) {
        int n = rows.size();
        double level = rows.get(0).comparison().level();
        // a change is a ratio: when they span more than CHANGE_LOG_SPAN percentage points (a loaded machine's
        // -65 % beside a +3753 %), a linear axis shrinks every small change, its interval and the band to a dot;
        // then the axis is the log of new/old, labelled in percent
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
        boolean log = positive && span > CHANGE_LOG_SPAN;
        java.util.function.DoubleUnaryOperator at = log ? v -> Math.log1p(v / 100) : v -> v;
        XYChart chart = new XYChartBuilder().width(SERIES_WIDTH).height(96 + 58 * n)
                .title("Change against the baseline: estimate (◆) and " + Numbers.format(level * 100)
                        + " % interval; grey band ±max regression")
                .xAxisTitle("change of the median (new vs old), %" + (log ? ", on a log scale of new/old" : ""))
                .build();
        style(chart.getStyler());
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setYAxisTicksVisible(false);
        chart.getStyler().setMarkerSize(11);
        chart.getStyler().setAnnotationTextFont(TEXT);
        chart.getStyler().setAnnotationTextFontColor(new Color(31, 35, 40));
        chart.getStyler().setxAxisTickLabelsFormattingFunction(Comparison::percent);

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
        low -= pad;
        high += pad;
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
            Comparison c = rows.get(i).comparison();
            double y = n - i;
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
                case REGRESSED -> LIMIT;
                case IMPROVED -> BETTER;
                default -> UNCHANGED;
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
            chart.addAnnotation(new AnnotationText(rows.get(i).label() + ": " + c.verdict().name() + " "
                    + c.changeText(), (low + high) / 2, y + 0.38, false));
        }
        return chart;
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

    private static void style(Styler styler) {
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
        byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
    }
}
