package io.icebench.icecube.read;

import io.icebench.icecube.Column;
import io.icebench.icecube.PulseBatch;
import io.icebench.icecube.parquet.ParquetFiles;
import io.icebench.icecube.parquet.WriteOptions;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static io.icebench.icecube.read.TestData.assertSamePulses;
import static org.assertj.core.api.Assertions.assertThat;

class BatchReaderTest {

    private static final List<Column> KAGGLE_ORDER = WriteOptions.kaggle().columnOrder();
    private static final List<Column> REVERSED = List.of(Column.EVENT_ID, Column.AUXILIARY, Column.CHARGE,
            Column.TIME, Column.SENSOR_ID);
    private static final List<Column> EVENT_ID_FIRST = List.of(Column.EVENT_ID, Column.SENSOR_ID, Column.TIME,
            Column.CHARGE, Column.AUXILIARY);
    private static final Set<Column> ALL = EnumSet.allOf(Column.class);

    @TempDir
    static Path dir;
    private static TestData.Batch batch;
    private static Path kaggleFile;

    @BeforeAll
    static void writeKaggleFile() throws IOException {
        batch = TestData.batch(10_000, 11);
        kaggleFile = dir.resolve("kaggle.parquet");
        ParquetFiles.writeBatch(kaggleFile, batch.pulses(), WriteOptions.kaggle().withRowGroupRows(1000));
    }

