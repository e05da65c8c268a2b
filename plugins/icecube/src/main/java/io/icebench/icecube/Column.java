package io.icebench.icecube;

/**
 * The columns of a Kaggle batch file ({@code train/batch_N.parquet}), with their logical types. Readers find
 * columns by name, never by position: writers order them differently, and {@code event_id} comes last in the
 * Kaggle files because it was the pandas index.
 */
public enum Column {
    /** int16 in the Kaggle files (INT32 with an INT(16) annotation); plain INT32 from other writers is accepted. */
    SENSOR_ID("sensor_id"),
    /** int64, nanoseconds. */
    TIME("time"),
    /** float64, quantised as 0.025 + 0.05·n. */
    CHARGE("charge"),
    /** boolean. */
    AUXILIARY("auxiliary"),
    /** int64; rows are sorted by it. */
    EVENT_ID("event_id");

    private final String columnName;

    Column(String columnName) {
        this.columnName = columnName;
    }

    /** The column's name in the parquet files. */
    public String columnName() {
        return columnName;
    }

    /** The columns a DOM-level model needs; event boundaries come from the meta file. */
    public static java.util.EnumSet<Column> modelInputs() {
        return java.util.EnumSet.of(SENSOR_ID, TIME, CHARGE, AUXILIARY);
    }
}
