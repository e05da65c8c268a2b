package io.icebench.icecube.read;

import io.icebench.icecube.Column;
import io.icebench.icecube.IcecubeDataException;
import io.icebench.icecube.PulseBatch;
import io.icebench.icecube.generate.DatasetGenerator;
import io.icebench.icecube.generate.GeneratorSettings;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static io.icebench.icecube.read.TestData.assertSamePulses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Files as other writers write them (data pages v2, ZSTD, LZ4_RAW, DELTA_BINARY_PACKED, BYTE_STREAM_SPLIT, small
 * pages, many row groups) read back equal to the PLAIN v1 file of the same generated batch, through the bulk
 * decoders: each case checks from the footer which encodings the writer chose, and from {@link DecodeRoute} that
 * every page took the route its encoding has, none parquet's per-value reader, and that no page was decompressed
 * outside the worker's reused codecs.
 */
class OtherWritersTest {

    private static final Set<Column> ALL = EnumSet.allOf(Column.class);
    private static final OtherWriter V2 = OtherWriter.plainV1().v2();

    @TempDir
    static Path dir;
    /** The generated batch, as the PLAIN v1 file of it reads back. */
    private static PulseBatch expected;

    @BeforeAll
    static void writeThePlainFile() throws IOException {
        Path generated = java.nio.file.Files.createDirectory(dir.resolve("generated"));
        DatasetGenerator.generate(GeneratorSettings.of(1_000, 1_000, 29), generated, n -> { });
        PulseBatch batch = BatchReader.read(generated.resolve("train/batch_1.parquet"), ALL, 2);
        Path plain = dir.resolve("plain-v1.parquet");
        OtherWriter.plainV1().write(batch, plain);

        OtherWriter.Footer footer = OtherWriter.Footer.of(plain);
        assertThat(footer.v2Pages()).isFalse();
        assertThat(footer.dataEncodings().values()).allSatisfy(e -> assertThat(e).containsExactly(Encoding.PLAIN));
        expected = BatchReader.read(plain, ALL, 2);
        assertSamePulses(expected, batch);
        assertThat(expected.size()).isGreaterThan(100_000);
    }

