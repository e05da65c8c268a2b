package io.icebench.icecube.pack;

import io.icebench.icecube.collate.DomBatch;

import java.util.Arrays;

/**
 * Packs the DOMs of a {@link DomBatch} into sequences of {@code maxSeqLen} positions, on primitive arrays.
 *
 * <p>{@link PackingAlgorithm#SEQUENTIAL_GREEDY} is the original project's baseline. The decreasing algorithms order
 * segments longest first with a counting sort (lengths are at most {@code maxSeqLen}, so O(n + maxSeqLen)), then
 * <ul>
 *   <li>first-fit finds the first sequence with room through a max-tree over remaining capacity (O(log sequences));
 *   <li>best-fit keeps sequences in buckets by remaining capacity (0..maxSeqLen), with a bit set of non-empty
 *       buckets, so the fullest sequence with room is the next set bit at or above the segment's length.
 * </ul>
 * Both place a run of equal-length segments into the sequence they found as many at a time as fit, which gives the
 * same result as placing them one by one (that sequence stays the first / the best while it has room), and makes
 * the long tail of one-pulse DOMs cost one tree or bucket operation per sequence instead of per segment.
 *
 * <p>Any of these "any-fit" algorithms leaves at most one sequence half full or less, so sequences never exceed
 * {@code 2·ceil(valid/maxSeqLen) + 1}; the structures are sized by that bound.
 */
public final class DomPacker {

    private DomPacker() {
    }

    public static PackedSequences pack(DomBatch batch, int maxSeqLen, PackingAlgorithm algorithm,
                                       OversizePolicy policy) {
        if (maxSeqLen < 1) {
            throw new IllegalArgumentException("maxSeqLen must be at least 1, was " + maxSeqLen);
        }
        Segments segments = Segments.of(batch, maxSeqLen, policy);
        int[] sequenceOf = new int[segments.count];
        int[] startOf = new int[segments.count];
        int sequences = switch (algorithm) {
            case SEQUENTIAL_GREEDY -> sequentialGreedy(segments, maxSeqLen, sequenceOf, startOf);
            case FIRST_FIT_DECREASING -> firstFitDecreasing(segments, maxSeqLen, sequenceOf, startOf);
            case BEST_FIT_DECREASING -> bestFitDecreasing(segments, maxSeqLen, sequenceOf, startOf);
        };
        return layout(segments, maxSeqLen, sequences, sequenceOf, startOf);
    }

    private static int sequentialGreedy(Segments segments, int maxSeqLen, int[] sequenceOf, int[] startOf) {
        int sequence = -1;
        int used = maxSeqLen;
        for (int s = 0; s < segments.count; s++) {
            int length = segments.length[s];
            if (used + length > maxSeqLen) {
                sequence++;
                used = 0;
            }
            sequenceOf[s] = sequence;
            startOf[s] = used;
            used += length;
        }
        return sequence + 1;
    }


    /**
     * Segment indices longest first (stable within a length), by counting sort. {@code groupStart[len]} is where
     * the segments of length {@code len} begin in the returned order; they end where length {@code len - 1}
     * begins (see {@link #groupEnd}).
     */
    static int[] decreasingOrder(Segments segments, int maxSeqLen, int[] groupStart) {
        int[] count = new int[maxSeqLen + 1];
        for (int s = 0; s < segments.count; s++) {
            count[segments.length[s]]++;
        }
        int at = 0;
        for (int len = maxSeqLen; len >= 0; len--) {
            groupStart[len] = at;
            at += count[len];
        }
        int[] next = groupStart.clone();
        int[] order = new int[segments.count];
        for (int s = 0; s < segments.count; s++) {
            order[next[segments.length[s]]++] = s;
        }
        return order;
    }

    private static int groupEnd(int[] groupStart, int len, int total) {
        return len == 0 ? total : groupStart[len - 1];
    }

