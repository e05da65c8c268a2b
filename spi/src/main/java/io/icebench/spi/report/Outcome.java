package io.icebench.spi.report;

/** The verdict of one threshold, or of a whole run. */
public enum Outcome {
    /** Measured and within the bound. */
    PASS,
    /** Measured and outside the bound: a regression. */
    FAIL,
    /** Could not be judged: the plugin failed, or the metric is missing. */
    ERROR,
    /** No threshold applies (exploratory runs). */
    NONE
}