    static Stream<OtherWriter> writers() {
        return Stream.of(
                V2,
                V2.withDictionary().withCodec(CompressionCodecName.SNAPPY),
                V2.withOptional(),
                OtherWriter.plainV1().withCodec(CompressionCodecName.ZSTD),
                OtherWriter.plainV1().withCodec(CompressionCodecName.LZ4_RAW),
                OtherWriter.plainV1().withByteStreamSplit(),
                V2.withByteStreamSplit().withCodec(CompressionCodecName.ZSTD),
                V2.withByteStreamSplit().withCodec(CompressionCodecName.LZ4_RAW).withOptional(),
                V2.withByteStreamSplit().withCodec(CompressionCodecName.ZSTD).withPageSize(4096),
                V2.withByteStreamSplit().withCodec(CompressionCodecName.ZSTD).withRowGroupSize(128 * 1024),
                V2.withByteStreamSplit().withCodec(CompressionCodecName.ZSTD).withPageSize(2048)
                        .withRowGroupSize(128 * 1024).withOptional());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writers")
    void aFileWrittenWithOtherWritersOptionsReadsBackEqualThroughTheBulkDecoders(OtherWriter writer)
            throws IOException {
        Path file = dir.resolve(Math.abs(writer.toString().hashCode()) + ".parquet");
        writer.write(expected, file);
        OtherWriter.Footer footer = OtherWriter.Footer.of(file);
        assertWriterChose(writer, footer);

        for (int threads : new int[] {1, 3}) {
            Map<DecodeRoute, Long> before = DecodeRoute.snapshot();
            PulseBatch read = BatchReader.read(file, ALL, threads);
            Map<DecodeRoute, Long> taken = since(before);

            assertSamePulses(read, expected);
            assertThat(taken).as("pages decoded by each route").isEqualTo(footer.pagesByRoute());
            assertThat(taken).doesNotContainKeys(DecodeRoute.VALUES_READER, DecodeRoute.CODEC_FACTORY);
        }
    }

    /** The footer shows the options took effect, so a case cannot pass on encodings it did not mean to test. */
    private static void assertWriterChose(OtherWriter writer, OtherWriter.Footer footer) {
        boolean v2 = writer.version() == org.apache.parquet.column.ParquetProperties.WriterVersion.PARQUET_2_0;
        assertThat(footer.v2Pages()).isEqualTo(v2);
        assertThat(footer.codecs().values()).containsOnly(writer.codec());
        Map<String, Set<Encoding>> encodings = footer.dataEncodings();
        if (writer.dictionary()) {
            assertThat(encodings.get("sensor_id")).contains(Encoding.RLE_DICTIONARY);
        } else {
            Encoding integers = v2 ? Encoding.DELTA_BINARY_PACKED : Encoding.PLAIN;
            assertThat(encodings.get("sensor_id")).containsExactly(integers);
            assertThat(encodings.get("time")).containsExactly(integers);
            assertThat(encodings.get("event_id")).containsExactly(integers);
            assertThat(encodings.get("charge")).containsExactly(writer.byteStreamSplit()
                    ? Encoding.BYTE_STREAM_SPLIT : Encoding.PLAIN);
            assertThat(encodings.get("auxiliary")).containsExactly(v2 ? Encoding.RLE : Encoding.PLAIN);
        }
        if (writer.pageSize() < OtherWriter.DEFAULT_PAGE_SIZE) {
            assertThat(footer.dataPages().get("time")).isGreaterThan(20);
        }
        if (writer.rowGroupSize() < OtherWriter.DEFAULT_ROW_GROUP_SIZE) {
            assertThat(footer.rowGroups()).isGreaterThan(5);
        } else {
            assertThat(footer.rowGroups()).isEqualTo(1);
        }
    }

    @Test
    void aChunkLargeEnoughToSplitIsDecodedPageRangeByPageRangeOnSeveralThreads() throws IOException {
        // The batch twice over, one row group: each column chunk is more than a quarter of a million values, so
        // three threads decode its page ranges side by side, each into its own rows of the one array.
        PulseBatch twice = twice(expected);
        Path file = dir.resolve("split.parquet");
        V2.withByteStreamSplit().withCodec(CompressionCodecName.ZSTD).withPageSize(64 * 1024).write(twice, file);
        OtherWriter.Footer footer = OtherWriter.Footer.of(file);
        assertThat(footer.rowGroups()).isEqualTo(1);
        java.util.concurrent.atomic.AtomicInteger units = new java.util.concurrent.atomic.AtomicInteger();

        Map<DecodeRoute, Long> before = DecodeRoute.snapshot();
        PulseBatch read = BatchReader.read(file, ALL, 3, nanos -> units.incrementAndGet());
        Map<DecodeRoute, Long> taken = since(before);

        assertSamePulses(read, twice);
        assertThat(taken).isEqualTo(footer.pagesByRoute());
        // opening the file, then more units than the five chunks: some chunks were split into page ranges
        assertThat(units.get()).isGreaterThan(1 + ALL.size());
    }

    @Test
    void widenedTypesInDeltaAndByteStreamSplitPagesAreConvertedAsInPlainPages() throws IOException {
        // sensor_id as INT64, time as INT32, charge as FLOAT: the conversions of each bulk decoder.
        OtherWriter writer = V2.withByteStreamSplit().withCodec(CompressionCodecName.ZSTD).withWidened();
        Path file = dir.resolve("widened.parquet");
        writer.write(expected, file);
        OtherWriter.Footer footer = OtherWriter.Footer.of(file);
        assertThat(footer.dataEncodings().get("charge")).containsExactly(Encoding.BYTE_STREAM_SPLIT);
        assertThat(footer.dataEncodings().get("time")).containsExactly(Encoding.DELTA_BINARY_PACKED);
        assertThat(footer.dataEncodings().get("sensor_id")).containsExactly(Encoding.DELTA_BINARY_PACKED);

        Map<DecodeRoute, Long> before = DecodeRoute.snapshot();
        PulseBatch read = BatchReader.read(file, ALL, 2);
        Map<DecodeRoute, Long> taken = since(before);

        assertThat(taken).isEqualTo(footer.pagesByRoute());
        assertThat(read.sensorId()).isEqualTo(expected.sensorId());
        assertThat(read.time()).isEqualTo(expected.time());
        double[] charge = expected.charge().clone();
        for (int i = 0; i < charge.length; i++) {
            charge[i] = (float) charge[i];
        }
        assertThat(read.charge()).isEqualTo(charge);
        assertThat(read.eventId()).isEqualTo(expected.eventId());
    }

    /**
     * DuckDB with the options the issue names; with its dictionaries off it writes what it writes for
     * high-cardinality columns, the integers DELTA_BINARY_PACKED and the doubles BYTE_STREAM_SPLIT.
     */
    @ParameterizedTest(name = "DuckDB options: {0}")
    @ValueSource(strings = {
        "PARQUET_VERSION V2, COMPRESSION zstd",
        "PARQUET_VERSION V2, COMPRESSION zstd, DICTIONARY_SIZE_LIMIT 0",
        "PARQUET_VERSION V2, COMPRESSION lz4_raw, DICTIONARY_SIZE_LIMIT 0, ROW_GROUP_SIZE 20000"
    })
    void aFileDuckDbWritesWithPagesV2ReadsBackThroughTheBulkDecoders(String options) throws IOException {
        Path source = dir.resolve("for-duckdb.parquet");
        OtherWriter.plainV1().write(expected, source);
        Path file = dir.resolve("duckdb-" + Math.abs(options.hashCode()) + ".parquet");
        TestData.duckdbCopy(source, file, "SELECT * FROM {src}", options);
        boolean noDictionary = options.contains("DICTIONARY_SIZE_LIMIT 0");
        if (noDictionary) {
            assertThat(TestData.encodings(file))
                    .containsEntry("sensor_id", "DELTA_BINARY_PACKED")
                    .containsEntry("time", "DELTA_BINARY_PACKED")
                    .containsEntry("event_id", "DELTA_BINARY_PACKED")
                    .containsEntry("charge", "BYTE_STREAM_SPLIT");
        }

        Map<DecodeRoute, Long> before = DecodeRoute.snapshot();
        PulseBatch read = BatchReader.read(file, ALL, 2);
        Map<DecodeRoute, Long> taken = since(before);

        assertSamePulses(read, expected);
        assertThat(taken).doesNotContainKeys(DecodeRoute.VALUES_READER, DecodeRoute.CODEC_FACTORY);
        if (noDictionary) {
            assertThat(taken).containsKeys(DecodeRoute.DELTA_BINARY_PACKED, DecodeRoute.BYTE_STREAM_SPLIT)
                    .doesNotContainKey(DecodeRoute.DICTIONARY);
        }
    }

    @Test
    void aSensorIdOutsideTheGeometryInADeltaPageNamesItsRowGroupAndRow() throws IOException {
        PulseBatch broken = copy(expected);
        int row = broken.size() - 5;
        broken.sensorId()[row] = 9999;
        Path file = dir.resolve("bad-sensor-delta.parquet");
        V2.withCodec(CompressionCodecName.ZSTD).withRowGroupSize(128 * 1024).write(broken, file);
        OtherWriter.Footer footer = OtherWriter.Footer.of(file);
        assertThat(footer.dataEncodings().get("sensor_id")).containsExactly(Encoding.DELTA_BINARY_PACKED);

        assertThatThrownBy(() -> BatchReader.read(file, ALL, 2))
                .isInstanceOf(IcecubeDataException.class)
                .hasMessage("'" + file + "': column 'sensor_id', row group " + (footer.rowGroups() - 1) + ": row "
                        + row + " holds sensor_id 9999, but sensor_id must be a DOM of sensor_geometry.csv, 0..5159:"
                        + " fix or drop that row and write the file again");
    }

    @Test
    void aNanChargeInAByteStreamSplitPageNamesItsRow() throws IOException {
        PulseBatch broken = copy(expected);
        broken.charge()[12_345] = Double.NaN;
        Path file = dir.resolve("bad-charge-bss.parquet");
        V2.withByteStreamSplit().write(broken, file);

        assertThatThrownBy(() -> BatchReader.read(file, ALL, 2))
                .isInstanceOf(IcecubeDataException.class)
                .hasMessage("'" + file + "': column 'charge', row group 0: row 12345 holds charge NaN, but charge "
                        + "must be a finite number, not NaN or ±Infinity: fix or drop that row and write the file "
                        + "again");
    }

    /** The pages each route took since {@code before}; routes that took none are left out. */
    private static Map<DecodeRoute, Long> since(Map<DecodeRoute, Long> before) {
        Map<DecodeRoute, Long> taken = new EnumMap<>(DecodeRoute.class);
        DecodeRoute.snapshot().forEach((route, count) -> {
            long pages = count - before.get(route);
            if (pages != 0) {
                taken.put(route, pages);
            }
        });
        return taken;
    }

    private static PulseBatch twice(PulseBatch batch) {
        int n = batch.size();
        PulseBatch result = new PulseBatch(2 * n, new short[2 * n], new long[2 * n], new double[2 * n],
                new boolean[2 * n], new long[2 * n]);
        for (int half = 0; half < 2; half++) {
            System.arraycopy(batch.sensorId(), 0, result.sensorId(), half * n, n);
            System.arraycopy(batch.time(), 0, result.time(), half * n, n);
            System.arraycopy(batch.charge(), 0, result.charge(), half * n, n);
            System.arraycopy(batch.auxiliary(), 0, result.auxiliary(), half * n, n);
            System.arraycopy(batch.eventId(), 0, result.eventId(), half * n, n);
        }
        return result;
    }

    private static PulseBatch copy(PulseBatch batch) {
        return new PulseBatch(batch.size(), batch.sensorId().clone(), batch.time().clone(), batch.charge().clone(),
                batch.auxiliary().clone(), batch.eventId().clone());
    }
}
