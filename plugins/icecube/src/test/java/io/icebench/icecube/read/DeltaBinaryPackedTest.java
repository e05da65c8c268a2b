package io.icebench.icecube.read;

import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.values.delta.DeltaBinaryPackingValuesWriterForInteger;
import org.apache.parquet.column.values.delta.DeltaBinaryPackingValuesWriterForLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * {@link DeltaBinaryPacked} decodes what parquet-java's own DELTA_BINARY_PACKED writers encode, whatever the block
 * layout, bit width (0 to 64) or wrap-around, and writes only the page's own range of the target: the neighbouring
 * slots belong to pages other threads decode.
 */
class DeltaBinaryPackedTest {

    private static final int[] SIZES = {1, 2, 31, 32, 33, 100, 128, 129, 1000, 4097};
    private static final long SENTINEL = 0x5A5A5A5A5A5A5A5AL;

    @Test
    void longsOfEveryShapeDecodeAsParquetEncodedThem() throws IOException {
        SplittableRandom random = new SplittableRandom(3);
        for (int n : SIZES) {
            long[] sortedTimes = new long[n];
            long[] anyLongs = random.longs(n).toArray();
            long[] constant = new long[n];
            long[] extremes = new long[n];
            long t = 5_000;
            for (int i = 0; i < n; i++) {
                t += random.nextInt(150);
                sortedTimes[i] = t;
                constant[i] = -42;
                extremes[i] = i % 2 == 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
            }
            for (long[] values : new long[][] {sortedTimes, anyLongs, constant, extremes}) {
                for (int[] layout : new int[][] {{128, 4}, {256, 2}, {1024, 8}}) {
                    assertThat(decodeLongs(encodeLongs(values, layout[0], layout[1]), n))
                            .as("%d values in blocks of %d/%d", n, layout[0], layout[1]).isEqualTo(values);
                }
            }
        }
    }

    @Test
    void intsWrapAt32BitsAndWidenOrNarrowAsThePlainDecoderDoes() throws IOException {
        SplittableRandom random = new SplittableRandom(5);
        for (int n : SIZES) {
            int[] anyInts = random.ints(n).toArray();
            int[] extremes = new int[n];
            int[] sensors = random.ints(n, 0, 5160).toArray();
            for (int i = 0; i < n; i++) {
                extremes[i] = i % 3 == 0 ? Integer.MIN_VALUE : Integer.MAX_VALUE;
            }
            for (int[] values : new int[][] {anyInts, extremes, sensors}) {
                byte[] page = encodeInts(values, 128, 4);
                long[] widened = new long[n + 2];
                new DeltaBinaryPacked().intsToLongs(page, 0, page.length, n, widened, 1);
                assertThat(Arrays.copyOfRange(widened, 1, n + 1)).isEqualTo(Arrays.stream(values).asLongStream()
                        .toArray());
                assertThat(widened[0]).isZero();
                assertThat(widened[n + 1]).isZero();
            }
            short[] narrowed = new short[n];
            byte[] page = encodeInts(sensors, 128, 4);
            new DeltaBinaryPacked().intsToShorts(page, 0, page.length, n, narrowed, 0);
            for (int i = 0; i < n; i++) {
                assertThat(narrowed[i]).isEqualTo((short) sensors[i]);
            }
        }
    }

