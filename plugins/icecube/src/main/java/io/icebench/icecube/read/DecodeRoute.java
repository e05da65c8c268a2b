package io.icebench.icecube.read;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The ways a page gets decoded and decompressed, each counting the pages it took in this JVM. A test reads a file
 * written with some encoding or codec and checks that its bulk route's count grew and the fallbacks' did not: a
 * file that reads back equal on the slow fallback proves nothing about the fast path. One add per page.
 */
enum DecodeRoute {

    /** Fixed-width PLAIN values (and PLAIN booleans). */
    PLAIN,
    /** Dictionary indices mapped through a primitive dictionary ({@link Hybrid}). */
    DICTIONARY,
    /** RLE / bit-packed booleans ({@link Hybrid#booleans}). */
    RLE_BOOLEANS,
    /** {@link DeltaBinaryPacked}. */
    DELTA_BINARY_PACKED,
    /** {@link ByteStreamSplit}. */
    BYTE_STREAM_SPLIT,
    /** parquet's own per-value {@code ValuesReader}: every other encoding. */
    VALUES_READER,
    /**
     * A page decompressed by a private parquet {@code CodecFactory} (a new array a page), not by a codec the worker
     * reuses array to array: codecs without a direct path.
     */
    CODEC_FACTORY;

    private final LongAdder pages = new LongAdder();

    void count() {
        pages.increment();
    }

    /** Every route's page count so far; subtract an earlier snapshot to see what one read took. */
    static Map<DecodeRoute, Long> snapshot() {
        Map<DecodeRoute, Long> counts = new EnumMap<>(DecodeRoute.class);
        for (DecodeRoute route : values()) {
            counts.put(route, route.pages.sum());
        }
        return counts;
    }
}