    /**
     * Every codec × dictionary × page version × one or many row groups; column order, optional/required,
     * int16 annotation and thread count rotate through their values so each appears with every codec.
     */
    static Stream<Arguments> writerSettings() {
        List<Arguments> cases = new ArrayList<>();
        List<List<Column>> orders = List.of(KAGGLE_ORDER, REVERSED, EVENT_ID_FIRST);
        int i = 0;
        for (CompressionCodecName codec : List.of(CompressionCodecName.SNAPPY, CompressionCodecName.ZSTD,
                CompressionCodecName.GZIP, CompressionCodecName.UNCOMPRESSED)) {
            for (boolean dictionary : new boolean[] {true, false}) {
                for (boolean pageV2 : new boolean[] {false, true}) {
                    for (int rowGroupRows : new int[] {WriteOptions.DEFAULT_ROW_GROUP_ROWS, 1000}) {
                        WriteOptions options = WriteOptions.kaggle().withCodec(codec).withDictionary(dictionary)
                                .withPageV2(pageV2).withRowGroupRows(rowGroupRows)
                                .withColumnOrder(orders.get(i % 3)).withOptional(i % 2 == 0)
                                .withSensorIdInt16(i / 2 % 2 == 0);
                        cases.add(Arguments.of(options, 1 + i / 4 % 2));
                        i++;
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}, {1} threads")
    @MethodSource("writerSettings")
    void aBatchWrittenWithAnySettingsReadsBackEqualToItsArrays(WriteOptions options, int threads) throws IOException {
        Path file = dir.resolve("settings-" + options.hashCode() + "-" + threads + ".parquet");
        ParquetFiles.writeBatch(file, batch.pulses(), options);

        assertSamePulses(BatchReader.read(file, ALL, threads), batch.pulses());
    }

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {1, 2, 3, 16})
    void anyThreadCountGivesTheSameArrays(int threads) {
        assertSamePulses(BatchReader.read(kaggleFile, ALL, threads), batch.pulses());
    }

    @Test
    void theWorkHookHearsOfOpeningTheFileAndOfEachColumnChunkOnTheThreadThatDecodedIt() {
        record Call(String thread, long nanos) {
        }
        List<Call> calls = new java.util.concurrent.CopyOnWriteArrayList<>();

        PulseBatch pulses = BatchReader.read(kaggleFile, ALL, 2,
                nanos -> calls.add(new Call(Thread.currentThread().getName(), nanos)));

        assertSamePulses(pulses, batch.pulses());
        // opening the file, then one chunk per row group and column (none is large enough to be split)
        int rowGroups = ColumnarFile.open(kaggleFile, "batch file").rowGroups();
        assertThat(rowGroups).isGreaterThan(1);
        assertThat(calls).hasSize(1 + rowGroups * ALL.size()).allSatisfy(c -> assertThat(c.nanos()).isPositive());
        assertThat(calls.get(0).thread()).isEqualTo(Thread.currentThread().getName());
        assertThat(calls).extracting(Call::thread)
                .allSatisfy(t -> assertThat(t).isIn(Thread.currentThread().getName(), "icebench-read-1"));
    }

    @Test
    void projectionReadsOnlyTheRequestedColumns() {
        PulseBatch time = BatchReader.read(kaggleFile, EnumSet.of(Column.TIME), 2);

        assertThat(time.size()).isEqualTo(batch.pulses().size());
        assertThat(time.columns()).containsExactly(Column.TIME);
        assertThat(time.has(Column.SENSOR_ID)).isFalse();
        assertThat(time.has(Column.CHARGE)).isFalse();
        assertThat(time.has(Column.AUXILIARY)).isFalse();
        assertThat(time.has(Column.EVENT_ID)).isFalse();
        assertThat(time.time()).isEqualTo(batch.pulses().time());
    }

    @Test
    void anEmptyProjectionStillCountsThePulses() {
        PulseBatch none = BatchReader.read(kaggleFile, EnumSet.noneOf(Column.class), 1);

        assertThat(none.size()).isEqualTo(batch.pulses().size());
        assertThat(none.columns()).isEmpty();
        assertThat(BatchReader.rowCount(kaggleFile)).isEqualTo(batch.pulses().size());
    }

    @Test
    void readingTheRowsOfSomeEventsDecodesOnlyTheRowGroupsHoldingThem() {
        BatchReader.Rows rows = BatchReader.readCovering(kaggleFile, ALL, 2500, 3100, 2);

        assertThat(rows.firstRow()).isEqualTo(2000);
        assertThat(rows.pulses().size()).isEqualTo(2000);
        for (int i = 0; i < rows.pulses().size(); i++) {
            assertThat(rows.pulses().time()[i]).isEqualTo(batch.pulses().time()[2000 + i]);
        }
    }

    @Test
    void aDictionaryThatOverflowsMidChunkFallsBackToPlainPagesAndStillReadsBack() throws IOException {
        // 300,000 distinct times overflow parquet-mr's 1 MiB dictionary: the first pages are dictionary-encoded,
        // the rest PLAIN, all in one column chunk of several pages.
        TestData.Batch big = TestData.batch(300_000, 5);
        long[] time = big.pulses().time();
        for (int i = 0; i < time.length; i++) {
            time[i] = 1_000_000L + 7L * i;
        }
        Path file = dir.resolve("fallback.parquet");
        ParquetFiles.writeBatch(file, big.pulses(), WriteOptions.kaggle());

        assertSamePulses(BatchReader.read(file, ALL, 2), big.pulses());
    }

    @Test
    void aFileWithAnExtraColumnReadsBackAndIgnoresIt() {
        Path file = dir.resolve("extra.parquet");
        TestData.duckdbCopy(kaggleFile, file, "SELECT *, 42 AS extra, 'x' AS note FROM {src}", "");

        assertSamePulses(BatchReader.read(file, ALL, 2), batch.pulses());
    }

    @ParameterizedTest(name = "DuckDB options: {0}")
    @ValueSource(strings = {
        "",
        "COMPRESSION zstd, ROW_GROUP_SIZE 2048",
        "COMPRESSION gzip",
        "COMPRESSION uncompressed",
        "COMPRESSION lz4",
        "PARQUET_VERSION V2",
        "PARQUET_VERSION V2, COMPRESSION zstd, ROW_GROUP_SIZE 4096"
    })
    void aFileWrittenByDuckDbReadsBackIdentical(String options) {
        Path file = dir.resolve("duckdb-" + Math.abs(options.hashCode()) + ".parquet");
        TestData.duckdbCopy(kaggleFile, file, "SELECT * FROM {src}", options);

        assertSamePulses(BatchReader.read(file, ALL, 2), batch.pulses());
    }

    @Test
    void highCardinalityColumnsThatDuckDbWritesAsDeltaAndByteStreamSplitReadBack() throws IOException {
        TestData.Batch distinct = TestData.batch(20_000, 3);
        for (int i = 0; i < distinct.pulses().size(); i++) {
            distinct.pulses().time()[i] = 1_000_000L + 3L * i;
            distinct.pulses().charge()[i] = 0.001 * i;
        }
        Path source = dir.resolve("distinct.parquet");
        ParquetFiles.writeBatch(source, distinct.pulses(), WriteOptions.kaggle());
        Path file = dir.resolve("distinct-duckdb-v2.parquet");
        TestData.duckdbCopy(source, file, "SELECT * FROM {src}", "PARQUET_VERSION V2");

        assertThat(TestData.encodings(file))
                .containsEntry("time", "DELTA_BINARY_PACKED")
                .containsEntry("charge", "BYTE_STREAM_SPLIT");
        assertSamePulses(BatchReader.read(file, ALL, 2), distinct.pulses());
    }

    @Test
    void aDuckDbFileWithItsOwnColumnOrderAndWidenedTypesReadsBack() {
        // sensor_id as plain INTEGER and time as BIGINT, event_id first: what a hand-written SQL export gives.
        Path file = dir.resolve("duckdb-reordered.parquet");
        TestData.duckdbCopy(kaggleFile, file, "SELECT event_id, CAST(sensor_id AS INTEGER) AS sensor_id, "
                + "CAST(sensor_id AS BIGINT) AS sensor_id_copy, charge, auxiliary, time FROM {src}", "");

        assertSamePulses(BatchReader.read(file, ALL, 1), batch.pulses());
    }

    @Test
    void sensorIdStoredAsInt64IsNarrowedWhenItFits() {
        Path file = dir.resolve("sensor-int64.parquet");
        TestData.duckdbCopy(kaggleFile, file, "SELECT CAST(sensor_id AS BIGINT) AS sensor_id, time, charge, "
                + "auxiliary, event_id FROM {src}", "");

        assertSamePulses(BatchReader.read(file, ALL, 2), batch.pulses());
    }

    @Test
    void chargeStoredAsFloat32IsWidened() {
        Path file = dir.resolve("charge-float.parquet");
        TestData.duckdbCopy(kaggleFile, file, "SELECT sensor_id, time, CAST(charge AS FLOAT) AS charge, auxiliary,"
                + " event_id FROM {src}", "");

        PulseBatch read = BatchReader.read(file, EnumSet.of(Column.CHARGE), 1);

        double[] expected = batch.pulses().charge();
        for (int i = 0; i < expected.length; i++) {
            assertThat(read.charge()[i]).isEqualTo((double) (float) expected[i]);
        }
    }
}