    @Test
    void int64SensorIdsAreNarrowed() throws IOException {
        long[] values = new SplittableRandom(9).longs(1000, -32768, 32768).toArray();
        byte[] page = encodeLongs(values, 128, 4);
        short[] narrowed = new short[1000];

        new DeltaBinaryPacked().longsToShorts(page, 0, page.length, 1000, narrowed, 0);

        for (int i = 0; i < values.length; i++) {
            assertThat(narrowed[i]).isEqualTo((short) values[i]);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(longs = {70_000, -32_769, 1L << 40})
    void aValueThatDoesNotFitInt16IsNamed(long bad) throws IOException {
        long[] longs = new long[300];
        Arrays.fill(longs, 7);
        longs[250] = bad;
        byte[] page = encodeLongs(longs, 128, 4);

        assertThatThrownBy(() -> new DeltaBinaryPacked().longsToShorts(page, 0, page.length, 300, new short[300], 0))
                .isInstanceOf(DecodeException.class)
                .hasMessage("value " + bad + " does not fit int16");
        if (bad == (int) bad) {
            int[] ints = Arrays.stream(longs).mapToInt(v -> (int) v).toArray();
            byte[] intPage = encodeInts(ints, 128, 4);
            assertThatThrownBy(() -> new DeltaBinaryPacked().intsToShorts(intPage, 0, intPage.length, 300,
                    new short[300], 0))
                    .isInstanceOf(DecodeException.class)
                    .hasMessage("value " + bad + " does not fit int16");
        }
    }

    @Test
    void aPageDecodesIntoItsOwnRangeOfTheTargetAndReadsOnlyItsOwnBytes() throws IOException {
        long[] values = new SplittableRandom(11).longs(1000, 0, 1 << 20).toArray();
        byte[] encoded = encodeLongs(values, 128, 4);
        // The page in the middle of a chunk's bytes, garbage either side.
        byte[] chunk = new byte[encoded.length + 20];
        Arrays.fill(chunk, (byte) 0xFF);
        System.arraycopy(encoded, 0, chunk, 7, encoded.length);
        long[] target = new long[1000 + 64];
        Arrays.fill(target, SENTINEL);

        new DeltaBinaryPacked().longs(chunk, 7, 7 + encoded.length, 1000, target, 31);

        assertThat(Arrays.copyOfRange(target, 31, 1031)).isEqualTo(values);
        assertThat(Arrays.copyOfRange(target, 0, 31)).containsOnly(SENTINEL);
        assertThat(Arrays.copyOfRange(target, 1031, target.length)).containsOnly(SENTINEL);
    }

    @Test
    void aLastMiniblockWithoutItsPaddingStillDecodesAndAPageCutShortFailsAsDamaged() throws IOException {
        // 1000 values: the last block's fourth miniblock holds 7 of its 32 deltas, so its last 25 deltas (at 10
        // bits, 31 whole bytes) are padding that a writer may leave out.
        long[] values = new long[1000];
        SplittableRandom random = new SplittableRandom(13);
        for (int i = 1; i < values.length; i++) {
            values[i] = values[i - 1] + random.nextInt(1024);
        }
        byte[] page = encodeLongs(values, 128, 4);

        byte[] unpadded = Arrays.copyOf(page, page.length - 31);
        assertThat(decodeLongs(unpadded, 1000)).isEqualTo(values);
        for (int cut = 32; cut < 200; cut++) {
            byte[] damaged = Arrays.copyOf(page, page.length - cut);
            assertThat(catchThrowable(() -> decodeLongs(damaged, 1000)))
                    .as("cut %d bytes", cut).isInstanceOf(DecodeException.class);
        }
    }

    @Test
    void aDamagedHeaderIsADecodeErrorNotALoop() {
        // block size 100 (not a multiple of 128), 4 miniblocks, 10 values, first value 0
        byte[] header = {100, 4, 10, 0};

        assertThatThrownBy(() -> decodeLongs(header, 10))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining("blocks of 100 values in 4 miniblocks");
        assertThatThrownBy(() -> decodeLongs(new byte[] {(byte) 0x80, 1, 4, 5, 0}, 10))
                .isInstanceOf(DecodeException.class)
                .hasMessage("DELTA_BINARY_PACKED header counts 5 values, the page holds 10");
    }

    private static long[] decodeLongs(byte[] page, int n) {
        long[] values = new long[n];
        new DeltaBinaryPacked().longs(page, 0, page.length, n, values, 0);
        return values;
    }

    private static byte[] encodeLongs(long[] values, int blockSize, int miniblocks) throws IOException {
        DeltaBinaryPackingValuesWriterForLong writer = new DeltaBinaryPackingValuesWriterForLong(blockSize,
                miniblocks, 1024, 1 << 20, new HeapByteBufferAllocator());
        for (long v : values) {
            writer.writeLong(v);
        }
        return writer.getBytes().toByteArray();
    }

    private static byte[] encodeInts(int[] values, int blockSize, int miniblocks) throws IOException {
        DeltaBinaryPackingValuesWriterForInteger writer = new DeltaBinaryPackingValuesWriterForInteger(blockSize,
                miniblocks, 1024, 1 << 20, new HeapByteBufferAllocator());
        for (int v : values) {
            writer.writeInteger(v);
        }
        return writer.getBytes().toByteArray();
    }
}
