package io.icebench.icecube.pack;

/**
 * DOMs of a {@link io.icebench.icecube.collate.DomBatch} packed into fixed-length sequences of {@code maxSeqLen}
 * positions, the input of full-mask attention. A <em>segment</em> is a run of one DOM's pulses placed in one
 * sequence: a DOM up to {@code maxSeqLen} pulses is one segment; a longer one is split into several (or truncated,
 * by policy). Segments never straddle sequences.
 *
 * <p>Per-position arrays have {@code sequences · maxSeqLen} entries, row-major by sequence; a padding position has
 * {@code pulseAt == -1} and {@code localSegment == -1}.
 *
 * @param maxSeqLen          positions per sequence
 * @param sequences          number of sequences
 * @param pulseAt            per position: index of the pulse in the DomBatch's pulse arrays, or -1 (padding)
 * @param localSegment       per position: the segment's number within its sequence (0, 1, ...), or -1; attention
 *                           is allowed only between positions with the same value
 * @param segmentDom         per segment: global DOM index in the DomBatch
 * @param segmentSequence    per segment: the sequence holding it
 * @param segmentStart       per segment: its first position within the sequence
 * @param segmentLength      per segment: its number of pulses
 * @param splitPulses        pulses of DOMs that had to be split across segments
 * @param truncatedPulses    pulses dropped by the TRUNCATE policy (never silently: counted here)
 */
public record PackedSequences(int maxSeqLen, int sequences, int[] pulseAt, int[] localSegment, int[] segmentDom,
                              int[] segmentSequence, int[] segmentStart, int[] segmentLength, long splitPulses,
                              long truncatedPulses) {

    public int segments() {
        return segmentDom.length;
    }

    public long totalSlots() {
        return (long) sequences * maxSeqLen;
    }

    public long validSlots() {
        long valid = 0;
        for (int length : segmentLength) {
            valid += length;
        }
        return valid;
    }

    /** Valid slots over total slots; 1.0 for an empty packing. */
    public double efficiency() {
        return sequences == 0 ? 1.0 : (double) validSlots() / totalSlots();
    }

    /** Bytes held by this packing's arrays. */
    public long bytes() {
        return 4L * (pulseAt.length + localSegment.length)
                + 4L * 4 * segmentDom.length;
    }
}
