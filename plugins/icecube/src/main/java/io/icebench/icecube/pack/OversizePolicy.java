package io.icebench.icecube.pack;

/** What to do with a DOM holding more pulses than a sequence has positions. */
public enum OversizePolicy {
    /** Cut it into chunks of at most {@code maxSeqLen} pulses, each its own segment (counted as split). */
    SPLIT,
    /** Keep its first {@code maxSeqLen} pulses and drop the rest (counted as truncated). */
    TRUNCATE
}