    /** Upper bound on the sequences any any-fit algorithm opens (see the class comment), at least 1. */
    private static int sequenceBound(Segments segments, int maxSeqLen) {
        long valid = 0;
        for (int s = 0; s < segments.count; s++) {
            valid += segments.length[s];
        }
        long bound = 2 * ((valid + maxSeqLen - 1) / maxSeqLen) + 2;
        return (int) Math.max(1, Math.min(bound, segments.count + 1L));
    }

    private static int firstFitDecreasing(Segments segments, int maxSeqLen, int[] sequenceOf, int[] startOf) {
        int[] groupStart = new int[maxSeqLen + 1];
        int[] order = decreasingOrder(segments, maxSeqLen, groupStart);
        int bound = sequenceBound(segments, maxSeqLen);
        int leaves = Integer.highestOneBit(Math.max(1, bound - 1)) << 1;
        // Max-tree over remaining capacity; leaves are sequences in opening order, unopened ones have full room.
        int[] tree = new int[2 * leaves];
        Arrays.fill(tree, maxSeqLen);
        int sequences = 0;
        for (int len = maxSeqLen; len >= 1; len--) {
            int i = groupStart[len];
            int end = groupEnd(groupStart, len, segments.count);
            while (i < end) {
                int node = 1;
                while (node < leaves) {
                    node <<= 1;
                    if (tree[node] < len) {
                        node++;
                    }
                }
                int sequence = node - leaves;
                int room = tree[node];
                if (room < len) {
                    throw new IllegalStateException("first-fit ran out of sequences (bound " + bound + ")");
                }
                int used = maxSeqLen - room;
                int fit = Math.min(end - i, room / len);
                for (int k = 0; k < fit; k++, i++) {
                    int s = order[i];
                    sequenceOf[s] = sequence;
                    startOf[s] = used;
                    used += len;
                }
                tree[node] = maxSeqLen - used;
                for (node >>= 1; node >= 1; node >>= 1) {
                    tree[node] = Math.max(tree[2 * node], tree[2 * node + 1]);
                }
                if (sequence >= sequences) {
                    sequences = sequence + 1;
                }
            }
        }
        // Zero-length segments (never produced by Segments.of) would go nowhere; place them at the end of sequence 0.
        for (int i = groupStart[0]; i < segments.count; i++) {
            sequenceOf[order[i]] = 0;
            startOf[order[i]] = 0;
        }
        return sequences;
    }

    private static int bestFitDecreasing(Segments segments, int maxSeqLen, int[] sequenceOf, int[] startOf) {
        int[] groupStart = new int[maxSeqLen + 1];
        int[] order = decreasingOrder(segments, maxSeqLen, groupStart);
        int bound = sequenceBound(segments, maxSeqLen);
        // Bucket c: a stack (linked through nextInBucket) of sequences with exactly c positions left.
        int[] head = new int[maxSeqLen + 1];
        Arrays.fill(head, -1);
        int[] nextInBucket = new int[bound];
        int[] room = new int[bound];
        long[] nonEmpty = new long[(maxSeqLen >> 6) + 1];
        int sequences = 0;
        for (int len = maxSeqLen; len >= 1; len--) {
            int i = groupStart[len];
            int end = groupEnd(groupStart, len, segments.count);
            while (i < end) {
                int bucket = nextSetBit(nonEmpty, len);
                int sequence;
                if (bucket < 0) {
                    sequence = sequences++;
                    room[sequence] = maxSeqLen;
                } else {
                    sequence = head[bucket];
                    head[bucket] = nextInBucket[sequence];
                    if (head[bucket] < 0) {
                        nonEmpty[bucket >> 6] &= ~(1L << bucket);
                    }
                }
                int left = room[sequence];
                int used = maxSeqLen - left;
                int fit = Math.min(end - i, left / len);
                for (int k = 0; k < fit; k++, i++) {
                    int s = order[i];
                    sequenceOf[s] = sequence;
                    startOf[s] = used;
                    used += len;
                }
                left = maxSeqLen - used;
                room[sequence] = left;
                if (left > 0) {
                    nextInBucket[sequence] = head[left];
                    head[left] = sequence;
                    nonEmpty[left >> 6] |= 1L << left;
                }
            }
        }
        for (int i = groupStart[0]; i < segments.count; i++) {
            sequenceOf[order[i]] = 0;
            startOf[order[i]] = 0;
        }
        return sequences;
    }

