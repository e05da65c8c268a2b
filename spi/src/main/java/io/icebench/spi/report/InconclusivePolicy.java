package io.icebench.spi.report;

import java.util.Locale;
import java.util.Optional;

/**
 * What a threshold whose interval still straddles its limit after the launcher's re-runs does to the run: the
 * {@code inconclusive} key of a threshold.
 */
public enum InconclusivePolicy {
    /** Passes, with a warning in the console and every report (the default). */
    WARN,
    /** Counts as a failed threshold: exit 1. */
    FAIL,
    /** Passes in the reports, with a warning, but the runner exits 4 so CI can tell "undecided" from both. */
    REPORT;

    /** The configuration's spelling. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code warn}, {@code fail} or {@code report}, in any case. */
    public static Optional<InconclusivePolicy> parse(String text) {
        for (InconclusivePolicy policy : values()) {
            if (policy.label().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(policy);
            }
        }
        return Optional.empty();
    }
}
