package io.icebench.plugins.support;

import io.icebench.spi.Series;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChartsTest {

    private static Series series(String name, double... y) {
        double[] x = new double[y.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = 256 << i;
        }
        return new Series("c", name, "max_seq_len", "efficiency", x, y);
    }

    @Test
    void aLegendTooWideForTheChartIsStackedInsteadOfClipped() {
        List<Series> six = new ArrayList<>();
        for (String algorithm : List.of("sequential-greedy", "first-fit-decreasing", "best-fit-decreasing")) {
            for (String events : List.of("most extreme event", "64 random events")) {
                six.add(series(algorithm + " (" + events + ")", 0.9, 0.8));
            }
        }
        assertThat(Charts.lines("c", six, false, false).getStyler().getLegendLayout())
                .isEqualTo(Styler.LegendLayout.Vertical);
        assertThat(Charts.lines("c", six.subList(0, 2), false, false).getStyler().getLegendLayout())
                .isEqualTo(Styler.LegendLayout.Horizontal);
    }

    @Test
    void seriesDrawnOverEachOtherDifferInMarkerDashAndWidth() {
        XYChart chart = Charts.lines("c", List.of(series("a", 1, 1), series("b", 1, 1), series("c", 1, 1)), false,
                false);
        List<XYSeries> drawn = List.copyOf(chart.getSeriesMap().values());

        assertThat(drawn).extracting(XYSeries::getMarker).doesNotHaveDuplicates();
        // the first drawn is the widest: each later one leaves a rim of those below it visible
        assertThat(drawn.get(0).getLineStyle().getLineWidth()).isGreaterThan(drawn.get(1).getLineStyle().getLineWidth());
        assertThat(drawn.get(1).getLineStyle().getLineWidth()).isGreaterThan(drawn.get(2).getLineStyle().getLineWidth());
        assertThat(drawn.get(0).getLineStyle().getDashArray()).isNull();
        assertThat(drawn.get(1).getLineStyle().getDashArray()).isNotNull();
    }

    @Test
    void seriesWithoutPointsAreLeftOutAndNamesAreMadeUnique() {
        XYChart chart = Charts.lines("c", List.of(series("a", 1), series("a", 2), series("empty")), false, false);

        assertThat(chart.getSeriesMap()).containsOnlyKeys("a", "a #2");
    }
}
