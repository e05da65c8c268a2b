package io.icebench.icecube.read;

import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.values.bytestreamsplit.ByteStreamSplitValuesWriter;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link ByteStreamSplit} gives back, bit for bit, the doubles and floats parquet-java's BYTE_STREAM_SPLIT writers
 * encode, into the page's own range of the target only.
 */
class ByteStreamSplitTest {

    private static final double[] SPECIAL = {0.0, -0.0, Double.MIN_VALUE, -Double.MAX_VALUE, Double.MAX_VALUE,
        Double.NaN, Double.longBitsToDouble(0x7FF0_0000_0000_0001L), Double.POSITIVE_INFINITY, 0.025, 1e-310};

    @Test
    void doublesComeBackBitForBit() throws IOException {
        for (int n : new int[] {1, 7, 8, 9, 1000}) {
            double[] values = values(n, 1);
            byte[] page = encodeDoubles(values);
            byte[] chunk = new byte[page.length + 10];
            Arrays.fill(chunk, (byte) 0xEE);
            System.arraycopy(page, 0, chunk, 3, page.length);
            double[] target = new double[n + 4];
            Arrays.fill(target, 99.0);

            ByteStreamSplit.doubles(chunk, 3, 3 + page.length, n, target, 2);

            assertThat(bits(Arrays.copyOfRange(target, 2, n + 2))).isEqualTo(bits(values));
            assertThat(new double[] {target[0], target[1], target[n + 2], target[n + 3]}).containsOnly(99.0);
        }
    }

    @Test
    void floatsComeBackBitForBitWidened() throws IOException {
        double[] values = values(1000, 2);
        ByteStreamSplitValuesWriter.FloatByteStreamSplitValuesWriter writer =
                new ByteStreamSplitValuesWriter.FloatByteStreamSplitValuesWriter(1024, 1 << 20,
                        new HeapByteBufferAllocator());
        for (double v : values) {
            writer.writeFloat((float) v);
        }
        byte[] page = writer.getBytes().toByteArray();
        double[] target = new double[values.length];

        ByteStreamSplit.floatsToDoubles(page, 0, page.length, values.length, target, 0);

        for (int i = 0; i < values.length; i++) {
            assertThat(Double.doubleToRawLongBits(target[i]))
                    .isEqualTo(Double.doubleToRawLongBits((double) (float) values[i]));
        }
    }

    @Test
    void aPageWhoseBytesAreNotWholeValuesIsDamaged() throws IOException {
        byte[] page = encodeDoubles(values(100, 3));

        assertThatThrownBy(() -> ByteStreamSplit.doubles(page, 0, page.length - 1, 100, new double[100], 0))
                .isInstanceOf(DecodeException.class)
                .hasMessage("BYTE_STREAM_SPLIT page holds 799 bytes of values, 100 values of 8 bytes need 800");
        assertThatThrownBy(() -> ByteStreamSplit.doubles(page, 0, page.length, 101, new double[101], 0))
                .isInstanceOf(DecodeException.class);
    }

    private static double[] values(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = i < SPECIAL.length ? SPECIAL[i] : Double.longBitsToDouble(random.nextLong());
        }
        return values;
    }

    private static long[] bits(double[] values) {
        return Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray();
    }

    private static byte[] encodeDoubles(double[] values) throws IOException {
        ByteStreamSplitValuesWriter.DoubleByteStreamSplitValuesWriter writer =
                new ByteStreamSplitValuesWriter.DoubleByteStreamSplitValuesWriter(1024, 1 << 20,
                        new HeapByteBufferAllocator());
        for (double v : values) {
            writer.writeDouble(v);
        }
        return writer.getBytes().toByteArray();
    }
}
