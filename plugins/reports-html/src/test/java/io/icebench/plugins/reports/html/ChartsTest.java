package io.icebench.plugins.reports.html;

import io.icebench.spi.Metric;
import io.icebench.spi.Series;
import io.icebench.spi.Unit;
import io.icebench.spi.report.Comparison;
import io.icebench.spi.MetricReport;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ChartsTest {

    @Test
    void aLongTailIsCutOffAtThePercentilesAndTheTitleSaysHowManySamplesAreNotDrawn() {
        double[] samples = HtmlFixture.noisy(9, 1000, 0.7, 0.02);
        for (int i = 0; i < 5; i++) {
            samples[i * 100] = 70 + i;  // a few stalls among a thousand sub-millisecond batches
        }
        MetricReport latency = HtmlFixture.metric(Metric.lowerIsBetter("batch_latency", Unit.MILLISECONDS, "x"),
                samples);

        XYChart chart = DistributionChart.of(latency, List.of());

        assertThat(chart.getTitle()).startsWith("batch_latency (1000 samples; ").endsWith(" outside p1-p99 not drawn)");
        double right = chart.getSeriesMap().get("samples").getXMax();
        assertThat(right).isLessThan(1.0);
    }

    @Test
    void samplesSpanningDecadesAreBinnedOnALogAxis() {
        double[] samples = new double[1000];
        java.util.Random random = new java.util.Random(11);
        for (int i = 0; i < samples.length; i++) {
            samples[i] = Math.pow(10, -4 + 4 * random.nextDouble());  // 0.0001 to 1 ms, as batch waits are
        }
        MetricReport waits = HtmlFixture.metric(Metric.lowerIsBetter("batch_latency", Unit.MILLISECONDS, "x"),
                samples);

        XYChart chart = DistributionChart.of(waits, List.of());

        assertThat(chart.getStyler().isXAxisLogarithmic()).isTrue();
        assertThat(chart.getXAxisTitle()).startsWith("ms, log scale");
        // roughly as many samples in each bin of equal width in log: none holds most of them
        double[] counts = chart.getSeriesMap().get("samples").getYData();
        assertThat(java.util.Arrays.stream(counts).max().getAsDouble()).isLessThan(samples.length / 5.0);
        MetricReport tidy = HtmlFixture.metric(Metric.lowerIsBetter("t", Unit.MILLISECONDS, "x"),
                HtmlFixture.noisy(10, 500, 50, 5));
        assertThat(DistributionChart.of(tidy, List.of()).getStyler().isXAxisLogarithmic()).isFalse();
    }

    @Test
    void aShortOrTidySampleIsDrawnWhole() {
        MetricReport one = HtmlFixture.metric(Metric.lowerIsBetter("peak_rss", Unit.MEBIBYTES, "x"),
                new double[] {948.3});
        assertThat(DistributionChart.of(one, List.of()).getTitle()).isEqualTo("peak_rss (1 sample)");
        MetricReport tidy = HtmlFixture.metric(Metric.lowerIsBetter("t", Unit.MILLISECONDS, "x"),
                HtmlFixture.noisy(10, 500, 50, 5));
        assertThat(DistributionChart.of(tidy, List.of()).getTitle()).isEqualTo("t (500 samples)");
    }

    @Test
    void aSingleSampleIsAStemWithADotAtItsValueNotABoxAcrossThePlot() {
        MetricReport one = HtmlFixture.metric(Metric.lowerIsBetter("peak_rss", Unit.MEBIBYTES, "x"),
                new double[] {948.3});

        XYChart chart = DistributionChart.of(one, List.of());

        XYSeries samples = chart.getSeriesMap().get("samples");
        assertThat(samples.getXMin()).isEqualTo(948.3);
        assertThat(samples.getXMax()).isEqualTo(948.3);
        assertThat(samples.getXYSeriesRenderStyle()).isNotEqualTo(XYSeries.XYSeriesRenderStyle.StepArea);
        XYSeries dot = chart.getSeriesMap().get("sample");
        assertThat(dot.getXYSeriesRenderStyle()).isEqualTo(XYSeries.XYSeriesRenderStyle.Scatter);
        assertThat(dot.getYData()).containsExactly(1.0);
        // the value sits in the middle of the axis, with room either side
        assertThat(chart.getStyler().getXAxisMin()).isLessThan(948.3);
        assertThat(chart.getStyler().getXAxisMax()).isGreaterThan(948.3);
    }

    @Test
    void changesSpanningHundredsOfPercentAreDrawnOnALogScaleOfNewOverOld() {
        Comparison slower = new Comparison(Comparison.Method.STORED_BASELINE, Comparison.Verdict.REGRESSED, 5, "b", 39.25, 1613, 3753, 2170, 5274, 0.95,
                1e-11, 0.01, 0);
        Comparison fewer = new Comparison(Comparison.Method.STORED_BASELINE, Comparison.Verdict.REGRESSED, 5, "b", 199000, 68520, -65.14, -74.4, -53.12,
                0.95, 0.004, 0.01, 0);

        XYChart chart = ChangeChart.of(List.of(new ChangeChart.Change("a", fewer), new ChangeChart.Change("b", slower)));

        assertThat(chart.getXAxisTitle()).endsWith("on a log scale of new/old");
        assertThat(chart.getSeriesMap().get("estimate 1").getXMax()).isCloseTo(Math.log(38.53), within(1e-9));
        // ticks at round changes, not at round logarithms
        assertThat(chart.getSeriesMap()).containsKeys("tick +100%", "tick +1000%", "tick -50%")
                .doesNotContainKey("tick +10%");
        assertThat(chart.getSeriesMap().get("tick +100%").getXMin()).isCloseTo(Math.log(2), within(1e-9));
        assertThat(chart.getStyler().isXAxisTicksVisible()).isFalse();
    }

    @Test
    void largeValuesGetAnSiPrefix() {
        assertThat(Charts.prefixed(416_500_000)).isEqualTo("416.5 M");
        assertThat(Charts.prefixed(-2_500_000)).isEqualTo("-2.5 M");
        assertThat(Charts.prefixed(999_999_999)).isEqualTo("1 G");
        assertThat(Charts.prefixed(37_590_000_000.0)).isEqualTo("37.59 G");
        assertThat(Charts.prefixed(199_000)).isEqualTo("199000");
        assertThat(Text.compact(416_500_000)).isEqualTo("<span title=\"416500000\">416.5&nbsp;M</span>");
        assertThat(Text.compact(0.0007065)).isEqualTo("0.0007065");
    }

    @Test
    void anAxisLabelledLogScaleIsLogarithmicWhenEveryValueIsPositive() {
        Series positive = new Series("Memory", "padding", "event size", "memory (MiB, log scale)",
                new double[] {1, 2, 3}, new double[] {10, 1000, 100000});
        Series withZero = new Series("Memory", "packing", "event size", "memory (MiB, log scale)",
                new double[] {1, 2, 3}, new double[] {0, 1, 2});

        assertThat(Charts.lines("Memory", List.of(positive)).getStyler().isYAxisLogarithmic()).isTrue();
        assertThat(Charts.lines("Memory", List.of(positive, withZero)).getStyler().isYAxisLogarithmic()).isFalse();
        assertThat(Charts.lines("Memory", List.of(positive)).getStyler().isXAxisLogarithmic()).isFalse();
    }

    @Test
    void theChangeChartHasARowPerComparisonAndStretchesToTheBand() throws Exception {
        Comparison regressed = new Comparison(Comparison.Method.STORED_BASELINE, Comparison.Verdict.REGRESSED, 2, "b", 398.5, 412, 3.388, 2.875,
                4.125, 0.95, 0.004, 0.01, 0);
        Comparison improved = new Comparison(Comparison.Method.STORED_BASELINE, Comparison.Verdict.IMPROVED, 5, "b", 21.4, 18.2, -14.95, -17.5,
                -12.25, 0.95, 0.00001, 0.01, 0);

        XYChart chart = ChangeChart.of(List.of(new ChangeChart.Change("gate / heap_peak", regressed),
                new ChangeChart.Change("gate / batch_latency", improved)));

        assertThat(chart.getStyler().getXAxisMin()).isLessThan(-17.5);
        assertThat(chart.getStyler().getXAxisMax()).isGreaterThan(5);
        assertThat(chart.getSeriesMap()).containsKeys("band 0", "interval 0", "estimate 0", "band 1", "no change");
        assertThat(Charts.dataUri(chart)).startsWith("data:image/png;base64,");
    }
}
