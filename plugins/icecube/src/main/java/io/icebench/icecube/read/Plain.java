package io.icebench.icecube.read;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * PLAIN-encoded values into primitive arrays. Same-width copies go through a little-endian buffer view, whose bulk
 * get is a memory copy on little-endian hardware; conversions (narrowing INT32 to int16, widening) are a loop of
 * unaligned loads.
 */
final class Plain {

    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle FLOAT_LE = MethodHandles.byteArrayViewVarHandle(float[].class,
            ByteOrder.LITTLE_ENDIAN);

    private Plain() {
    }

    static void longs(byte[] b, int pos, int end, int n, long[] dst, int off) {
        need(pos, end, n, 8);
        ByteBuffer.wrap(b, pos, n * 8).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(dst, off, n);
    }

    static void doubles(byte[] b, int pos, int end, int n, double[] dst, int off) {
        need(pos, end, n, 8);
        ByteBuffer.wrap(b, pos, n * 8).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(dst, off, n);
    }

    static void intsToLongs(byte[] b, int pos, int end, int n, long[] dst, int off) {
        need(pos, end, n, 4);
        for (int i = 0; i < n; i++) {
            dst[off + i] = (int) INT_LE.get(b, pos + (i << 2));
        }
    }

    static void floatsToDoubles(byte[] b, int pos, int end, int n, double[] dst, int off) {
        need(pos, end, n, 4);
        for (int i = 0; i < n; i++) {
            dst[off + i] = (float) FLOAT_LE.get(b, pos + (i << 2));
        }
    }

    /** INT32 to int16; throws naming the first value that does not fit. */
    static void intsToShorts(byte[] b, int pos, int end, int n, short[] dst, int off) {
        need(pos, end, n, 4);
        int outside = 0;
        for (int i = 0; i < n; i++) {
            int v = (int) INT_LE.get(b, pos + (i << 2));
            dst[off + i] = (short) v;
            // Branch-free: any value that does not survive the narrowing leaves bits set here.
            outside |= v ^ (short) v;
        }
        if (outside != 0) {
            for (int i = 0; i < n; i++) {
                int v = (int) INT_LE.get(b, pos + (i << 2));
                if (v != (short) v) {
                    throw new DecodeException("value " + v + " does not fit int16");
                }
            }
        }
    }

    /** INT64 to int16; throws naming the first value that does not fit. */
    static void longsToShorts(byte[] b, int pos, int end, int n, short[] dst, int off) {
        need(pos, end, n, 8);
        for (int i = 0; i < n; i++) {
            long v = (long) LONG_LE.get(b, pos + (i << 3));
            if (v != (short) v) {
                throw new DecodeException("value " + v + " does not fit int16");
            }
            dst[off + i] = (short) v;
        }
    }

    /** PLAIN booleans: bit-packed, least significant bit first. */
    static void booleans(byte[] b, int pos, int end, int n, boolean[] dst, int off) {
        if ((long) pos + ((n + 7L) >>> 3) > end) {
            throw new DecodeException("page holds fewer bytes than its " + n + " boolean values need");
        }
        bits(b, pos, n, dst, off);
    }

    /** Unpacks {@code n} bits, least significant first; the caller has checked the bytes exist. */
    static void bits(byte[] b, int pos, int n, boolean[] dst, int off) {
        int whole = n >>> 3;
        for (int k = 0; k < whole; k++) {
            int x = b[pos + k];
            int o = off + (k << 3);
            dst[o] = (x & 1) != 0;
            dst[o + 1] = (x & 2) != 0;
            dst[o + 2] = (x & 4) != 0;
            dst[o + 3] = (x & 8) != 0;
            dst[o + 4] = (x & 16) != 0;
            dst[o + 5] = (x & 32) != 0;
            dst[o + 6] = (x & 64) != 0;
            dst[o + 7] = (x & 128) != 0;
        }
        for (int i = whole << 3; i < n; i++) {
            dst[off + i] = ((b[pos + (i >>> 3)] >>> (i & 7)) & 1) != 0;
        }
    }

    static int readIntLittleEndian(byte[] b, int pos, int end) {
        if (pos + 4 > end) {
            throw new DecodeException("page ends inside a 4-byte length");
        }
        return (int) INT_LE.get(b, pos);
    }

    private static void need(int pos, int end, int n, int width) {
        if ((long) pos + (long) n * width > end) {
            throw new DecodeException("page holds " + (end - pos) + " bytes of values, " + n + " values of "
                    + width + " bytes need " + ((long) n * width));
        }
    }
}
