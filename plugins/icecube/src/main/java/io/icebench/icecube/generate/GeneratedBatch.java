package io.icebench.icecube.generate;

import io.icebench.icecube.PulseBatch;

/**
 * One generated batch in memory: the rows of {@code batch_<batchIndex + 1>.parquet} and its rows of the meta file.
 * Arrays are shared, not copied (record equality is identity of the arrays); callers must not modify them.
 *
 * @param batchIndex 0-based; the file and the meta's {@code batch_id} use {@link #batchId()}
 * @param pulses     all five columns, sorted by event, then by time within an event
 * @param eventIds   per event, strictly increasing (also across batches)
 * @param firstPulse per event, the row of its first pulse in this batch (0 for the first event)
 * @param lastPulse  per event, the row of its last pulse, inclusive; contiguous with the next event's first
 * @param azimuth    per event, radians in [0, 2π); the true direction, also for the test split (whose meta file
 *                   leaves it out)
 * @param zenith     per event, radians in [0, π], uniform in cos(zenith)
 */
public record GeneratedBatch(int batchIndex, PulseBatch pulses, long[] eventIds, long[] firstPulse,
                             long[] lastPulse, double[] azimuth, double[] zenith) {

    /** The 1-based batch id of the file name and of the meta file. */
    public int batchId() {
        return batchIndex + 1;
    }

    public int events() {
        return eventIds.length;
    }

    /** Pulses of the event at {@code event} (0-based within this batch). */
    public int pulsesOf(int event) {
        return (int) (lastPulse[event] - firstPulse[event] + 1);
    }
}
