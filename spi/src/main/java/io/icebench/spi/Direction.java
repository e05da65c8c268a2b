package io.icebench.spi;

/** Which way a metric improves. Decides what a regression is. */
public enum Direction {
    HIGHER_IS_BETTER("higher"),
    LOWER_IS_BETTER("lower");

    private final String label;

    Direction(String label) {
        this.label = label;
    }

    /** {@code higher} or {@code lower}: the stable name used in reports. */
    public String label() {
        return label;
    }
}
