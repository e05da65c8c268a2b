package io.icebench.icecube.read;

import org.apache.parquet.column.values.bitpacking.BytePacker;
import org.apache.parquet.column.values.bitpacking.BytePackerForLong;
import org.apache.parquet.column.values.bitpacking.Packer;

import java.util.Arrays;

/**
 * Bulk decoding of DELTA_BINARY_PACKED integers, as v2 writers (parquet-hadoop's PARQUET_2_0 without a dictionary,
 * DuckDB's {@code PARQUET_VERSION V2}, Arrow) store high-cardinality INT32 and INT64 columns such as {@code time}.
 *
 * <p>The format (parquet-format's Encodings.md): a header of ULEB128 numbers, {@code <block size in values>
 * <miniblocks per block> <total value count> <first value (zigzag)>}, then blocks, each {@code <min delta (zigzag
 * ULEB128)> <one bit-width byte per miniblock> <the miniblocks>}. A miniblock holds block size / miniblocks deltas,
 * each minus the block's min delta, bit-packed little-endian at its width, and is padded to its full size. Each
 * value is the previous one plus min delta plus its packed number, in the column's own width: INT32 arithmetic
 * wraps at 32 bits, as the writers compute it.
 *
 * <p>parquet-java's reader unpacks whole miniblocks too, but then hands out one value per virtual call. Here
 * parquet's generated unpackers ({@link BytePacker}, {@link BytePackerForLong}) unpack 32 deltas at a time straight
 * into the target array, or into this worker's scratch when the target needs a conversion, and one prefix-sum loop
 * turns them into values in place while they are in cache. Only the last group of a page, whose 32 slots would run
 * into the next page's rows (which another thread may be writing), goes through a small scratch array.
 *
 * <p>One instance per decoding thread: the scratch arrays are reused for every page the thread decodes.
 */
final class DeltaBinaryPacked {

    private static final BytePacker[] INT_PACKERS = new BytePacker[33];
    private static final BytePackerForLong[] LONG_PACKERS = new BytePackerForLong[65];

    static {
        for (int w = 0; w < INT_PACKERS.length; w++) {
            INT_PACKERS[w] = Packer.LITTLE_ENDIAN.newBytePacker(w);
        }
        for (int w = 0; w < LONG_PACKERS.length; w++) {
            LONG_PACKERS[w] = Packer.LITTLE_ENDIAN.newBytePackerForLong(w);
        }
    }

    /** Values per unpack call: parquet's unpackers take 8 or 32; 32 amortises the call. */
    private static final int GROUP = 32;

    /** The last, partial group of a page: its deltas, and its bytes zero-padded when the writer cut them short. */
    private final int[] groupInts = new int[GROUP];
    private final long[] groupLongs = new long[GROUP];
    private final byte[] paddedGroup = new byte[GROUP * 8];
    /** Where the last header number read ended. */
    private int cursor;
    /** A whole page of values for the conversions (INT32 into int64 or int16, INT64 into int16). */
    private int[] pageInts = new int[0];
    private long[] pageLongs = new long[0];

    /** INT64 values into {@code dst[off, off + n)}. */
    void longs(byte[] b, int pos, int end, int n, long[] dst, int off) {
        decodeLongs(b, pos, end, n, dst, off);
    }

    /** INT32 values widened into {@code dst[off, off + n)}. */
    void intsToLongs(byte[] b, int pos, int end, int n, long[] dst, int off) {
        int[] values = pageInts(n);
        decodeInts(b, pos, end, n, values, 0);
        for (int i = 0; i < n; i++) {
            dst[off + i] = values[i];
        }
    }

    /** INT32 values narrowed into {@code dst[off, off + n)}; throws naming the first value that does not fit. */
    void intsToShorts(byte[] b, int pos, int end, int n, short[] dst, int off) {
        int[] values = pageInts(n);
        decodeInts(b, pos, end, n, values, 0);
        int outside = 0;
        for (int i = 0; i < n; i++) {
            int v = values[i];
            dst[off + i] = (short) v;
            // Branch-free, as in Plain: any value that does not survive the narrowing leaves bits set here.
            outside |= v ^ (short) v;
        }
        if (outside != 0) {
            for (int i = 0; i < n; i++) {
                if (values[i] != (short) values[i]) {
                    throw new DecodeException("value " + values[i] + " does not fit int16");
                }
            }
        }
    }

