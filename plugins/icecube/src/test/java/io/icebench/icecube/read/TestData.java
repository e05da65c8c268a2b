package io.icebench.icecube.read;

import io.icebench.icecube.EventMeta;
import io.icebench.icecube.PulseBatch;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** Small batches with the real data's shape, and DuckDB as a second parquet writer. */
final class TestData {

    private TestData() {
    }

    /** A batch with its events: {@code starts[e]} is the first row of event e, {@code starts[events]} the size. */
    record Batch(PulseBatch pulses, long[] eventIds, int[] starts) {
        int events() {
            return eventIds.length;
        }

        /** The meta rows of this batch as batch {@code batchId}. */
        EventMeta meta(long batchId, boolean angles, long seed) {
            int n = events();
            long[] batch = new long[n];
            long[] first = new long[n];
            long[] last = new long[n];
            Arrays.fill(batch, batchId);
            for (int e = 0; e < n; e++) {
                first[e] = starts[e];
                last[e] = starts[e + 1] - 1L;
            }
            SplittableRandom random = new SplittableRandom(seed);
            double[] azimuth = angles ? random.doubles(n, 0, 2 * Math.PI).toArray() : null;
            double[] zenith = angles ? random.doubles(n).map(u -> Math.acos(1 - 2 * u)).toArray() : null;
            return new EventMeta(batch, eventIds.clone(), first, last, azimuth, zenith);
        }
    }

    /**
     * About {@code rows} pulses (whole events, so slightly more): 5..300 pulses per event, sensor ids over the
     * detector, times sorted within an event, charge quantised as 0.025 + 0.05·n, 64% auxiliary.
     */
    static Batch batch(int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Integer> counts = new ArrayList<>();
        int total = 0;
        while (total < rows) {
            int n = 5 + random.nextInt(random.nextInt(10) == 0 ? 296 : 90);
            counts.add(n);
            total += n;
        }
        short[] sensor = new short[total];
        long[] time = new long[total];
        double[] charge = new double[total];
        boolean[] aux = new boolean[total];
        long[] eventColumn = new long[total];
        long[] eventIds = new long[counts.size()];
        int[] starts = new int[counts.size() + 1];
        int row = 0;
        long id = 24 + random.nextInt(100);
        for (int e = 0; e < counts.size(); e++) {
            eventIds[e] = id;
            starts[e] = row;
            long t = 5714 + random.nextInt(6000);
            for (int i = 0; i < counts.get(e); i++, row++) {
                sensor[row] = (short) random.nextInt(5160);
                t += random.nextInt(150);
                time[row] = t;
                charge[row] = 0.025 + 0.05 * random.nextInt(random.nextInt(8) == 0 ? 2000 : 60);
                aux[row] = random.nextDouble() < 0.64;
                eventColumn[row] = id;
            }
            id += 1 + random.nextInt(40);
        }
        starts[counts.size()] = total;
        return new Batch(new PulseBatch(total, sensor, time, charge, aux, eventColumn), eventIds, starts);
    }

    static void assertSamePulses(PulseBatch actual, PulseBatch expected) {
        assertThat(actual.size()).isEqualTo(expected.size());
        assertThat(actual.sensorId()).isEqualTo(expected.sensorId());
        assertThat(actual.time()).isEqualTo(expected.time());
        assertThat(actual.charge()).isEqualTo(expected.charge());
        assertThat(actual.auxiliary()).isEqualTo(expected.auxiliary());
        assertThat(actual.eventId()).isEqualTo(expected.eventId());
    }

    /** Runs SQL statements in a fresh in-memory DuckDB. */
    static void duckdb(String... statements) {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rewrites {@code source} with DuckDB: {@code select} reads {@code {src}}, the source's rows. */
    static void duckdbCopy(Path source, Path target, String select, String options) {
        duckdb("COPY (" + select.replace("{src}", "read_parquet('" + source.toAbsolutePath() + "')") + ") TO '"
                + target.toAbsolutePath() + "' (FORMAT parquet" + (options.isEmpty() ? "" : ", " + options) + ")");
    }

    /** Column name to the encodings DuckDB reports for its chunks (joined when several). */
    static java.util.Map<String, String> encodings(Path file) {
        java.util.Map<String, String> result = new java.util.TreeMap<>();
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = connection.createStatement();
             java.sql.ResultSet rows = statement.executeQuery("SELECT path_in_schema, string_agg(DISTINCT "
                     + "encodings, ',') FROM parquet_metadata('" + file.toAbsolutePath() + "') GROUP BY ALL")) {
            while (rows.next()) {
                result.put(rows.getString(1), rows.getString(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return result;
    }
}