    /** The first set bit at or above {@code from}, or -1. */
    private static int nextSetBit(long[] words, int from) {
        int w = from >> 6;
        if (w >= words.length) {
            return -1;
        }
        long word = words[w] & (-1L << from);
        while (true) {
            if (word != 0) {
                return (w << 6) + Long.numberOfTrailingZeros(word);
            }
            if (++w == words.length) {
                return -1;
            }
            word = words[w];
        }
    }

    /**
     * Fills the per-position arrays from each segment's sequence and start, in O(positions + segments) with no
     * sorting: each segment first marks its start position with its index (encoded below -1), then one scan per
     * sequence numbers segments in order of start, so local numbers are stable whatever order they were placed in.
     */
    static PackedSequences layout(Segments segments, int maxSeqLen, int sequences, int[] sequenceOf, int[] startOf) {
        int positions = Math.multiplyExact(sequences, maxSeqLen);
        int[] pulseAt = new int[positions];
        int[] localSegment = new int[positions];
        Arrays.fill(pulseAt, -1);
        Arrays.fill(localSegment, -1);
        for (int s = 0; s < segments.count; s++) {
            int length = segments.length[s];
            if (length == 0) {
                continue;
            }
            int base = sequenceOf[s] * maxSeqLen + startOf[s];
            int from = segments.pulseFrom[s];
            for (int i = 0; i < length; i++) {
                pulseAt[base + i] = from + i;
            }
            localSegment[base] = -2 - s;
        }
        for (int sequence = 0; sequence < sequences; sequence++) {
            int local = 0;
            int end = (sequence + 1) * maxSeqLen;
            int p = sequence * maxSeqLen;
            while (p < end) {
                int mark = localSegment[p];
                if (mark <= -2) {
                    int length = segments.length[-2 - mark];
                    Arrays.fill(localSegment, p, p + length, local++);
                    p += length;
                } else {
                    p++;
                }
            }
        }
        return new PackedSequences(maxSeqLen, sequences, pulseAt, localSegment,
                Arrays.copyOf(segments.dom, segments.count), sequenceOf, startOf,
                Arrays.copyOf(segments.length, segments.count), segments.splitPulses, segments.truncatedPulses);
    }

    /** The segments of a batch: DOMs, split or truncated to fit. */
    static final class Segments {
        int count;
        int[] dom;
        int[] pulseFrom;
        int[] length;
        long splitPulses;
        long truncatedPulses;

        static Segments of(DomBatch batch, int maxSeqLen, OversizePolicy policy) {
            Segments segments = new Segments();
            int capacity = batch.doms() + 16;
            segments.dom = new int[capacity];
            segments.pulseFrom = new int[capacity];
            segments.length = new int[capacity];
            for (int d = 0; d < batch.doms(); d++) {
                int from = batch.domOffsets()[d];
                int pulses = batch.pulsesOfDom(d);
                if (pulses > maxSeqLen && policy == OversizePolicy.TRUNCATE) {
                    segments.truncatedPulses += pulses - maxSeqLen;
                    pulses = maxSeqLen;
                }
                if (pulses > maxSeqLen) {
                    segments.splitPulses += pulses;
                }
                for (int offset = 0; offset < pulses; offset += maxSeqLen) {
                    segments.add(d, from + offset, Math.min(maxSeqLen, pulses - offset));
                }
            }
            return segments;
        }

        private void add(int domIndex, int from, int pulses) {
            if (count == dom.length) {
                dom = Arrays.copyOf(dom, count * 2);
                pulseFrom = Arrays.copyOf(pulseFrom, count * 2);
                length = Arrays.copyOf(length, count * 2);
            }
            dom[count] = domIndex;
            pulseFrom[count] = from;
            length[count] = pulses;
            count++;
        }
    }
}
