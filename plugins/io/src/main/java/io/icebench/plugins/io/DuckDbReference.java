package io.icebench.plugins.io;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * DuckDB, embedded through JDBC, as the reference parquet reader: a mature, vectorised, multi-threaded C++ reader
 * that has to decode the same four columns to aggregate them. Its figures say what "fast" means for these files on
 * this machine, in the same run. One in-memory database per study; close it when done.
 */
final class DuckDbReference implements AutoCloseable {

    /** What one scan found; the sums let the caller check that DuckDB and our reader saw the same values. */
    record Scan(long rows, long sumSensorId, long sumTime, double sumCharge, long auxiliary) {
    }

    private final Connection connection;

    DuckDbReference(int threads) throws SQLException {
        connection = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET threads=" + threads);
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    String version() throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT version()")) {
            result.next();
            return result.getString(1);
        }
    }

    /** Scans the model columns of one batch file: every value of each is decoded and aggregated. */
    Scan scan(Path file) throws SQLException {
        String path = file.toAbsolutePath().toString().replace("'", "''");
        String sql = "SELECT count(*), sum(sensor_id), sum(time), sum(charge), count_if(auxiliary) "
                + "FROM read_parquet('" + path + "')";
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return new Scan(result.getLong(1), exact(result, 2), exact(result, 3), result.getDouble(4),
                    result.getLong(5));
        }
    }

    /** DuckDB sums integers as HUGEINT (128 bits); these sums fit in a long for any batch file. */
    private static long exact(ResultSet result, int column) throws SQLException {
        BigDecimal value = result.getBigDecimal(column);
        return value == null ? 0 : value.longValueExact();
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
