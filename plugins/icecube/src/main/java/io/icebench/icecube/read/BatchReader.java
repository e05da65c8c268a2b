package io.icebench.icecube.read;

import io.icebench.icecube.Column;
import io.icebench.icecube.PulseBatch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * Reads a batch file ({@code train/batch_N.parquet}) into a {@link PulseBatch}: one primitive array per requested
 * column, no object per pulse, columns found by name whatever the writer (order, codec, dictionary, row groups,
 * page version, optional or required, extra columns).
 *
 * <p>It uses parquet-hadoop's column-level API (footer, {@code readRowGroup}, page readers, data and dictionary
 * pages) with its own page decoders for the common encodings; see {@link ColumnarFile} for how the work is split
 * across threads. Every problem surfaces as an {@link io.icebench.icecube.IcecubeDataException} naming the file.
 */
public final class BatchReader {

    private static final String NEEDED = "the columns sensor_id (int16), time (int64), charge (float64), "
            + "auxiliary (boolean) and event_id (int64)";

    /** A read of part of a batch: {@code pulses} holds the batch's rows from {@code firstRow} on. */
    public record Rows(PulseBatch pulses, long firstRow) {
    }

    private BatchReader() {
    }

    /**
     * Reads {@code columns} of the whole file.
     *
     * @param threads decoding threads, the caller's included; 1 decodes on the caller's thread only
     */
    public static PulseBatch read(Path file, Set<Column> columns, int threads) {
        return read(DataFile.local(file), columns, threads, null);
    }

    /**
     * As {@link #read(Path, Set, int)}, reporting the decode work as it is done, for a benchmark that has to slow it
     * down where it happens: {@code afterWork} is called on the thread that did each unit, right after it, with its
     * elapsed nanoseconds. The units are opening the file and allocating its arrays (calling thread), then each
     * column chunk, or page range of a split chunk, on whichever decoding thread took it; waits are not reported.
     * It must be thread-safe when {@code threads > 1}.
     */
    public static PulseBatch read(Path file, Set<Column> columns, int threads, LongConsumer afterWork) {
        return read(DataFile.local(file), columns, threads, Objects.requireNonNull(afterWork, "afterWork"));
    }

    /** A local or remote file; {@code afterWork} null: nothing reported. */
    static PulseBatch read(DataFile file, Set<Column> columns, int threads, LongConsumer afterWork) {
        return read(file, columns, threads, afterWork, null);
    }

    /** As {@link #read(DataFile, Set, int, LongConsumer)}, into {@code reuse}'s arrays where they fit (may be null). */
    static PulseBatch read(DataFile file, Set<Column> columns, int threads, LongConsumer afterWork, PulseBatch reuse) {
        long start = System.nanoTime();
        try (ColumnarFile parquet = ColumnarFile.open(file, "batch file")) {
            return read(parquet, columns, threads, 0, parquet.rowGroups(), afterWork, start, reuse);
        }
    }

    /**
     * Reads {@code columns} of the row groups that hold rows {@code [fromRow, toRow)}: whole row groups, so the
     * result usually starts before {@code fromRow} and ends after {@code toRow}; {@link Rows#firstRow} says where.
     * This is how a few events are read without decoding the whole batch.
     */
    public static Rows readCovering(Path file, Set<Column> columns, long fromRow, long toRow, int threads) {
        return readCovering(DataFile.local(file), columns, fromRow, toRow, threads);
    }

    static Rows readCovering(DataFile file, Set<Column> columns, long fromRow, long toRow, int threads) {
        if (fromRow < 0 || toRow < fromRow) {
            throw new IllegalArgumentException("bad row range [" + fromRow + ", " + toRow + ")");
        }
        try (ColumnarFile parquet = ColumnarFile.open(file, "batch file")) {
            if (toRow > parquet.rows()) {
                throw file.error("rows [" + fromRow + ", " + toRow + ") were asked for, the batch file holds "
                        + parquet.rows());
            }
            int[] groups = parquet.rowGroupsCovering(fromRow, toRow);
            PulseBatch pulses = read(parquet, columns, threads, groups[0], groups[1], null, 0, null);
            return new Rows(pulses, groups[0] < parquet.rowGroups() ? parquet.rowGroupStart(groups[0])
                    : parquet.rows());
        }
    }

    /** The number of rows (pulses) in a batch file, from its footer alone. */
    public static long rowCount(Path file) {
        return rowCount(DataFile.local(file));
    }

    static long rowCount(DataFile file) {
        try (ColumnarFile parquet = ColumnarFile.open(file, "batch file")) {
            return parquet.rows();
        }
    }

    /**
     * {@code afterWork} null: nothing reported; else {@code start} is when the caller's first unit began. A column
     * whose array in {@code reuse} (may be null) is exactly as long is decoded into that array.
     */
    private static PulseBatch read(ColumnarFile parquet, Set<Column> columns, int threads, int firstGroup,
                                   int lastGroup, LongConsumer afterWork, long start, PulseBatch reuse) {
        Objects.requireNonNull(columns, "columns");
        long first = parquet.rowGroupStart(firstGroup);
        long end = lastGroup < parquet.rowGroups() ? parquet.rowGroupStart(lastGroup) : parquet.rows();
        int size = (int) (end - first);
        Map<Column, Target> targets = new EnumMap<>(Column.class);
        List<ColumnarFile.Request> requests = new ArrayList<>();
        for (Column column : Column.values()) {
            if (!columns.contains(column)) {
                continue;
            }
            Target.Kind kind = kind(column);
            var descriptor = parquet.column(column.columnName(), kind, NEEDED);
            Target target = Target.allocate(column.columnName(), kind, size, rule(column),
                    reuse == null ? null : reuse.array(column));
            targets.put(column, target);
            requests.add(new ColumnarFile.Request(descriptor, target));
        }
        if (afterWork != null) {
            afterWork.accept(System.nanoTime() - start);
        }
        parquet.read(requests, threads, firstGroup, lastGroup, afterWork);
        return new PulseBatch(size,
                targets.containsKey(Column.SENSOR_ID) ? targets.get(Column.SENSOR_ID).shorts : null,
                targets.containsKey(Column.TIME) ? targets.get(Column.TIME).longs : null,
                targets.containsKey(Column.CHARGE) ? targets.get(Column.CHARGE).doubles : null,
                targets.containsKey(Column.AUXILIARY) ? targets.get(Column.AUXILIARY).booleans : null,
                targets.containsKey(Column.EVENT_ID) ? targets.get(Column.EVENT_ID).longs : null);
    }

    /**
     * The data contract (docs/DATA.md): a pulse's DOM must exist, and its charge be a number. {@code time} is an
     * int64, so always finite; the meta file's angles are not model inputs and are not checked.
     */
    private static ValueRule rule(Column column) {
        return switch (column) {
            case SENSOR_ID -> ValueRule.SENSOR_ID;
            case CHARGE -> ValueRule.FINITE;
            case TIME, AUXILIARY, EVENT_ID -> ValueRule.ANY;
        };
    }

    private static Target.Kind kind(Column column) {
        return switch (column) {
            case SENSOR_ID -> Target.Kind.SHORT;
            case TIME, EVENT_ID -> Target.Kind.LONG;
            case CHARGE -> Target.Kind.DOUBLE;
            case AUXILIARY -> Target.Kind.BOOLEAN;
        };
    }
}
