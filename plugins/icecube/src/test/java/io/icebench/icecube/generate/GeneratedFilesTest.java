package io.icebench.icecube.generate;

import io.icebench.icecube.Geometry;
import io.icebench.icecube.Split;
import io.icebench.icecube.parquet.WriteOptions;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reads generated files back with DuckDB: an independent parquet reader, so the files stand on their own. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class GeneratedFilesTest {

    private static final GeneratorSettings SETTINGS =
            new GeneratorSettings(2_500, 1_000, 11, Split.TRAIN, 1, WriteOptions.kaggle());

    @TempDir
    static Path dataset;
    private static GenerationSummary summary;
    private static final List<Long> progress = new CopyOnWriteArrayList<>();
    private static Connection duckdb;

    @BeforeAll
    static void generate_a_small_dataset() throws SQLException {
        summary = DatasetGenerator.generate(SETTINGS, dataset, progress::add);
        duckdb = DriverManager.getConnection("jdbc:duckdb:");
    }

    @AfterAll
    static void close() throws SQLException {
        duckdb.close();
    }

    @Test
    void the_dataset_has_the_kaggle_layout() {
        assertThat(dataset.resolve("train/batch_1.parquet")).isRegularFile();
        assertThat(dataset.resolve("train/batch_2.parquet")).isRegularFile();
        assertThat(dataset.resolve("train/batch_3.parquet")).isRegularFile();
        assertThat(dataset.resolve("train/batch_4.parquet")).doesNotExist();
        assertThat(dataset.resolve("train_meta.parquet")).isRegularFile();
        assertThat(dataset.resolve("sensor_geometry.csv")).isRegularFile();
    }

    @Test
    void the_geometry_file_is_the_real_one_byte_for_byte() throws IOException {
        try (InputStream embedded = Geometry.class.getResourceAsStream("/io/icebench/icecube/sensor_geometry.csv")) {
            assertThat(Files.readAllBytes(dataset.resolve("sensor_geometry.csv"))).isEqualTo(embedded.readAllBytes());
        }
        assertThat(Geometry.read(dataset.resolve("sensor_geometry.csv"))).isEqualTo(Geometry.embedded());
    }

    @Test
    void batch_files_have_the_kaggle_columns_and_types_in_the_kaggle_order() throws SQLException {
        Map<String, String> columns = new LinkedHashMap<>();
        try (ResultSet rows = query("DESCRIBE SELECT * FROM read_parquet('" + batch(1) + "')")) {
            while (rows.next()) {
                columns.put(rows.getString("column_name"), rows.getString("column_type"));
            }
        }
        assertThat(columns).containsExactly(Map.entry("sensor_id", "SMALLINT"), Map.entry("time", "BIGINT"),
                Map.entry("charge", "DOUBLE"), Map.entry("auxiliary", "BOOLEAN"), Map.entry("event_id", "BIGINT"));
    }

    @Test
    void the_meta_file_has_one_row_per_event_with_angles() throws SQLException {
        try (ResultSet row = query("SELECT count(*), count(DISTINCT event_id), min(batch_id), max(batch_id),"
                + " min(azimuth), max(azimuth), min(zenith), max(zenith) FROM read_parquet('" + meta() + "')")) {
            row.next();
            assertThat(row.getLong(1)).isEqualTo(2_500);
            assertThat(row.getLong(2)).isEqualTo(2_500);
            assertThat(row.getLong(3)).isEqualTo(1);
            assertThat(row.getLong(4)).isEqualTo(3);
            assertThat(row.getDouble(5)).isGreaterThanOrEqualTo(0);
            assertThat(row.getDouble(6)).isLessThan(2 * Math.PI);
            assertThat(row.getDouble(7)).isGreaterThanOrEqualTo(0);
            assertThat(row.getDouble(8)).isLessThanOrEqualTo(Math.PI);
        }
    }

    @Test
    void meta_pulse_indices_are_contiguous_per_batch_from_0_to_the_last_row() throws SQLException {
        for (int batchId = 1; batchId <= 3; batchId++) {
            List<long[]> ranges = new ArrayList<>();
            try (ResultSet rows = query("SELECT first_pulse_index, last_pulse_index FROM read_parquet('" + meta()
                    + "', file_row_number = true) WHERE batch_id = " + batchId + " ORDER BY file_row_number")) {
                while (rows.next()) {
                    ranges.add(new long[] {rows.getLong(1), rows.getLong(2)});
                }
            }
            long rowsInFile = scalar("SELECT count(*) FROM read_parquet('" + batch(batchId) + "')");
            assertThat(ranges).hasSize(batchId < 3 ? 1_000 : 500);
            assertThat(ranges.get(0)[0]).isZero();
            for (int i = 1; i < ranges.size(); i++) {
                assertThat(ranges.get(i)[0]).isEqualTo(ranges.get(i - 1)[1] + 1);
            }
            assertThat(ranges.get(ranges.size() - 1)[1]).isEqualTo(rowsInFile - 1);
        }
    }

    @Test
    void meta_rows_follow_batch_order_and_event_ids_increase_over_the_whole_dataset() throws SQLException {
        long outOfOrder = scalar("SELECT count(*) FROM (SELECT batch_id, event_id,"
                + " lag(event_id) OVER (ORDER BY file_row_number) AS previous,"
                + " lag(batch_id) OVER (ORDER BY file_row_number) AS previous_batch"
                + " FROM read_parquet('" + meta() + "', file_row_number = true))"
                + " WHERE event_id <= previous OR batch_id < previous_batch");
        assertThat(outOfOrder).isZero();
    }

    @Test
    void every_meta_event_has_exactly_its_pulses_in_its_batch_file() throws SQLException {
        for (int batchId = 1; batchId <= 3; batchId++) {
            long matching = scalar("SELECT count(*) FROM (SELECT event_id, count(*) AS n FROM read_parquet('"
                    + batch(batchId) + "') GROUP BY event_id) p JOIN (SELECT * FROM read_parquet('" + meta()
                    + "') WHERE batch_id = " + batchId + ") m USING (event_id)"
                    + " WHERE p.n = m.last_pulse_index - m.first_pulse_index + 1");
            assertThat(matching).isEqualTo(batchId < 3 ? 1_000 : 500);
        }
    }

    @Test
    void a_batch_file_holds_exactly_the_batch_generated_in_memory() throws SQLException {
        GeneratedBatch expected = DatasetGenerator.generateBatch(SETTINGS, 1);
        int size = expected.pulses().size();
        short[] sensor = new short[size];
        long[] time = new long[size];
        double[] charge = new double[size];
        boolean[] auxiliary = new boolean[size];
        long[] eventId = new long[size];
        int row = 0;
        try (ResultSet rows = query("SELECT sensor_id, time, charge, auxiliary, event_id FROM read_parquet('"
                + batch(2) + "', file_row_number = true) ORDER BY file_row_number")) {
            while (rows.next()) {
                sensor[row] = rows.getShort(1);
                time[row] = rows.getLong(2);
                charge[row] = rows.getDouble(3);
                auxiliary[row] = rows.getBoolean(4);
                eventId[row] = rows.getLong(5);
                row++;
            }
        }
        assertThat(row).isEqualTo(size);
        assertThat(sensor).isEqualTo(expected.pulses().sensorId());
        assertThat(time).isEqualTo(expected.pulses().time());
        assertThat(charge).isEqualTo(expected.pulses().charge());
        assertThat(auxiliary).isEqualTo(expected.pulses().auxiliary());
        assertThat(eventId).isEqualTo(expected.pulses().eventId());
    }

    @Test
    void sensor_ids_time_and_charge_are_in_the_real_ranges() throws SQLException {
        try (ResultSet row = query("SELECT min(sensor_id), max(sensor_id), min(time), max(time), min(charge),"
                + " max(charge) FROM read_parquet('" + dataset.resolve("train") + "/batch_*.parquet')")) {
            row.next();
            assertThat(row.getInt(1)).isGreaterThanOrEqualTo(0);
            assertThat(row.getInt(2)).isLessThanOrEqualTo(5_159);
            assertThat(row.getLong(3)).isGreaterThanOrEqualTo(5_714);
            assertThat(row.getLong(4)).isLessThanOrEqualTo(77_785);
            assertThat(row.getDouble(5)).isGreaterThanOrEqualTo(0.025);
            assertThat(row.getDouble(6)).isLessThanOrEqualTo(2_762);
        }
    }

    @Test
    void the_summary_matches_the_files() throws SQLException {
        long rows = scalar("SELECT count(*) FROM read_parquet('" + dataset.resolve("train") + "/batch_*.parquet')");
        assertThat(summary.events()).isEqualTo(2_500);
        assertThat(summary.batches()).isEqualTo(3);
        assertThat(summary.pulses()).isEqualTo(rows);
        assertThat(summary.extremeEvents()).isGreaterThanOrEqualTo(1);
        assertThat(summary.seconds()).isPositive();
    }

    @Test
    void progress_reports_increase_to_the_number_of_events() {
        assertThat(progress).isSorted().doesNotHaveDuplicates().hasSize(3).last().isEqualTo(2_500L);
        assertThat(progress).allSatisfy(done -> assertThat(done).isIn(500L, 1_000L, 1_500L, 2_000L, 2_500L));
    }

    @Test
    void a_test_split_has_a_meta_file_without_angles(@TempDir Path testSet) throws SQLException {
        GeneratorSettings settings = GeneratorSettings.of(300, 200, 3).withSplit(Split.TEST)
                .withWriteOptions(WriteOptions.kaggle().withCodec(CompressionCodecName.ZSTD));
        DatasetGenerator.generate(settings, testSet, done -> { });

        assertThat(testSet.resolve("test/batch_1.parquet")).isRegularFile();
        assertThat(testSet.resolve("test/batch_2.parquet")).isRegularFile();
        List<String> columns = new ArrayList<>();
        try (ResultSet rows = query("DESCRIBE SELECT * FROM read_parquet('" + testSet.resolve("test_meta.parquet")
                + "')")) {
            while (rows.next()) {
                columns.add(rows.getString("column_name"));
            }
        }
        assertThat(columns).containsExactly("batch_id", "event_id", "first_pulse_index", "last_pulse_index");
        assertThat(scalar("SELECT count(*) FROM read_parquet('" + testSet.resolve("test_meta.parquet") + "')"))
                .isEqualTo(300);
    }

    @Test
    void generating_into_a_folder_that_is_not_empty_is_refused(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve("leftover.txt"), "x");

        assertThatThrownBy(() -> DatasetGenerator.generate(SETTINGS, folder, done -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be empty");
    }

    @Test
    void generating_into_a_missing_folder_is_refused(@TempDir Path folder) {
        assertThatThrownBy(() -> DatasetGenerator.generate(SETTINGS, folder.resolve("missing"), done -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be an existing folder");
    }

    private static Path batch(int batchId) {
        return dataset.resolve("train").resolve("batch_" + batchId + ".parquet");
    }

    private static Path meta() {
        return dataset.resolve("train_meta.parquet");
    }

    private static ResultSet query(String sql) throws SQLException {
        Statement statement = duckdb.createStatement();
        statement.closeOnCompletion();
        return statement.executeQuery(sql);
    }

    private static long scalar(String sql) throws SQLException {
        try (ResultSet row = query(sql)) {
            row.next();
            return row.getLong(1);
        }
    }
}
