package io.icebench.plugins.support;

import io.icebench.spi.report.Outcome;

/** How every report names a run's or a plugin's outcome. */
public final class Outcomes {

    private Outcomes() {
    }

    /** The verdict as a word: PASSED, FAILED, ERROR, or COMPLETED when nothing was judged. */
    public static String word(Outcome outcome) {
        return switch (outcome) {
            case PASS -> "PASSED";
            case FAIL -> "FAILED";
            case ERROR -> "ERROR";
            case NONE -> "COMPLETED";
            case INCONCLUSIVE -> "INCONCLUSIVE";  // runs and plugins are never INCONCLUSIVE, only thresholds
            case UNRELIABLE -> "UNRELIABLE";
        };
    }
}