    /** INT64 values narrowed into {@code dst[off, off + n)}; throws naming the first value that does not fit. */
    void longsToShorts(byte[] b, int pos, int end, int n, short[] dst, int off) {
        long[] values = pageLongs(n);
        decodeLongs(b, pos, end, n, values, 0);
        long outside = 0;
        for (int i = 0; i < n; i++) {
            long v = values[i];
            dst[off + i] = (short) v;
            outside |= v ^ (short) v;
        }
        if (outside != 0) {
            for (int i = 0; i < n; i++) {
                if (values[i] != (short) values[i]) {
                    throw new DecodeException("value " + values[i] + " does not fit int16");
                }
            }
        }
    }

    /** Decodes {@code n} INT64 values from {@code [pos, end)} into {@code dst[off, off + n)}. */
    private void decodeLongs(byte[] b, int pos, int end, int n, long[] dst, int off) {
        if (n == 0) {
            return;
        }
        Header header = header(b, pos, end, n);
        pos = cursor;
        long value = header.first;
        dst[off] = value;
        int done = 1;
        while (done < n) {
            long min = zigzag(ulebAt(b, pos, end));
            pos = cursor;
            int widths = pos;
            pos += header.miniblocks;
            if (pos > end) {
                throw new DecodeException("DELTA_BINARY_PACKED block ends inside its bit widths");
            }
            for (int m = 0; m < header.miniblocks && done < n; m++) {
                int width = b[widths + m] & 0xFF;
                if (width > 64) {
                    throw new DecodeException("DELTA_BINARY_PACKED miniblock of INT64 with bit width " + width);
                }
                BytePackerForLong packer = LONG_PACKERS[width];
                int groupBytes = width * (GROUP / 8);
                for (int g = 0; g < header.groupsPerMiniblock && done < n; g++, pos += groupBytes) {
                    int count = Math.min(GROUP, n - done);
                    int o = off + done;
                    if (count == GROUP && pos + groupBytes <= end) {
                        if (width == 0) {
                            Arrays.fill(dst, o, o + GROUP, 0L);
                        } else {
                            packer.unpack32Values(b, pos, dst, o);
                        }
                        for (int i = o; i < o + GROUP; i++) {
                            value += min + dst[i];
                            dst[i] = value;
                        }
                    } else {
                        long[] deltas = groupLongs;
                        Arrays.fill(deltas, 0L);
                        if (width > 0) {
                            packer.unpack32Values(padded(b, pos, end, width, count), 0, deltas, 0);
                        }
                        for (int i = 0; i < count; i++) {
                            value += min + deltas[i];
                            dst[o + i] = value;
                        }
                    }
                    done += count;
                }
            }
        }
    }

