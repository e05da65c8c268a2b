package io.icebench.model;

import io.icebench.icecube.collate.DomBatch;
import io.icebench.icecube.pack.DomPacker;
import io.icebench.icecube.pack.OversizePolicy;
import io.icebench.icecube.pack.PackedSequences;
import io.icebench.icecube.pack.PackingAlgorithm;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The layout of one forward pass, on primitive arrays only (no NDArrays): which pulse each row of the per-row
 * tensors holds, and how attention is cut into groups of equal-length sequences. Built once per batch; the FLOP
 * count reads it too, so the count always matches what is executed.
 *
 * @param rows       rows of the per-row tensors (embedding, projections, FFN)
 * @param rowPulse   per row: pulse index in the batch, or -1 for padding
 * @param pulseRow   per pulse: its row; {@code null} when rows are the pulses in order
 * @param groups     attention groups, in the order their outputs are concatenated
 * @param contextRow per row: the row of the concatenated group outputs holding its attention output; {@code null}
 *                   when the concatenation is already in row order
 */
record AttentionPlan(int rows, int[] rowPulse, int[] pulseRow, List<Group> groups, long[] contextRow) {

    /** Upper bound on floats in one group's score tensor [n, heads, L, L]: 32 Mi floats = 128 MiB. */
    static final long SCORE_BUDGET = 32L << 20;
    /** Additive mask value; finite so that a fully masked (padding) row gives a uniform softmax, not NaN. */
    static final float MASKED = -1e9f;

    /**
     * One batched attention call over {@code count} sequences of {@code length} positions.
     *
     * @param gather    rows of the per-row tensors forming the sequences ({@code count · length}), or {@code null}
     *                  for the contiguous rows {@code firstRow ..}
     * @param firstRow  first row when {@code gather} is null
     * @param mask      additive mask: {@code count · length · length} (full) or {@code count · length} (keys only);
     *                  {@code null} when nothing is masked
     * @param fullMask  whether {@code mask} is per (query, key) rather than per key
     */
    record Group(int length, int count, long[] gather, int firstRow, float[] mask, boolean fullMask) {
        /** Whether this group needs no L×L products: one-position sequences, output = V. */
        boolean valueOnly() {
            return length == 1;
        }

        long outputRows() {
            return (long) count * length;
        }
    }

    /** Σ over groups of count · length², the attention work per head-dimension (0 for value-only groups). */
    long attentionSquares() {
        long sum = 0;
        for (Group group : groups) {
            if (!group.valueOnly()) {
                sum += (long) group.count() * group.length() * group.length();
            }
        }
        return sum;
    }

    static AttentionPlan of(DomBatch batch, AttentionStrategy strategy, int maxSeqLen, int heads) {
        return strategy == AttentionStrategy.FULL_MASK ? fullMask(batch, maxSeqLen, heads)
                : bucketed(batch, maxSeqLen, heads);
    }

    private static int groupSize(int length, int heads) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, SCORE_BUDGET / ((long) heads * length * length)));
    }

    static AttentionPlan fullMask(DomBatch batch, int maxSeqLen, int heads) {
        PackedSequences packed = DomPacker.pack(batch, maxSeqLen, PackingAlgorithm.SEQUENTIAL_GREEDY,
                OversizePolicy.SPLIT);
        int length = maxSeqLen;
        int rows = packed.sequences() * length;
        int[] rowPulse = packed.pulseAt();
        int[] pulseRow = new int[batch.pulses()];
        for (int row = 0; row < rows; row++) {
            if (rowPulse[row] >= 0) {
                pulseRow[rowPulse[row]] = row;
            }
        }
        int[] local = packed.localSegment();
        List<Group> groups = new ArrayList<>();
        int per = groupSize(length, heads);
        for (int first = 0; first < packed.sequences(); first += per) {
            int count = Math.min(per, packed.sequences() - first);
            float[] mask = new float[count * length * length];
            for (int s = 0; s < count; s++) {
                int base = (first + s) * length;
                for (int q = 0; q < length; q++) {
                    int segment = local[base + q];
                    int out = (s * length + q) * length;
                    for (int k = 0; k < length; k++) {
                        int other = local[base + k];
                        mask[out + k] = other >= 0 && other == segment ? 0f : MASKED;
                    }
                }
            }
            groups.add(new Group(length, count, null, first * length, mask, true));
        }
        return new AttentionPlan(rows, rowPulse, pulseRow, List.copyOf(groups), null);
    }

    static AttentionPlan bucketed(DomBatch batch, int maxSeqLen, int heads) {
        int pulses = batch.pulses();
        int[] rowPulse = new int[pulses];
        for (int p = 0; p < pulses; p++) {
            rowPulse[p] = p;
        }
        // Segments as the packer cuts them: chunks of at most maxSeqLen pulses of one DOM.
        TreeMap<Integer, IntList> startsByLength = new TreeMap<>();
        TreeMap<Integer, IntList> lengthsByLength = new TreeMap<>();
        for (int d = 0; d < batch.doms(); d++) {
            int from = batch.domOffsets()[d];
            int n = batch.pulsesOfDom(d);
            for (int offset = 0; offset < n; offset += maxSeqLen) {
                int length = Math.min(maxSeqLen, n - offset);
                int bucket = length == 1 ? 1 : Math.min(maxSeqLen, Integer.highestOneBit(length - 1) << 1);
                startsByLength.computeIfAbsent(bucket, b -> new IntList()).add(from + offset);
                lengthsByLength.computeIfAbsent(bucket, b -> new IntList()).add(length);
            }
        }
        List<Group> groups = new ArrayList<>();
        long[] contextRow = new long[pulses];
        long outRow = 0;
        for (var entry : startsByLength.entrySet()) {
            int length = entry.getKey();
            IntList starts = entry.getValue();
            IntList lengths = lengthsByLength.get(length);
            int per = length == 1 ? starts.size : groupSize(length, heads);
            for (int first = 0; first < starts.size; first += per) {
                int count = Math.min(per, starts.size - first);
                long[] gather = new long[count * length];
                float[] mask = length == 1 ? null : new float[count * length];
                for (int s = 0; s < count; s++) {
                    int start = starts.values[first + s];
                    int real = lengths.values[first + s];
                    for (int j = 0; j < length; j++) {
                        int slot = s * length + j;
                        if (j < real) {
                            gather[slot] = start + j;
                            contextRow[start + j] = outRow + slot;
                        } else {
                            gather[slot] = start; // any real row; masked as a key, ignored as a query
                            mask[slot] = MASKED;
                        }
                    }
                }
                groups.add(new Group(length, count, gather, 0, mask, false));
                outRow += (long) count * length;
            }
        }
        return new AttentionPlan(pulses, rowPulse, null, List.copyOf(groups), contextRow);
    }

    /** A growable int array. */
    static final class IntList {
        int[] values = new int[16];
        int size;

        void add(int value) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }
    }
}
