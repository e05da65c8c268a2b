package io.icebench.icecube.pack;

/** The ways to assign segments to sequences. */
public enum PackingAlgorithm {
    /**
     * The original project's: DOMs in batch order, a new sequence whenever the next segment does not fit in the
     * current one. The baseline to compare against.
     */
    SEQUENTIAL_GREEDY("sequential-greedy"),
    /** Segments longest first, each into the first sequence with room (first-fit decreasing). */
    FIRST_FIT_DECREASING("first-fit-decreasing"),
    /** Segments longest first, each into the fullest sequence it still fits in (best-fit decreasing). */
    BEST_FIT_DECREASING("best-fit-decreasing");

    private final String label;

    PackingAlgorithm(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static PackingAlgorithm parse(String text) {
        for (PackingAlgorithm algorithm : values()) {
            if (algorithm.label.equalsIgnoreCase(text.trim()) || algorithm.name().equalsIgnoreCase(text.trim())) {
                return algorithm;
            }
        }
        throw new IllegalArgumentException("packing algorithm '" + text + "' is not one of: sequential-greedy,"
                + " first-fit-decreasing, best-fit-decreasing");
    }
}
