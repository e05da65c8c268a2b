package io.icebench.icecube.read;

import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridEncoder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HybridTest {

    /** Runs of repeats (RLE) mixed with random stretches (bit-packed), as parquet's encoder writes them. */
    private static int[] values(int width, int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int bound = width == 0 ? 1 : 1 << Math.min(width, 20);
        int[] values = new int[n];
        int i = 0;
        while (i < n) {
            int run = Math.min(n - i, 1 + random.nextInt(random.nextBoolean() ? 40 : 3));
            int repeated = random.nextInt(bound);
            boolean repeat = random.nextInt(4) == 0;
            for (int k = 0; k < run; k++, i++) {
                values[i] = repeat ? repeated : random.nextInt(bound);
            }
        }
        return values;
    }

    private static byte[] encode(int width, int[] values) throws IOException {
        RunLengthBitPackingHybridEncoder encoder = new RunLengthBitPackingHybridEncoder(width, 64, 1 << 20,
                new HeapByteBufferAllocator());
        for (int v : values) {
            encoder.writeInt(v);
        }
        return encoder.toBytes().toByteArray();
    }

    @ParameterizedTest(name = "width {0}")
    @ValueSource(ints = {0, 1, 2, 3, 5, 7, 8, 9, 12, 13, 16, 17, 20})
    void dictionaryIndicesDecodeLikeParquetsEncoderWroteThemWhetherFlushWithTheArrayEndOrNot(int width)
            throws IOException {
        int n = 10_007;
        int[] values = values(width, n, width);
        byte[] encoded = encode(width, values);
        long[] dict = new long[1 << Math.min(width, 20)];
        double[] doubleDict = new double[dict.length];
        short[] shortDict = new short[dict.length];
        for (int i = 0; i < dict.length; i++) {
            dict[i] = 1_000_000L + 3L * i;
            doubleDict[i] = 0.025 + 0.05 * i;
            shortDict[i] = (short) (i * 7);
        }
        for (int padding : new int[] {0, 3, 64}) {
            byte[] page = Arrays.copyOf(encoded, encoded.length + padding);
            long[] longs = new long[n + 2];
            double[] doubles = new double[n + 2];
            short[] shorts = new short[n + 2];

            Hybrid.dictionaryLong(page, 0, encoded.length, width, n, dict, longs, 1);
            Hybrid.dictionaryDouble(page, 0, encoded.length, width, n, doubleDict, doubles, 1);
            Hybrid.dictionaryShort(page, 0, encoded.length, width, n, shortDict, shorts, 1);

            for (int i = 0; i < n; i++) {
                assertThat(longs[i + 1]).as("value %d, padding %d", i, padding).isEqualTo(dict[values[i]]);
                assertThat(doubles[i + 1]).isEqualTo(doubleDict[values[i]]);
                assertThat(shorts[i + 1]).isEqualTo(shortDict[values[i]]);
            }
            assertThat(longs[0]).isZero();
            assertThat(longs[n + 1]).isZero();
        }
    }

    @ParameterizedTest(name = "{0} values")
    @ValueSource(ints = {1, 7, 8, 9, 1000, 4099})
    void booleansAndDefinitionLevelsDecode(int n) throws IOException {
        int[] bits = values(1, n, n);
        byte[] encoded = encode(1, bits);
        boolean[] decoded = new boolean[n];

        Hybrid.booleans(encoded, 0, encoded.length, n, decoded, 0);

        for (int i = 0; i < n; i++) {
            assertThat(decoded[i]).isEqualTo(bits[i] == 1);
        }
        int firstZero = -1;
        for (int i = 0; i < n && firstZero < 0; i++) {
            firstZero = bits[i] == 0 ? i : -1;
        }
        assertThat(Hybrid.firstLevelNotEqual(encoded, 0, encoded.length, 1, n, 1)).isEqualTo(firstZero);
    }

    @ParameterizedTest(name = "{0} values")
    @ValueSource(ints = {1, 13, 8000})
    void plainBooleansUnpackLeastSignificantBitFirst(int n) {
        SplittableRandom random = new SplittableRandom(n);
        byte[] packed = new byte[(n + 7) / 8];
        random.nextBytes(packed);
        boolean[] decoded = new boolean[n];

        Plain.booleans(packed, 0, packed.length, n, decoded, 0);

        for (int i = 0; i < n; i++) {
            assertThat(decoded[i]).isEqualTo(((packed[i / 8] >> (i % 8)) & 1) == 1);
        }
    }

    @ParameterizedTest(name = "width {0}")
    @ValueSource(ints = {3, 13})
    void dataThatEndsBeforeAllValuesIsReportedNotReadPastItsEnd(int width) throws IOException {
        int[] values = values(width, 1000, 1);
        byte[] encoded = encode(width, values);
        long[] dict = new long[1 << width];

        assertThatThrownBy(() -> Hybrid.dictionaryLong(encoded, 0, encoded.length / 2, width, 1000, dict,
                new long[1000], 0))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining("past the end of the page");
    }
}