    /** As {@link #decodeLongs} for INT32 values, in 32-bit arithmetic. */
    private void decodeInts(byte[] b, int pos, int end, int n, int[] dst, int off) {
        if (n == 0) {
            return;
        }
        Header header = header(b, pos, end, n);
        pos = cursor;
        int value = (int) header.first;
        dst[off] = value;
        int done = 1;
        while (done < n) {
            int min = (int) zigzag(ulebAt(b, pos, end));
            pos = cursor;
            int widths = pos;
            pos += header.miniblocks;
            if (pos > end) {
                throw new DecodeException("DELTA_BINARY_PACKED block ends inside its bit widths");
            }
            for (int m = 0; m < header.miniblocks && done < n; m++) {
                int width = b[widths + m] & 0xFF;
                if (width > 32) {
                    throw new DecodeException("DELTA_BINARY_PACKED miniblock of INT32 with bit width " + width);
                }
                BytePacker packer = INT_PACKERS[width];
                int groupBytes = width * (GROUP / 8);
                for (int g = 0; g < header.groupsPerMiniblock && done < n; g++, pos += groupBytes) {
                    int count = Math.min(GROUP, n - done);
                    int o = off + done;
                    if (count == GROUP && pos + groupBytes <= end) {
                        if (width == 0) {
                            Arrays.fill(dst, o, o + GROUP, 0);
                        } else {
                            packer.unpack32Values(b, pos, dst, o);
                        }
                        for (int i = o; i < o + GROUP; i++) {
                            value += min + dst[i];
                            dst[i] = value;
                        }
                    } else {
                        int[] deltas = groupInts;
                        Arrays.fill(deltas, 0);
                        if (width > 0) {
                            packer.unpack32Values(padded(b, pos, end, width, count), 0, deltas, 0);
                        }
                        for (int i = 0; i < count; i++) {
                            value += min + deltas[i];
                            dst[o + i] = value;
                        }
                    }
                    done += count;
                }
            }
        }
    }

    /**
     * The bytes of the group at {@code pos} in a zero-padded copy, for a last group whose padding a writer left
     * out or that the page ends in; throws when the page lacks bytes the {@code count} values need.
     */
    private byte[] padded(byte[] b, int pos, int end, int width, int count) {
        long needed = ((long) count * width + 7) >>> 3;
        if (pos + needed > end) {
            throw new DecodeException("DELTA_BINARY_PACKED data ends before all values were read");
        }
        int available = (int) Math.min(end - pos, (long) width * (GROUP / 8));
        System.arraycopy(b, pos, paddedGroup, 0, available);
        Arrays.fill(paddedGroup, available, paddedGroup.length, (byte) 0);
        return paddedGroup;
    }

    private int[] pageInts(int n) {
        if (pageInts.length < n) {
            pageInts = new int[n];
        }
        return pageInts;
    }

    private long[] pageLongs(int n) {
        if (pageLongs.length < n) {
            pageLongs = new long[n];
        }
        return pageLongs;
    }

    /** The page header, checked so that a damaged one fails here rather than looping or reading out of bounds. */
    private record Header(int miniblocks, int groupsPerMiniblock, long first) {
    }

    /** Reads the page header from {@code pos} and leaves {@link #cursor} after it. */
    private Header header(byte[] b, int pos, int end, int n) {
        cursor = pos;
        long blockSize = uleb(b, end);
        long miniblocks = uleb(b, end);
        long total = uleb(b, end);
        long first = zigzag(uleb(b, end));
        if (blockSize <= 0 || blockSize % 128 != 0 || blockSize > 1 << 20 || miniblocks <= 0
                || blockSize % miniblocks != 0 || blockSize / miniblocks % GROUP != 0) {
            throw new DecodeException("DELTA_BINARY_PACKED header says blocks of " + blockSize + " values in "
                    + miniblocks + " miniblocks; blocks must be a multiple of 128 values and miniblocks of 32");
        }
        if (total < n) {
            throw new DecodeException("DELTA_BINARY_PACKED header counts " + total + " values, the page holds " + n);
        }
        return new Header((int) miniblocks, (int) (blockSize / miniblocks / GROUP), first);
    }

    private long ulebAt(byte[] b, int pos, int end) {
        cursor = pos;
        return uleb(b, end);
    }

    private static long zigzag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }

    /** Reads a ULEB128 number at {@link #cursor} and moves the cursor past it. */
    private long uleb(byte[] b, int end) {
        long value = 0;
        int pos = cursor;
        for (int shift = 0; ; shift += 7) {
            if (pos >= end) {
                throw new DecodeException("DELTA_BINARY_PACKED data ends inside a header number");
            }
            if (shift > 63) {
                throw new DecodeException("DELTA_BINARY_PACKED header number is longer than 10 bytes");
            }
            byte x = b[pos++];
            value |= (long) (x & 0x7F) << shift;
            if (x >= 0) {
                break;
            }
        }
        cursor = pos;
        return value;
    }
}
