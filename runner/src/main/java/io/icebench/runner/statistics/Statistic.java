package io.icebench.runner.statistics;

import io.icebench.runner.UsageException;

import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A statistic a threshold can name: {@code median}, {@code mean}, {@code min}, {@code max} or a percentile
 * {@code pNN} / {@code pNN.N} (such as {@code p99.9}).
 *
 * @param name     the canonical name, as written in the configuration
 * @param quantile for percentiles the quantile in [0, 1]; NaN for the others
 */
public record Statistic(String name, double quantile) {

    private static final Pattern PERCENTILE = Pattern.compile("p(\\d{1,2}(?:\\.\\d+)?|100)");

    public static final Statistic MEDIAN = new Statistic("median", 0.5);
    public static final Statistic MEAN = new Statistic("mean", Double.NaN);
    public static final Statistic MIN = new Statistic("min", Double.NaN);
    public static final Statistic MAX = new Statistic("max", Double.NaN);

    /**
     * Parses a statistic's name.
     *
     * @throws UsageException quoting the name and listing the accepted forms
     */
    public static Statistic parse(String text) {
        String name = text.trim().toLowerCase(Locale.ROOT);
        switch (name) {
            case "median", "p50":
                return MEDIAN;
            case "mean":
                return MEAN;
            case "min":
                return MIN;
            case "max":
                return MAX;
            default:
                Matcher matcher = PERCENTILE.matcher(name);
                if (matcher.matches()) {
                    double percent = Double.parseDouble(matcher.group(1));
                    if (percent > 0 && percent < 100) {
                        return new Statistic(name, percent / 100.0);
                    }
                }
                throw new UsageException("unknown statistic '" + text
                        + "'; use median, mean, min, max or a percentile such as p90, p99, p99.9");
        }
    }

    /** The statistic of {@code samples}; NaN when there are none. */
    public double evaluate(double[] samples) {
        if (samples.length == 0) {
            return Double.NaN;
        }
        return switch (name) {
            case "mean" -> Arrays.stream(samples).average().orElseThrow();
            case "min" -> Arrays.stream(samples).min().orElseThrow();
            case "max" -> Arrays.stream(samples).max().orElseThrow();
            default -> Summaries.QUANTILE.evaluate(samples, quantile);
        };
    }

    /**
     * The confidence interval of this statistic at {@code level}: order statistics for the median and percentiles,
     * Student's t for the mean; empty for {@code min} and {@code max}, which have no distribution-free interval and
     * are compared as point values.
     */
    public java.util.Optional<io.icebench.spi.report.Interval> interval(double[] samples, double level) {
        if (samples.length == 0 || this.equals(MIN) || this.equals(MAX)) {
            return java.util.Optional.empty();
        }
        if (this.equals(MEAN)) {
            return java.util.Optional.of(Summaries.meanInterval(samples, level));
        }
        return java.util.Optional.of(Summaries.quantileInterval(samples, quantile, level));
    }

    @Override
    public String toString() {
        return name;
    }
}
