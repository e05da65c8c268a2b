package io.icebench.spi.report;

/** The verdict of one threshold, or of a whole run. */
public enum Outcome {
    /** Measured and within the bound. */
    PASS,
    /** Measured and outside the bound: a regression. */
    FAIL,
    /**
     * Measured, but the statistic's confidence interval straddles the limit: neither a pass nor a fail can be claimed.
     * The threshold's policy decides whether the run treats it as a warning or as a failure.
     */
    INCONCLUSIVE,
    /**
     * Measured outside the bound while the machine was demonstrably busy, on a figure a busy machine moves (wall
     * time): the figure says more about the machine than about the code, so it is neither a pass nor a failure.
     * The run exits 7 when nothing failed.
     *
     * @since SPI 1.3
     */
    UNRELIABLE,
    /** Could not be judged: the plugin failed, or the metric is missing. */
    ERROR,
    /** No threshold applies (exploratory runs). */
    NONE
}
