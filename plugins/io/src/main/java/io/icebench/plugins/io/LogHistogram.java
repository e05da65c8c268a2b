package io.icebench.plugins.io;

import java.util.Arrays;

/**
 * A histogram of positive integer counts with logarithmically growing bins, so a distribution spanning five orders
 * of magnitude (5 to 178,250 pulses per event) shows its bulk and its tail on one axis. Bin {@code i} holds values
 * in {@code [edges[i], edges[i+1])}; edges are whole numbers, so at small values, where a log step is narrower than
 * one, neighbouring bins merge and there may be fewer bins than asked for.
 *
 * @param edges  {@code bins + 1} increasing whole-number edges; the last is one past the maximum
 * @param counts values per bin
 */
record LogHistogram(long[] edges, long[] counts) {

    static LogHistogram of(int[] values, int bins) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values for a histogram");
        }
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be at least 1");
        }
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (int value : values) {
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
        if (min < 1) {
            throw new IllegalArgumentException("a log-binned histogram needs positive values, found " + min);
        }
        long[] edges = edges(min, (long) max + 1, bins);
        long[] counts = new long[edges.length - 1];
        for (int value : values) {
            int at = Arrays.binarySearch(edges, value);
            counts[at >= 0 ? at : -at - 2]++;
        }
        return new LogHistogram(edges, counts);
    }

    private static long[] edges(long from, long to, int bins) {
        double ratio = Math.log((double) to / from) / bins;
        long[] edges = new long[bins + 1];
        int n = 0;
        edges[n++] = from;
        for (int i = 1; i < bins; i++) {
            long edge = Math.round(from * Math.exp(ratio * i));
            if (edge > edges[n - 1] && edge < to) {
                edges[n++] = edge;
            }
        }
        edges[n++] = to;
        return Arrays.copyOf(edges, n);
    }

    int bins() {
        return counts.length;
    }

    /** {@code "5"} for a bin holding one value, {@code "5-6"} for more (inclusive). */
    String label(int bin) {
        long from = edges[bin];
        long last = edges[bin + 1] - 1;
        return from == last ? Long.toString(from) : from + "-" + last;
    }
}
