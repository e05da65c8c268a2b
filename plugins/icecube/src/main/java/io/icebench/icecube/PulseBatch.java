package io.icebench.icecube;

import java.util.EnumSet;
import java.util.Set;

/**
 * The pulses of one batch file (or a slice of one), column by column in primitive arrays: no object per pulse.
 * A column that was not read (projection) is {@code null} and {@link #has} says so.
 *
 * <p>The arrays are shared, not copied: this is the hot path of every plugin. Callers must not modify them.
 */
public final class PulseBatch {

    private final int size;
    private final short[] sensorId;
    private final long[] time;
    private final double[] charge;
    private final boolean[] auxiliary;
    private final long[] eventId;

    /**
     * @param size the number of pulses; every non-null array has exactly this length
     */
    public PulseBatch(int size, short[] sensorId, long[] time, double[] charge, boolean[] auxiliary,
                      long[] eventId) {
        this.size = size;
        this.sensorId = check(sensorId == null ? -1 : sensorId.length, size, Column.SENSOR_ID) ? sensorId : null;
        this.time = check(time == null ? -1 : time.length, size, Column.TIME) ? time : null;
        this.charge = check(charge == null ? -1 : charge.length, size, Column.CHARGE) ? charge : null;
        this.auxiliary = check(auxiliary == null ? -1 : auxiliary.length, size, Column.AUXILIARY) ? auxiliary : null;
        this.eventId = check(eventId == null ? -1 : eventId.length, size, Column.EVENT_ID) ? eventId : null;
    }

    private static boolean check(int length, int size, Column column) {
        if (length >= 0 && length != size) {
            throw new IllegalArgumentException("column " + column.columnName() + " has " + length
                    + " values, expected " + size);
        }
        return length >= 0;
    }

    public int size() {
        return size;
    }

    public boolean has(Column column) {
        return array(column) != null;
    }

    /** The column's array ({@code short[]}, {@code long[]}, {@code double[]} or {@code boolean[]}), or null. */
    public Object array(Column column) {
        return switch (column) {
            case SENSOR_ID -> sensorId;
            case TIME -> time;
            case CHARGE -> charge;
            case AUXILIARY -> auxiliary;
            case EVENT_ID -> eventId;
        };
    }

    /** The columns present. */
    public Set<Column> columns() {
        EnumSet<Column> present = EnumSet.noneOf(Column.class);
        for (Column column : Column.values()) {
            if (has(column)) {
                present.add(column);
            }
        }
        return present;
    }

    public short[] sensorId() {
        return require(sensorId, Column.SENSOR_ID);
    }

    public long[] time() {
        return require(time, Column.TIME);
    }

    public double[] charge() {
        return require(charge, Column.CHARGE);
    }

    public boolean[] auxiliary() {
        return require(auxiliary, Column.AUXILIARY);
    }

    public long[] eventId() {
        return require(eventId, Column.EVENT_ID);
    }

    /** Bytes held by the arrays present: what reading this batch cost in memory. */
    public long bytes() {
        long perPulse = (sensorId != null ? 2 : 0) + (time != null ? 8 : 0) + (charge != null ? 8 : 0)
                + (auxiliary != null ? 1 : 0) + (eventId != null ? 8 : 0);
        return perPulse * size;
    }

    private static <T> T require(T array, Column column) {
        if (array == null) {
            throw new IllegalStateException("column '" + column.columnName() + "' was not read; add it to the"
                    + " projection");
        }
        return array;
    }
}
