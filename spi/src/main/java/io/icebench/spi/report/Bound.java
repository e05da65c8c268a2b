package io.icebench.spi.report;

/** Which side of a threshold's limit is acceptable. */
public enum Bound {
    /** The statistic must be at least the limit (throughput floors). */
    MIN("min", ">="),
    /** The statistic must be at most the limit (latency ceilings). */
    MAX("max", "<=");

    private final String label;
    private final String operator;

    Bound(String label, String operator) {
        this.label = label;
        this.operator = operator;
    }

    /** {@code min} or {@code max}, as written in the configuration. */
    public String label() {
        return label;
    }

    /** {@code >=} or {@code <=}, for tables. */
    public String operator() {
        return operator;
    }

    /** Whether a measured value satisfies the bound. */
    public boolean accepts(double measured, double limit) {
        return this == MIN ? measured >= limit : measured <= limit;
    }
}
