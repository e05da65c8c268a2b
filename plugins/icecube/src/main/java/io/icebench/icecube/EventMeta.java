package io.icebench.icecube;

/**
 * The rows of a meta file ({@code train_meta.parquet}) in primitive arrays, in file order (sorted by batch, then
 * event). {@code lastPulse} is inclusive and pulse indices restart at 0 in every batch. Angles are {@code null}
 * for the test split. The arrays are shared, not copied; callers must not modify them.
 */
public final class EventMeta {

    private final long[] batchId;
    private final long[] eventId;
    private final long[] firstPulse;
    private final long[] lastPulse;
    private final double[] azimuth;
    private final double[] zenith;

    public EventMeta(long[] batchId, long[] eventId, long[] firstPulse, long[] lastPulse, double[] azimuth,
                     double[] zenith) {
        int n = batchId.length;
        if (eventId.length != n || firstPulse.length != n || lastPulse.length != n
                || (azimuth != null && azimuth.length != n) || (zenith != null && zenith.length != n)) {
            throw new IllegalArgumentException("meta columns differ in length");
        }
        if ((azimuth == null) != (zenith == null)) {
            throw new IllegalArgumentException("azimuth and zenith are both present or both absent");
        }
        this.batchId = batchId;
        this.eventId = eventId;
        this.firstPulse = firstPulse;
        this.lastPulse = lastPulse;
        this.azimuth = azimuth;
        this.zenith = zenith;
    }

    public int size() {
        return batchId.length;
    }

    public long[] batchId() {
        return batchId;
    }

    public long[] eventId() {
        return eventId;
    }

    public long[] firstPulse() {
        return firstPulse;
    }

    /** Inclusive. */
    public long[] lastPulse() {
        return lastPulse;
    }

    public boolean hasAngles() {
        return azimuth != null;
    }

    public double[] azimuth() {
        return azimuth;
    }

    public double[] zenith() {
        return zenith;
    }

    /** Pulses of the event at {@code row}. */
    public int pulses(int row) {
        return (int) (lastPulse[row] - firstPulse[row] + 1);
    }

    /**
     * The rows of one batch as {@code [from, to)}, found by binary search (rows are sorted by batch).
     * Empty ({@code from == to}) when the batch has no events.
     */
    public int[] rowsOfBatch(long batch) {
        return new int[] {lowerBound(batch), lowerBound(batch + 1)};
    }

    private int lowerBound(long batch) {
        int low = 0;
        int high = batchId.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (batchId[mid] < batch) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
