package io.icebench.icecube.load;

/**
 * How a {@link DataLoader} batches.
 *
 * @param batchSize  events per batch
 * @param workers    collating threads
 * @param prefetch   batches the queue holds ahead of the consumer
 * @param collation  continuous or grouped by DOM
 * @param shuffle    shuffle batch files, and events within each file (batch-aware sampling: a file is decoded once
 *                   per epoch however events are ordered)
 * @param seed       seed of the shuffle
 * @param maxEvents  stop after this many events (0 or less: all)
 */
public record LoaderOptions(int batchSize, int workers, int prefetch, Collation collation, boolean shuffle,
                            long seed, long maxEvents) {

    public LoaderOptions {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, was " + batchSize);
        }
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, was " + workers);
        }
        if (prefetch < 1) {
            throw new IllegalArgumentException("prefetch must be at least 1, was " + prefetch);
        }
        java.util.Objects.requireNonNull(collation, "collation");
    }

    /** The two layouts a batch can be collated into. */
    public enum Collation {
        CONTINUOUS, DOM_GROUPED;

        /** Parses {@code continuous} or {@code dom} / {@code dom_grouped}. */
        public static Collation parse(String text) {
            return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "continuous" -> CONTINUOUS;
                case "dom", "dom_grouped", "dom-grouped" -> DOM_GROUPED;
                default -> throw new IllegalArgumentException("collation '" + text
                        + "' is not one of: continuous, dom");
            };
        }
    }
}
