package io.icebench.icecube.read;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Bulk decoding of parquet's RLE / bit-packed hybrid encoding straight into the output arrays: dictionary indices
 * mapped through a primitive dictionary, booleans, and definition levels.
 *
 * <p>parquet-mr's own decoder hands out one int per virtual call and buffers a whole bit-packed run in an int[];
 * here each bit-packed value is taken from a bit reservoir and written to its final place through the dictionary
 * in the same loop. One copy of the loop per output type keeps every loop monomorphic.
 */
final class Hybrid {

    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class,
            ByteOrder.LITTLE_ENDIAN);

    private Hybrid() {
    }

    /** Decodes {@code n} dictionary indices from {@code [pos, end)} into {@code dst[off..off+n)} via {@code dict}. */
    static void dictionaryLong(byte[] b, int pos, int end, int width, int n, long[] dict, long[] dst, int off) {
        checkWidth(width);
        int done = 0;
        while (done < n) {
            long header = readHeader(b, pos, end);
            pos = (int) (header >>> 32);
            int h = (int) header;
            if ((h & 1) == 0) {
                int count = Math.min(h >>> 1, n - done);
                int bytes = (width + 7) >>> 3;
                int index = rleValue(b, pos, end, bytes);
                pos += bytes;
                Arrays.fill(dst, off + done, off + done + count, dict[index]);
                done += count;
            } else {
                int bytes = packedBytes(h, width, pos, end);
                int count = (int) Math.min((long) (h >>> 1) << 3, n - done);
                if (width == 0) {
                    Arrays.fill(dst, off + done, off + done + count, dict[0]);
                } else {
                    unpackLong(b, pos, width, count, dict, dst, off + done);
                }
                pos += bytes;
                done += count;
            }
        }
    }

    /** As {@link #dictionaryLong} for double dictionaries. */
    static void dictionaryDouble(byte[] b, int pos, int end, int width, int n, double[] dict, double[] dst, int off) {
        checkWidth(width);
        int done = 0;
        while (done < n) {
            long header = readHeader(b, pos, end);
            pos = (int) (header >>> 32);
            int h = (int) header;
            if ((h & 1) == 0) {
                int count = Math.min(h >>> 1, n - done);
                int bytes = (width + 7) >>> 3;
                int index = rleValue(b, pos, end, bytes);
                pos += bytes;
                Arrays.fill(dst, off + done, off + done + count, dict[index]);
                done += count;
            } else {
                int bytes = packedBytes(h, width, pos, end);
                int count = (int) Math.min((long) (h >>> 1) << 3, n - done);
                if (width == 0) {
                    Arrays.fill(dst, off + done, off + done + count, dict[0]);
                } else {
                    unpackDouble(b, pos, width, count, dict, dst, off + done);
                }
                pos += bytes;
                done += count;
            }
        }
    }

    /** As {@link #dictionaryLong} for short dictionaries. */
    static void dictionaryShort(byte[] b, int pos, int end, int width, int n, short[] dict, short[] dst, int off) {
        checkWidth(width);
        int done = 0;
        while (done < n) {
            long header = readHeader(b, pos, end);
            pos = (int) (header >>> 32);
            int h = (int) header;
            if ((h & 1) == 0) {
                int count = Math.min(h >>> 1, n - done);
                int bytes = (width + 7) >>> 3;
                int index = rleValue(b, pos, end, bytes);
                pos += bytes;
                Arrays.fill(dst, off + done, off + done + count, dict[index]);
                done += count;
            } else {
                int bytes = packedBytes(h, width, pos, end);
                int count = (int) Math.min((long) (h >>> 1) << 3, n - done);
                if (width == 0) {
                    Arrays.fill(dst, off + done, off + done + count, dict[0]);
                } else {
                    unpackShort(b, pos, width, count, dict, dst, off + done);
                }
                pos += bytes;
                done += count;
            }
        }
    }

    /** Decodes {@code n} bit-width-1 values (booleans) from {@code [pos, end)}. */
    static void booleans(byte[] b, int pos, int end, int n, boolean[] dst, int off) {
        int done = 0;
        while (done < n) {
            long header = readHeader(b, pos, end);
            pos = (int) (header >>> 32);
            int h = (int) header;
            if ((h & 1) == 0) {
                int count = Math.min(h >>> 1, n - done);
                int value = rleValue(b, pos, end, 1);
                if (value > 1) {
                    throw new DecodeException("boolean run holds the value " + value);
                }
                pos += 1;
                Arrays.fill(dst, off + done, off + done + count, value == 1);
                done += count;
            } else {
                int bytes = packedBytes(h, 1, pos, end);
                int count = (int) Math.min((long) (h >>> 1) << 3, n - done);
                Plain.bits(b, pos, count, dst, off + done);
                pos += bytes;
                done += count;
            }
        }
    }

    /**
     * Checks that all {@code n} levels in {@code [pos, end)} equal {@code expected}; returns the index of the first
     * that does not, or -1. Writers emit one RLE run for a page without nulls, so this is rarely more than a header.
     */
    static int firstLevelNotEqual(byte[] b, int pos, int end, int width, int n, int expected) {
        checkWidth(width);
        int done = 0;
        while (done < n) {
            long header = readHeader(b, pos, end);
            pos = (int) (header >>> 32);
            int h = (int) header;
            if ((h & 1) == 0) {
                int count = Math.min(h >>> 1, n - done);
                int bytes = (width + 7) >>> 3;
                int value = rleValue(b, pos, end, bytes);
                pos += bytes;
                if (value != expected && count > 0) {
                    return done;
                }
                done += count;
            } else {
                int bytes = packedBytes(h, width, pos, end);
                int count = (int) Math.min((long) (h >>> 1) << 3, n - done);
                long mask = (1L << width) - 1;
                for (int i = 0; i < count; i++) {
                    long bit = (long) i * width;
                    if (((slowWord(b, pos + (int) (bit >>> 3)) >>> (bit & 7)) & mask) != expected) {
                        return done + i;
                    }
                }
                pos += bytes;
                done += count;
            }
        }
        return -1;
    }

    // The unpack loops keep a bit reservoir refilled 32 bits at a time: per value one mask, one shift and one
    // predictable branch, which measured faster than an 8-byte load per value in a micro-benchmark. Refills may
    // read up to 3 bytes past the run; where that would leave the array the loop loads 8 bytes at the byte
    // holding each value's first bit, and the last values of the array are assembled byte by byte.

    private static void unpackLong(byte[] b, int pos, int width, int count, long[] dict, long[] dst, int off) {
        long mask = (1L << width) - 1;
        if (reservoirFits(b, pos, width, count)) {
            long buffer = 0;
            int available = 0;
            for (int i = 0; i < count; i++) {
                if (available < width) {
                    buffer |= ((int) INT_LE.get(b, pos) & 0xFFFFFFFFL) << available;
                    pos += 4;
                    available += 32;
                }
                dst[off + i] = dict[(int) (buffer & mask)];
                buffer >>>= width;
                available -= width;
            }
            return;
        }
        int fast = fastCount(b, pos, width, count);
        long bit = 0;
        for (int i = 0; i < fast; i++, bit += width) {
            long word = (long) LONG_LE.get(b, pos + (int) (bit >>> 3));
            dst[off + i] = dict[(int) ((word >>> (bit & 7)) & mask)];
        }
        for (int i = fast; i < count; i++, bit += width) {
            dst[off + i] = dict[(int) ((slowWord(b, pos + (int) (bit >>> 3)) >>> (bit & 7)) & mask)];
        }
    }

    private static void unpackDouble(byte[] b, int pos, int width, int count, double[] dict, double[] dst, int off) {
        long mask = (1L << width) - 1;
        if (reservoirFits(b, pos, width, count)) {
            long buffer = 0;
            int available = 0;
            for (int i = 0; i < count; i++) {
                if (available < width) {
                    buffer |= ((int) INT_LE.get(b, pos) & 0xFFFFFFFFL) << available;
                    pos += 4;
                    available += 32;
                }
                dst[off + i] = dict[(int) (buffer & mask)];
                buffer >>>= width;
                available -= width;
            }
            return;
        }
        int fast = fastCount(b, pos, width, count);
        long bit = 0;
        for (int i = 0; i < fast; i++, bit += width) {
            long word = (long) LONG_LE.get(b, pos + (int) (bit >>> 3));
            dst[off + i] = dict[(int) ((word >>> (bit & 7)) & mask)];
        }
        for (int i = fast; i < count; i++, bit += width) {
            dst[off + i] = dict[(int) ((slowWord(b, pos + (int) (bit >>> 3)) >>> (bit & 7)) & mask)];
        }
    }

    private static void unpackShort(byte[] b, int pos, int width, int count, short[] dict, short[] dst, int off) {
        long mask = (1L << width) - 1;
        if (reservoirFits(b, pos, width, count)) {
            long buffer = 0;
            int available = 0;
            for (int i = 0; i < count; i++) {
                if (available < width) {
                    buffer |= ((int) INT_LE.get(b, pos) & 0xFFFFFFFFL) << available;
                    pos += 4;
                    available += 32;
                }
                dst[off + i] = dict[(int) (buffer & mask)];
                buffer >>>= width;
                available -= width;
            }
            return;
        }
        int fast = fastCount(b, pos, width, count);
        long bit = 0;
        for (int i = 0; i < fast; i++, bit += width) {
            long word = (long) LONG_LE.get(b, pos + (int) (bit >>> 3));
            dst[off + i] = dict[(int) ((word >>> (bit & 7)) & mask)];
        }
        for (int i = fast; i < count; i++, bit += width) {
            dst[off + i] = dict[(int) ((slowWord(b, pos + (int) (bit >>> 3)) >>> (bit & 7)) & mask)];
        }
    }

    /** Whether the 4-byte refills for {@code count} values stay inside {@code b}. */
    private static boolean reservoirFits(byte[] b, int pos, int width, int count) {
        long refills = ((long) count * width + 31) >>> 5;
        return pos + refills * 4 <= b.length;
    }

    /** How many values of the run can be loaded with a full 8-byte read inside {@code b}. */
    private static int fastCount(byte[] b, int pos, int width, int count) {
        long room = (long) b.length - 8 - pos;
        if (room < 0) {
            return 0;
        }
        return (int) Math.min(count, room * 8 / width + 1);
    }

    private static long slowWord(byte[] b, int at) {
        long word = 0;
        int last = Math.min(b.length, at + 8);
        for (int k = at; k < last; k++) {
            word |= (b[k] & 0xFFL) << ((k - at) << 3);
        }
        return word;
    }

    /** Reads a ULEB128 run header; returns the new position in the high and the header in the low 32 bits. */
    private static long readHeader(byte[] b, int pos, int end) {
        int value = 0;
        int shift = 0;
        while (true) {
            if (pos >= end) {
                throw new DecodeException("RLE/bit-packed data ends before all values were read");
            }
            byte x = b[pos++];
            value |= (x & 0x7F) << shift;
            if (x >= 0) {
                break;
            }
            shift += 7;
            if (shift > 28) {
                throw new DecodeException("RLE/bit-packed run header is longer than 5 bytes");
            }
        }
        return ((long) pos << 32) | (value & 0xFFFFFFFFL);
    }

    private static int rleValue(byte[] b, int pos, int end, int bytes) {
        if (pos + bytes > end) {
            throw new DecodeException("RLE run value runs past the end of the page");
        }
        int value = 0;
        for (int k = 0; k < bytes; k++) {
            value |= (b[pos + k] & 0xFF) << (k << 3);
        }
        return value;
    }

    private static int packedBytes(int header, int width, int pos, int end) {
        long bytes = (long) (header >>> 1) * width;
        if (pos + bytes > end) {
            throw new DecodeException("bit-packed run of " + ((header >>> 1) * 8L) + " values runs past the end of"
                    + " the page");
        }
        return (int) bytes;
    }

    private static void checkWidth(int width) {
        if (width < 0 || width > 32) {
            throw new DecodeException("bit width " + width + " is outside 0..32");
        }
    }
}
