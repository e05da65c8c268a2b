package io.icebench.spi.report;

/**
 * A confidence interval.
 *
 * @param low           the lower end
 * @param high          the upper end
 * @param level         the confidence level asked for, such as 0.95
 * @param tooFewSamples true when there were too few samples to reach {@code level}: the interval is then the whole
 *                      range [min, max] and its actual coverage is below {@code level}
 */
public record Interval(double low, double high, double level, boolean tooFewSamples) {

    /** Whether every value of the interval satisfies the bound. */
    public boolean inside(Bound bound, double limit) {
        return bound.accepts(low, limit) && bound.accepts(high, limit);
    }

    /** Whether no value of the interval satisfies the bound. */
    public boolean outside(Bound bound, double limit) {
        return !bound.accepts(low, limit) && !bound.accepts(high, limit);
    }

    /** {@code [11.9, 12.8]}, numbers with {@link Numbers#format(double)}. */
    public String format() {
        return "[" + Numbers.format(low) + ", " + Numbers.format(high) + "]";
    }
}
