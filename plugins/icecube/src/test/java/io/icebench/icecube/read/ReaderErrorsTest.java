package io.icebench.icecube.read;

import io.icebench.icecube.Column;
import io.icebench.icecube.IcecubeDataException;
import io.icebench.icecube.PulseBatch;
import io.icebench.icecube.parquet.ParquetFiles;
import io.icebench.icecube.parquet.WriteOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReaderErrorsTest {

    private static final Set<Column> ALL = EnumSet.allOf(Column.class);

    @TempDir
    static Path dir;
    private static TestData.Batch batch;
    private static Path good;

    @BeforeAll
    static void writeAGoodFile() throws IOException {
        batch = TestData.batch(5_000, 17);
        good = dir.resolve("good.parquet");
        ParquetFiles.writeBatch(good, batch.pulses(), WriteOptions.kaggle().withRowGroupRows(1000));
    }

    @Test
    void aMissingFileIsNamedAndSaidToBeMissing() {
        Path missing = dir.resolve("train").resolve("batch_404.parquet");

        assertThatThrownBy(() -> BatchReader.read(missing, ALL, 1))
                .isInstanceOf(IcecubeDataException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("batch file does not exist")
                .satisfies(e -> assertThat(((IcecubeDataException) e).file()).isEqualTo(missing));
    }

    @Test
    void aCsvFileNamedParquetIsReportedAsNotParquet() throws IOException {
        Path csv = dir.resolve("batch_csv.parquet");
        Files.writeString(csv, "sensor_id,time,charge,auxiliary,event_id\n3918,5928,1.325,true,24\n");

        assertThatThrownBy(() -> BatchReader.read(csv, ALL, 1))
                .isInstanceOf(IcecubeDataException.class)
                .hasMessageContaining(csv.toString())
                .hasMessageContaining("not a parquet file")
                .hasMessageContaining("magic bytes PAR1");
    }

    @Test
    void aFileCutShortIsReportedAsTruncated() throws IOException {
        byte[] whole = Files.readAllBytes(good);
        Path half = dir.resolve("half.parquet");
        Files.write(half, Arrays.copyOf(whole, whole.length / 2));

        assertThatThrownBy(() -> BatchReader.read(half, ALL, 2))
                .isInstanceOf(IcecubeDataException.class)
                .hasMessageContaining(half.toString())
                .hasMessageContaining("truncated parquet file")
                .hasMessageContaining("(" + whole.length / 2 + " bytes)");
    }

    @Test
    void anEmptyFileIsReportedAsTruncated() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.parquet"));

        assertThatThrownBy(() -> BatchReader.read(empty, ALL, 1))
                .isInstanceOf(IcecubeDataException.class)
                .hasMessageContaining(empty.toString())
                .hasMessageContaining("truncated parquet file");
    }

    @Test
    void aFileWhoseFooterIsDamagedIsNamed() throws IOException {
        byte[] bytes = Files.readAllBytes(good);
        // The 4 bytes before the closing magic are the footer length: point it past the start of the file.
        bytes[bytes.length - 8] = (byte) 0xFF;
        bytes[bytes.length - 7] = (byte) 0xFF;
        bytes[bytes.length - 6] = (byte) 0xFF;
        bytes[bytes.length - 5] = (byte) 0x0F;
        Path damaged = dir.resolve("damaged-footer.parquet");
        Files.write(damaged, bytes);

        assertThatThrownBy(() -> BatchReader.read(damaged, ALL, 1))
                .isInstanceOf(IcecubeDataException.class)
                .hasMessageContaining(damaged.toString())
                .hasMessageContaining("parquet footer cannot be read");
    }

    @Test
    void aMissingColumnIsNamedWithTheColumnsFound() throws IOException {
        Path noTime = dir.resolve("no-time.parquet");
        ParquetFiles.writeBatch(noTime, batch.pulses(), WriteOptions.kaggle()
                .withColumnOrder(List.of(Column.SENSOR_ID, Column.CHARGE, Column.AUXILIARY, Column.EVENT_ID)));

        assertThatThrownBy(() -> BatchReader.read(noTime, Column.modelInputs(), 2))
                .isInstanceOf(IcecubeDataException.class)
                .hasMessageContaining(noTime.toString())
                .hasMessageContaining("missing required column 'time'")
                .hasMessageContaining("columns found: [sensor_id, charge, auxiliary, event_id]");
        // A projection that does not need the missing column still reads.
        PulseBatch charge = BatchReader.read(noTime, EnumSet.of(Column.CHARGE), 1);
        assertThat(charge.charge()).isEqualTo(batch.pulses().charge());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "charge|CAST(charge * 40 AS BIGINT) AS charge|expected float64|found INT64",
        "time|CAST(time AS DOUBLE) AS time|expected int64|found DOUBLE",
        "auxiliary|CAST(auxiliary AS INTEGER) AS auxiliary|expected boolean|found INT32",
        "sensor_id|CAST(sensor_id AS VARCHAR) AS sensor_id|expected int16|found BINARY",
        "time|make_timestamp(time) AS time|expected int64|found INT64 (TIMESTAMP"
    })
    void aColumnOfTheWrongTypeNamesTheExpectedAndTheFoundType(String spec) {
        String[] parts = spec.split("\\|");
        String column = parts[0];
        Path file = dir.resolve("wrong-" + column + "-" + Math.abs(spec.hashCode()) + ".parquet");
        TestData.duckdbCopy(good, file, "SELECT * REPLACE (" + parts[1] + ") FROM {src}", "");

        assertThatThrownBy(() -> BatchReader.read(file, ALL, 2))
                .isInstanceOf(IcecubeDataException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("column '" + column + "' has the wrong type")
                .hasMessageContaining(parts[2])
                .hasMessageContaining(parts[3]);
    }

    @ParameterizedTest(name = "parquet {0} pages")
    @ValueSource(strings = {"V1", "V2"})
    void aNullInALayoutColumnIsReportedWithItsColumnAndRow(String version) {
        Path file = dir.resolve("nulls-" + version + ".parquet");
        TestData.duckdbCopy(good, file, "SELECT * REPLACE (CASE WHEN time % 97 = 0 THEN NULL ELSE time END AS time)"
                + " FROM {src}", "PARQUET_VERSION " + version);
        long[] time = batch.pulses().time();
        int firstNull = 0;
        while (time[firstNull] % 97 != 0) {
            firstNull++;
        }

        assertThatThrownBy(() -> BatchReader.read(file, ALL, 2))
                .isInstanceOf(IcecubeDataException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("column 'time'")
                .hasMessageContaining("null")
                .hasMessageContaining("the layout has no nulls");
        if (version.equals("V1")) {
            // v1 pages carry definition levels only, so the exact row is known.
            assertThatThrownBy(() -> BatchReader.read(file, EnumSet.of(Column.TIME), 1))
                    .hasMessageContaining("holds a null at row " + firstNull);
        }
    }

    @Test
    void aSensorIdThatDoesNotFitInt16IsReported() {
        Path file = dir.resolve("sensor-too-big.parquet");
        TestData.duckdbCopy(good, file, "SELECT * REPLACE (CAST(sensor_id AS INTEGER) + 40000 AS sensor_id) "
                + "FROM {src}", "");

        assertThatThrownBy(() -> BatchReader.read(file, ALL, 1))
                .isInstanceOf(IcecubeDataException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("column 'sensor_id'")
                .hasMessageContaining("does not fit int16");
    }

    @Test
    void corruptPageDataIsReportedWithTheFileAndColumnNotAsARawParquetException() throws IOException {
        Path plain = dir.resolve("uncompressed.parquet");
        ParquetFiles.writeBatch(plain, batch.pulses(), WriteOptions.kaggle()
                .withCodec(org.apache.parquet.hadoop.metadata.CompressionCodecName.SNAPPY).withRowGroupRows(5_000)
                .withColumnOrder(List.of(Column.TIME)).withDictionary(false));
        byte[] bytes = Files.readAllBytes(plain);
        // Scramble the compressed body of the single page; headers (first bytes) and the footer stay intact.
        for (int i = 64; i < bytes.length / 2; i++) {
            bytes[i] = (byte) (i * 31);
        }
        Path corrupt = dir.resolve("corrupt-page.parquet");
        Files.write(corrupt, bytes);

        assertThatThrownBy(() -> BatchReader.read(corrupt, EnumSet.of(Column.TIME), 1))
                .isInstanceOf(IcecubeDataException.class)
                .hasMessageContaining(corrupt.toString())
                .hasMessageContaining("column 'time', row group 0");
    }

    @Test
    void aThreadCountBelowOneIsRejected() {
        assertThatThrownBy(() -> BatchReader.read(good, ALL, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("threads must be at least 1");
    }

    @Test
    void aMetaFileWithOnlyOneAngleIsReported() throws IOException {
        Path meta = dir.resolve("train_meta.parquet");
        ParquetFiles.writeMeta(meta, batch.meta(1, true, 3), WriteOptions.kaggle());
        Path oneAngle = dir.resolve("one-angle_meta.parquet");
        TestData.duckdbCopy(meta, oneAngle, "SELECT * EXCLUDE (zenith) FROM {src}", "");

        assertThatThrownBy(() -> MetaReader.read(oneAngle))
                .isInstanceOf(IcecubeDataException.class)
                .hasMessageContaining(oneAngle.toString())
                .hasMessageContaining("has 'azimuth' but not 'zenith'");
    }

    @Test
    void aMetaFileWithoutPulseIndicesNamesTheMissingColumn() throws IOException {
        Path meta = dir.resolve("full_meta.parquet");
        ParquetFiles.writeMeta(meta, batch.meta(1, false, 3), WriteOptions.kaggle());
        Path partial = dir.resolve("partial_meta.parquet");
        TestData.duckdbCopy(meta, partial, "SELECT * EXCLUDE (last_pulse_index) FROM {src}", "");

        assertThatThrownBy(() -> MetaReader.read(partial))
                .isInstanceOf(IcecubeDataException.class)
                .hasMessageContaining(partial.toString())
                .hasMessageContaining("missing required column 'last_pulse_index'")
                .hasMessageContaining("columns found: [batch_id, event_id, first_pulse_index]");
    }

    @Test
    void aTextFileGivenAsMetaIsNotParquet() throws IOException {
        Path text = dir.resolve("text_meta.parquet");
        Files.writeString(text, "batch_id,event_id\n1,24\n", StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> MetaReader.read(text))
                .isInstanceOf(IcecubeDataException.class)
                .hasMessageContaining(text.toString())
                .hasMessageContaining("not a parquet file");
    }

    /** The good batch with one value replaced, written with {@code options}. */
    private static Path withValue(String name, WriteOptions options, int row, short sensor, double charge)
            throws IOException {
        PulseBatch pulses = batch.pulses();
        short[] sensors = pulses.sensorId().clone();
        double[] charges = pulses.charge().clone();
        sensors[row] = sensor;
        charges[row] = charge;
        Path file = dir.resolve(name + ".parquet");
        ParquetFiles.writeBatch(file, new PulseBatch(pulses.size(), sensors, pulses.time(), charges,
                pulses.auxiliary(), pulses.eventId()), options);
        return file;
    }

    @ParameterizedTest(name = "sensor_id {0}")
    @ValueSource(shorts = {9999, 5160, -1})
    void aSensorIdOutsideTheGeometryNamesTheFileRowColumnValueAndRule(short sensor) throws IOException {
        int row = 3_456;
        // Row group 3 of 1,000-row groups, dictionary-encoded as the Kaggle files are.
        Path file = withValue("sensor-" + sensor, WriteOptions.kaggle().withRowGroupRows(1000), row, sensor,
                batch.pulses().charge()[row]);

        assertThatThrownBy(() -> BatchReader.read(file, ALL, 2))
                .isInstanceOf(IcecubeDataException.class)
                .hasMessage("'" + file + "': column 'sensor_id', row group 3: row 3456 holds sensor_id " + sensor
                        + ", but sensor_id must be a DOM of sensor_geometry.csv, 0..5159: fix or drop that row and"
                        + " write the file again");
    }

    @Test
    void aSensorIdOutsideTheGeometryIsFoundInPlainPagesAndVersionTwoPagesToo() throws IOException {
        Path file = withValue("sensor-plain-v2", WriteOptions.kaggle().withDictionary(false).withPageV2(true)
                .withSensorIdInt16(false), 4_999, (short) 9999, 1.0);

        assertThatThrownBy(() -> BatchReader.read(file, EnumSet.of(Column.SENSOR_ID), 1))
                .isInstanceOf(IcecubeDataException.class)
                .hasMessageContaining("column 'sensor_id'")
                .hasMessageContaining("row 4999 holds sensor_id 9999");
    }

    @ParameterizedTest(name = "charge {0}")
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void aChargeThatIsNotAFiniteNumberNamesTheFileRowColumnValueAndRule(double charge) throws IOException {
        for (boolean dictionary : new boolean[] {true, false}) {
            Path file = withValue("charge-" + charge + "-" + dictionary,
                    WriteOptions.kaggle().withDictionary(dictionary), 17, batch.pulses().sensorId()[17], charge);

            assertThatThrownBy(() -> BatchReader.read(file, ALL, 1))
                    .isInstanceOf(IcecubeDataException.class)
                    .hasMessage("'" + file + "': column 'charge', row group 0: row 17 holds charge " + charge
                            + ", but charge must be a finite number, not NaN or ±Infinity: fix or drop that row and"
                            + " write the file again");
        }
    }

    @Test
    void aColumnThatIsNotReadIsNotChecked() throws IOException {
        Path file = withValue("charge-not-read", WriteOptions.kaggle(), 17, (short) 9999, Double.NaN);

        assertThat(BatchReader.read(file, EnumSet.of(Column.TIME, Column.EVENT_ID), 1).size())
                .isEqualTo(batch.pulses().size());
    }
}
