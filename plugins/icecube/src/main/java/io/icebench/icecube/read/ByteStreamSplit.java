package io.icebench.icecube.read;

/**
 * Bulk decoding of BYTE_STREAM_SPLIT floating-point values, as v2 writers store columns such as {@code charge}
 * (parquet-hadoop's {@code withByteStreamSplitEncoding}, DuckDB's {@code PARQUET_VERSION V2}, Arrow's
 * {@code use_byte_stream_split}).
 *
 * <p>The format (parquet-format's Encodings.md): a page of {@code k} values of {@code w} bytes is {@code w} streams
 * of {@code k} bytes; stream {@code j} holds byte {@code j} (little-endian order) of every value. One loop per width
 * reads byte {@code j} of value {@code i} from each stream, all of them walked forward together, and assembles the
 * value where it belongs: no intermediate buffer, where parquet-java's reader gathers the bytes into one and then
 * hands out a value per virtual call.
 */
final class ByteStreamSplit {

    private ByteStreamSplit() {
    }

    /** DOUBLE values into {@code dst[off, off + n)}. */
    static void doubles(byte[] b, int pos, int end, int n, double[] dst, int off) {
        int stride = stride(pos, end, n, 8);
        int s1 = pos + stride;
        int s2 = s1 + stride;
        int s3 = s2 + stride;
        int s4 = s3 + stride;
        int s5 = s4 + stride;
        int s6 = s5 + stride;
        int s7 = s6 + stride;
        for (int i = 0; i < n; i++) {
            long bits = (b[pos + i] & 0xFFL)
                    | (b[s1 + i] & 0xFFL) << 8
                    | (b[s2 + i] & 0xFFL) << 16
                    | (b[s3 + i] & 0xFFL) << 24
                    | (b[s4 + i] & 0xFFL) << 32
                    | (b[s5 + i] & 0xFFL) << 40
                    | (b[s6 + i] & 0xFFL) << 48
                    | (b[s7 + i] & 0xFFL) << 56;
            dst[off + i] = Double.longBitsToDouble(bits);
        }
    }

    /** FLOAT values widened into {@code dst[off, off + n)}. */
    static void floatsToDoubles(byte[] b, int pos, int end, int n, double[] dst, int off) {
        int stride = stride(pos, end, n, 4);
        int s1 = pos + stride;
        int s2 = s1 + stride;
        int s3 = s2 + stride;
        for (int i = 0; i < n; i++) {
            int bits = (b[pos + i] & 0xFF)
                    | (b[s1 + i] & 0xFF) << 8
                    | (b[s2 + i] & 0xFF) << 16
                    | (b[s3 + i] & 0xFF) << 24;
            dst[off + i] = Float.intBitsToFloat(bits);
        }
    }

    /** The length of each stream: the page's value bytes over the width, which must cover {@code n} values. */
    private static int stride(int pos, int end, int n, int width) {
        int bytes = end - pos;
        if (bytes % width != 0 || bytes / width < n) {
            throw new DecodeException("BYTE_STREAM_SPLIT page holds " + bytes + " bytes of values, " + n
                    + " values of " + width + " bytes need " + ((long) n * width));
        }
        return bytes / width;
    }
}
