package io.icebench.model;

import java.util.Locale;

/** How T1 restricts self-attention to the pulses of one DOM. Both give the same DOM embeddings. */
public enum AttentionStrategy {
    /**
     * The original project's: DOMs packed into sequences of {@code maxSeqLen} positions (sequential greedy, long DOMs
     * split), full attention over each sequence with an additive mask between segments and on padding. Projections and
     * the FFN also run on the padding positions.
     */
    FULL_MASK("full_mask"),
    /**
     * Never computes attention between different DOMs: segments (DOMs, split at {@code maxSeqLen} like the packer does)
     * are grouped by length padded to the next power of two and attended per bucket; one-pulse segments skip the
     * L×L products altogether (their attention output is the V projection). Per-pulse work runs on real pulses only.
     */
    BUCKETED("bucketed");

    private final String label;

    AttentionStrategy(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Accepts {@code bucketed} or {@code full_mask} (also {@code full-mask}, any case). */
    public static AttentionStrategy parse(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        for (AttentionStrategy strategy : values()) {
            if (strategy.label.equals(value)) {
                return strategy;
            }
        }
        throw new IllegalArgumentException("attention '" + text + "' is not one of: bucketed, full_mask");
    }
}
