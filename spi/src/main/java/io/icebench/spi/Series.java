package io.icebench.spi;

import java.util.Arrays;
import java.util.Objects;

/**
 * One line of a chart in exploratory output, such as memory against event size for one packing algorithm.
 * Series with the same {@code chart} are drawn together.
 *
 * @param chart  the chart this series belongs to; also its title
 * @param name   the legend entry
 * @param xLabel axis label for x, unit included
 * @param yLabel axis label for y, unit included
 * @param x      x values, copied
 * @param y      y values, copied; as many as x
 */
public record Series(String chart, String name, String xLabel, String yLabel, double[] x, double[] y) {

    public Series {
        Objects.requireNonNull(chart, "chart");
        Objects.requireNonNull(name, "name");
        xLabel = xLabel == null ? "" : xLabel;
        yLabel = yLabel == null ? "" : yLabel;
        x = x.clone();
        y = y.clone();
        if (x.length != y.length) {
            throw new IllegalArgumentException("series '" + name + "' of chart '" + chart + "' has " + x.length
                    + " x values but " + y.length + " y values");
        }
    }

    @Override
    public double[] x() {
        return x.clone();
    }

    @Override
    public double[] y() {
        return y.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Series that && chart.equals(that.chart) && name.equals(that.name)
                && xLabel.equals(that.xLabel) && yLabel.equals(that.yLabel)
                && Arrays.equals(x, that.x) && Arrays.equals(y, that.y);
    }

    @Override
    public int hashCode() {
        return Objects.hash(chart, name, xLabel, yLabel, Arrays.hashCode(x), Arrays.hashCode(y));
    }

    @Override
    public String toString() {
        return "Series[" + chart + "/" + name + ", " + x.length + " points]";
    }
}
